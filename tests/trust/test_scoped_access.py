"""The access matrix's operator dimension: URL × role × own operator's site / another's.

For every classified URL whose object belongs to a site (`other_operator` in its Access),
as each role the URL lets in (staff, coordinator, manager): a user scoped to the operator
running every site the URL's kwargs made gets the role's outcome (or `own_operator`); a
user scoped to another operator, with a site of its own, gets `other_operator`.

A URL whose kwargs make a site but that declares neither is reported, so a new page about a
site's object joins this dimension from the start; SCOPE_PENDING lists the URLs of apps not
yet limited to a scoped user's sites (issue 22), each to be removed as it is.
"""

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from core.roles import Role
from sites.models import Site, UserScope
from tests.access import Access
from tests.core.factories import UserFactory
from tests.sites.factories import OperatorFactory, SiteFactory, SiteOperationFactory
from tests.trust.test_access_matrix import ACCESS, _ids
from tests.trust.urlwalk import LazyUsers, matches, outcome

ROLE_GROUPS = {"staff": Role.STAFF, "coordinator": Role.COORDINATOR, "manager": Role.MANAGER}

# Apps whose pages do not yet limit a scoped user to their sites (issue 22 item 2): their
# site-bound URLs are left out of the dimension until they are. Remove a name when it is done.
SCOPE_PENDING_APPS = ("visits:", "volunteers:", "partners:", "feedback:", "planning:", "reports:")

SCOPED = [
    pytest.param(entry, role, id=f"{case_id}-{role}")
    for entry, case_id in zip(ACCESS, _ids(), strict=True)
    if entry.other_operator is not None and entry.other_operator != "as_role"
    for role in ROLE_GROUPS
    if entry.expect[role] == "ok"
]


def _scoped_user(role: str, name: str, operator) -> object:
    user = UserFactory(username=name, role=ROLE_GROUPS[role])
    UserScope.objects.create(user=user, operator=operator)
    return user


def _request(entry: Access, user, users) -> tuple[str, str]:
    kwargs = entry.kwargs(users) if entry.kwargs else {}
    url = reverse(entry.url_name, kwargs=kwargs)
    if entry.query:
        url = f"{url}?{entry.query}"
    return url, kwargs


def _get(entry: Access, url: str, user, users):
    client = Client()
    client.force_login(user)
    for name, value in (entry.cookies(users) if entry.cookies else {}).items():
        client.cookies[name] = value
    return getattr(client, entry.method)(url, data=entry.data)


@pytest.mark.django_db
@pytest.mark.parametrize(("entry", "role"), SCOPED)
def test_a_user_scoped_to_the_sites_operator_gets_the_roles_outcome(entry, role):
    users = LazyUsers()
    url, _kwargs = _request(entry, None, users)
    own = OperatorFactory(slug="own-operator")
    for site in Site.objects.all():
        SiteOperationFactory(site=site, operator=own)
    response = _get(entry, url, _scoped_user(role, "own", own), users)
    expected = entry.own_operator or entry.expect[role]
    assert matches(expected, outcome(response)), (
        f"{entry.method.upper()} {url} as {role} of the site's operator: expected {expected!r}, "
        f"got {outcome(response)!r} (HTTP {response.status_code})"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("entry", "role"), SCOPED)
def test_a_user_scoped_to_another_operator_is_refused(entry, role):
    users = LazyUsers()
    url, _kwargs = _request(entry, None, users)
    other = OperatorFactory(slug="other-operator")
    SiteOperationFactory(site=SiteFactory(slug="others-own-site"), operator=other)
    response = _get(entry, url, _scoped_user(role, "other", other), users)
    assert matches(entry.other_operator, outcome(response)), (
        f"{entry.method.upper()} {url} as {role} of another operator: expected "
        f"{entry.other_operator!r}, got {outcome(response)!r} (HTTP {response.status_code})"
    )


@pytest.mark.django_db
def test_every_url_about_a_sites_object_declares_how_a_scoped_user_is_answered():
    users = LazyUsers()
    undeclared = []
    for entry in ACCESS:
        if entry.kwargs is None or entry.other_operator is not None:
            continue
        if entry.url_name.startswith(SCOPE_PENDING_APPS):
            continue
        before = set(Site.objects.values_list("pk", flat=True))
        entry.kwargs(users)
        if Site.objects.filter(~Q(pk__in=before)).exists():
            undeclared.append(entry.url_name)
    assert not undeclared, (
        "These URLs are about a site's object: give their Access an `other_operator` "
        "(tests/access.py): " + ", ".join(sorted(set(undeclared)))
    )
