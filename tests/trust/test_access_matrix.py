"""The access-control matrix: every URL of the project, every role, the declared outcome.

Each app classifies its URL names in tests/<app>/access.py (format: tests/access.py). This
module walks the whole URLconf, fails for a URL that nobody classified (or that has no name),
and requests every classified URL as every role. The Django admin is checked on its own.
"""

from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, include, path, reverse
from django.urls.resolvers import RegexPattern

from tests.access import PUBLIC, ROLES, Access
from tests.trust.urlwalk import (
    LazyUsers,
    collected_access,
    is_admin,
    matches,
    outcome,
    unclassified,
    walk,
)

ACCESS = collected_access()
ROUTES = list(walk())


def _ids() -> list[str]:
    seen: Counter = Counter()
    ids = []
    for entry in ACCESS:
        base = entry.url_name if entry.method == "get" else f"{entry.url_name}[{entry.method}]"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return ids


def _view(request):  # a stand-in view for the walker's own test
    raise AssertionError


CASES = [
    pytest.param(entry, role, id=f"{case_id}-{role}")
    for entry, case_id in zip(ACCESS, _ids(), strict=True)
    for role in ROLES
]


def test_every_url_is_named_and_classified():
    missing = unclassified(ROUTES, ACCESS)
    assert not missing, (
        "Unclassified URLs: name them and add them to ACCESS in tests/<app>/access.py "
        "(see tests/access.py):\n  " + "\n  ".join(missing)
    )


def test_the_walker_finds_unnamed_and_unclassified_urls_in_nested_namespaces():
    inner = ([path("x/<int:pk>/", _view, name="secret"), path("y/", _view)], "inner")
    outer = ([path("in/", include(inner)), path("z/", _view, name="known")], "outer")
    resolver = URLResolver(RegexPattern(r"^/"), [path("o/", include(outer))])
    routes = list(walk(resolver))
    assert {r.name for r in routes} == {"outer:inner:secret", None, "outer:known"}
    missing = unclassified(routes, [Access("outer:known", PUBLIC)])
    assert missing == ["(no name)  (o/in/y/)", "outer:inner:secret  (o/in/x/<int:pk>/)"]


def test_every_classified_name_exists():
    names = {r.name for r in ROUTES}
    stale = sorted({entry.url_name for entry in ACCESS} - names)
    assert not stale, f"ACCESS entries for URL names that no longer exist: {stale}"


@pytest.fixture
def users(db):
    return LazyUsers()


@pytest.mark.django_db
@pytest.mark.parametrize(("entry", "role"), CASES)
def test_role_gets_the_declared_outcome(entry, role, users):
    kwargs = entry.kwargs(users) if entry.kwargs else {}
    try:
        url = reverse(entry.url_name, kwargs=kwargs)
    except NoReverseMatch as error:
        pytest.fail(f"{entry.url_name}: the kwargs in ACCESS do not reverse: {error}")
    if entry.query:
        url = f"{url}?{entry.query}"
    client = Client()
    if users[role] is not None:
        client.force_login(users[role])
    for name, value in (entry.cookies(users) if entry.cookies else {}).items():
        client.cookies[name] = value
    response = getattr(client, entry.method)(url, data=entry.data)
    expected, actual = entry.expect[role], outcome(response)
    assert matches(expected, actual), (
        f"{entry.method.upper()} {url} as {role}: expected {expected!r}, got {actual!r} "
        f"(HTTP {response.status_code}, Location {response.get('Location')!r})"
    )


# The Django admin: only superusers (is_staff) get in. Anonymous users meet a login page
# (the project's LoginRequiredMiddleware answers before the admin's own check on model pages);
# logged-in users without is_staff meet the admin login.

ADMIN_PAGES = sorted(
    r.name
    for r in ROUTES
    if r.name
    and is_admin(r)
    and "<" not in r.route
    and "(?P" not in r.route
    and r.name not in ("admin:login", "admin:logout")
)
# Pages a superuser opens without parameters (add pages of read-only models answer 403).
SUPERUSER_PAGES = [
    name
    for name in ADMIN_PAGES
    if name.endswith("_changelist") or name in ("admin:index", "admin:password_change")
]


def _login_redirect(response, url: str, login_paths: tuple[str, ...]) -> bool:
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    return location.path in login_paths and parse_qs(location.query).get("next") == [url]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ADMIN_PAGES)
@pytest.mark.parametrize("role", [r for r in ROLES if r != "superuser"])
def test_admin_turns_away_everyone_but_superusers(name, role, users):
    client = Client()
    login_paths: tuple[str, ...] = (reverse("admin:login"), reverse("login"))
    if users[role] is not None:
        client.force_login(users[role])
        login_paths = (reverse("admin:login"),)
    url = reverse(name)
    response = client.get(url)
    assert _login_redirect(response, url, login_paths), (
        f"{url} as {role}: HTTP {response.status_code}, Location {response.get('Location')!r}"
    )


@pytest.mark.django_db
@pytest.mark.lenient_templates
@pytest.mark.parametrize("name", SUPERUSER_PAGES)
def test_superusers_reach_the_admin(name, superuser_client):
    response = superuser_client.get(reverse(name))
    assert response.status_code == 200, f"{name}: HTTP {response.status_code}"


def test_the_admin_index_is_among_the_admin_pages_checked():
    assert "admin:index" in SUPERUSER_PAGES
    assert "admin:core_auditentry_changelist" in SUPERUSER_PAGES
