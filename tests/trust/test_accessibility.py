"""Accessibility: axe-core finds no WCAG 2.1 A/AA or best-practice violation on any page.

Every named URL outside the Django admin is a page in tests/trust/axe_pages.py, audited here
in Danish and in English as a role that may open it, with the reference and demo data loaded;
or it is listed there as not a page, and the claim is checked against the view. Key states are
audited too: forms with errors, the login flow (a wrong password, the lockout, the two-factor
step), the 403, 404 and 500 pages, an expired form (the CSRF page), an htmx swap, and a phone's
width. One browser context per role and language, one live server and one data load keep it
fast; each page is a subtest, so a run reports every page that fails, not only the first.
"""

import io
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template import loader
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.axe import axe_violations, describe, load_axe_in_every_page, start_axe
from tests.trust.axe_pages import (
    DEMO_USERS,
    FILE,
    FLOW,
    FRAGMENT,
    MOBILE_PAGES,
    NOT_PAGES,
    PAGES,
    POST_ONLY,
    REDIRECT,
    add_audit_data,
)
from tests.trust.urlwalk import LazyUsers, collected_access, is_admin, walk

ROUTES = [route for route in walk() if not is_admin(route)]
ACCESS = collected_access()
LANGUAGES = {"da": "da-DK", "en": "en-GB"}  # the language cookie, and the browser's locale
PHONE = {"width": 375, "height": 812}
SKIP_LINK_EN = "Skip to content"  # base.html's first link, to tell the languages apart


# What is audited, and what is not: fast checks without a browser.


def test_every_url_is_an_audited_page_or_explained():
    audited = {page.url_name for page in PAGES}
    missing = sorted(
        f"{route.name or '(no name)'}  ({route.route})"
        for route in ROUTES
        if route.name not in audited and route.name not in NOT_PAGES
    )
    assert not missing, (
        "URLs the accessibility audit does not know: add a Page to PAGES in "
        "tests/trust/axe_pages.py, or say in NOT_PAGES why it is not an HTML page:\n  "
        + "\n  ".join(missing)
    )


def test_the_audit_lists_name_existing_urls_once():
    names = {route.name for route in ROUTES}
    audited = {page.url_name for page in PAGES + MOBILE_PAGES}
    assert audited - names == set(), "audited pages that no longer exist"
    assert set(NOT_PAGES) - names == set(), "NOT_PAGES entries that no longer exist"
    assert audited & set(NOT_PAGES) == set(), "both audited and explained away"
    kinds = {kind for kind, _reason in NOT_PAGES.values()}
    assert kinds <= {POST_ONLY, REDIRECT, FILE, FRAGMENT, FLOW}


def test_each_page_is_visited_as_a_role_that_may_open_it():
    allowed = defaultdict(set)
    for entry in ACCESS:
        if entry.method == "get":
            allowed[entry.url_name] |= {role for role, out in entry.expect.items() if out == "ok"}
    wrong = [page.label for page in PAGES + MOBILE_PAGES if page.role not in allowed[page.url_name]]
    assert not wrong, f"not allowed by tests/<app>/access.py: {wrong}"


CHECKED_CLAIMS = [
    pytest.param(name, kind, id=name) for name, (kind, _reason) in NOT_PAGES.items() if kind != FLOW
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kind"), CHECKED_CLAIMS)
def test_what_is_not_audited_is_really_not_a_page(name, kind):
    entry = next(entry for entry in ACCESS if entry.url_name == name)
    users = LazyUsers()
    url = reverse(name, kwargs=entry.kwargs(users) if entry.kwargs else {})
    client = Client()
    client.force_login(users["superuser"])
    response = client.get(f"{url}?{entry.query}" if entry.query else url)
    content_type = response.get("Content-Type", "")
    if kind == POST_ONLY:
        assert response.status_code == 405, f"GET {url}: HTTP {response.status_code}"
    elif kind == REDIRECT:
        assert 300 <= response.status_code < 400, f"GET {url}: HTTP {response.status_code}"
    elif kind == FILE:
        assert response.status_code in (200, 405), f"GET {url}: HTTP {response.status_code}"
        assert not content_type.startswith("text/html"), f"GET {url} is HTML: audit it"
    else:
        assert response.status_code == 200, f"GET {url}: HTTP {response.status_code}"
        assert b"<html" not in response.content, f"GET {url} is a whole page: audit it"


# The audit in a real browser.


@pytest.fixture
def demo_data(live_url):
    call_command("load_reference_data", stdout=io.StringIO())
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    add_audit_data()


@pytest.fixture
def open_tab(new_context, log_in, live_url):
    """A tab in a new context for a role ("anonymous" or a user) and a language."""

    def _open_tab(who, language: str, **options):
        context = new_context(locale=LANGUAGES[language], **options)
        load_axe_in_every_page(context)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_url}]
        )
        if who != "anonymous":
            user = who
            if isinstance(who, str):
                user = get_user_model().objects.get(username=DEMO_USERS[who])
            log_in(user, context=context)
        tab = context.new_page()
        tab.js_errors = []
        tab.on("pageerror", lambda error: tab.js_errors.append(f"uncaught: {error}"))
        tab.on(
            "console",
            lambda message: (
                message.type == "error"
                and "Content Security Policy" in message.text
                and tab.js_errors.append(f"CSP: {message.text}")
            ),
        )
        return tab

    return _open_tab


def _visit(tab, url: str, status: int = 200) -> list[str]:
    response = tab.goto(url)
    problems = []
    if response.status != status:
        problems.append(f"HTTP {response.status}, expected {status}")
    if urlsplit(tab.url).path != urlsplit(url).path:
        problems.append(f"ended at {tab.url}")
    return problems


def _audit(tab, language: str) -> list[str]:
    """What is wrong with the page the tab shows now: axe's violations, the language, scripts."""
    problems = []
    shown = tab.evaluate("document.documentElement.lang")
    if shown != language:
        problems.append(f'<html lang="{shown}">, expected "{language}"')
    skip_link = tab.locator("a.skipnav")
    if skip_link.count():  # every page but the flat 500 page
        text = skip_link.first.text_content().strip()
        if (text == SKIP_LINK_EN) != (language == "en"):
            problems.append(
                f"the page is not in {language!r}: its skip link says {text!r} "
                "(are the translations compiled? make compilemessages)"
            )
    violations = axe_violations(tab)
    if violations:
        problems.append(describe(violations))
    if tab.js_errors:
        problems.append("JavaScript errors: " + "; ".join(tab.js_errors))
        tab.js_errors.clear()
    return problems


def _report(label: str, url: str, problems: list[str]) -> str:
    return f"{label} ({url}):\n" + "\n".join(problems)


def _by_role(pages) -> dict[str, list]:
    grouped = defaultdict(list)
    for page in pages:
        grouped[page.role].append(page)
    return grouped


def _audit_side_by_side(
    subtests, tabs: dict, label: str, url: str, prepare=None, cookies: list | None = None
) -> None:
    """Open `url` in each language's tab and audit them, axe running in both at once."""
    problems = {}
    for language, tab in tabs.items():
        if cookies:
            tab.context.add_cookies(cookies)
        problems[language] = _visit(tab, url)
        if prepare:
            prepare(tab)
        start_axe(tab)
    for language, tab in tabs.items():
        with subtests.test(msg=f"[{language}] {label}"):
            found = problems[language] + _audit(tab, language)
            if found:
                pytest.fail(_report(f"[{language}] {label}", url, found), pytrace=False)


def _tabs(open_tab, role: str, **options) -> dict:
    return {language: open_tab(role, language, **options) for language in LANGUAGES}


def _close(tabs: dict) -> None:
    for tab in tabs.values():
        tab.context.close()


def _edit_first_task_in_place(tab) -> None:
    tab.locator("a[href$='/quick/']").first.click()
    tab.locator("tr.vs-editing form").wait_for()


def _open_more_menu(tab) -> None:
    tab.locator(".vs-nav .more-button").click()
    tab.locator("#fds-more-menu").wait_for()


def _cookies(page, live_url: str) -> list[dict] | None:
    """The page's extra cookies (a kiosk's token) for Playwright, scoped to the page's URL."""
    if not page.cookies:
        return None
    url = live_url + page.url()
    return [{"name": name, "value": value, "url": url} for name, value in page.cookies().items()]


@pytest.mark.browser
def test_every_page_passes_axe_in_danish_and_english(subtests, demo_data, open_tab, live_url):
    for role, pages in _by_role(PAGES).items():
        tabs = _tabs(open_tab, role)
        for page in pages:
            cookies = _cookies(page, live_url)
            _audit_side_by_side(subtests, tabs, page.label, page.url(), cookies=cookies)
        _close(tabs)

    # The htmx swap on the timeline: a task's row becomes its in-place edit form.
    tabs = _tabs(open_tab, "coordinator")
    label = "planning:timeline as coordinator, a task edited in place"
    url = reverse("planning:timeline")
    _audit_side_by_side(subtests, tabs, label, url, prepare=_edit_first_task_in_place)
    _close(tabs)

    # A phone's width: the header wraps, wide tables scroll.
    for role, pages in _by_role(MOBILE_PAGES).items():
        tabs = _tabs(open_tab, role, viewport=PHONE)
        for page in pages:
            cookies = _cookies(page, live_url)
            label = f"{page.label}, 375 px"
            _audit_side_by_side(subtests, tabs, label, page.url(), cookies=cookies)
        _close(tabs)

    # ... and the menu's links that do not fit move behind DKFDS's "More" button.
    tabs = _tabs(open_tab, "coordinator", viewport=PHONE)
    label = "core:dashboard as coordinator, 375 px, the menu's More opened"
    _audit_side_by_side(subtests, tabs, label, reverse("core:dashboard"), prepare=_open_more_menu)
    with subtests.test(msg="[en] the menu's More button is in English"):
        expect(tabs["en"].locator(".vs-nav .more-button")).to_have_text("More")
    _close(tabs)


def _submit(tab, status: int = 200) -> list[str]:
    """Submit the page's (first) form and wait for the page it leads to."""
    with tab.expect_navigation() as navigation:
        tab.locator("main form[method='post'] button[type='submit']").first.click()
    answered = navigation.value.status
    return [] if answered == status else [f"HTTP {answered}, expected {status}"]


@pytest.fixture
def two_factor_user(db):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.roles import Role
    from tests.core.factories import UserFactory

    user = UserFactory(username="dagny", role=Role.MANAGER)
    TOTPDevice.objects.create(user=user, name="Varmestue", confirmed=True)
    return user


@pytest.mark.browser
def test_key_states_pass_axe_in_danish_and_english(
    subtests, open_tab, live_url, staff_user, coordinator_user, volunteer_user, two_factor_user
):
    def check(label: str, tab, language: str, problems: list[str]) -> None:
        with subtests.test(msg=f"[{language}] {label}"):
            problems = problems + _audit(tab, language)
            if problems:
                pytest.fail(_report(f"[{language}] {label}", tab.url, problems), pytrace=False)

    for language in LANGUAGES:
        tab = open_tab("anonymous", language)
        problems = _visit(tab, "/login/")
        tab.locator("#id_username").fill(f"eve-{language}")
        tab.locator("#id_password").fill("not the password")
        check("login, a wrong password", tab, language, problems + _submit(tab))
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 2):
            tab.locator("#id_password").fill("not the password")
            _submit(tab)
        tab.locator("#id_password").fill("not the password")
        check("login, locked out", tab, language, _submit(tab, status=429))
        check("404 page", tab, language, _visit(tab, "/no-such-page/", status=404))
        tab.context.close()

        tab = open_tab("anonymous", language)
        _visit(tab, "/login/")
        tab.locator("#id_username").fill(two_factor_user.username)
        tab.locator("#id_password").fill("correct horse battery staple")
        problems = _submit(tab)
        on_step = [] if urlsplit(tab.url).path == reverse("login_verify") else [f"at {tab.url}"]
        check("login, the two-factor step", tab, language, problems + on_step)
        tab.locator("#id_token").fill("abcdef")
        check("login, a malformed code", tab, language, _submit(tab))
        tab.context.close()

        tab = open_tab(volunteer_user, language)
        check("403 page", tab, language, _visit(tab, reverse("sites:site_list"), status=403))
        problems = _visit(tab, reverse("password_change"))
        tab.locator("#id_old_password").fill("not the password")
        tab.locator("#id_new_password1").fill("a new password 1")
        tab.locator("#id_new_password2").fill("another password 2")
        check("password change, with errors", tab, language, problems + _submit(tab))
        tab.context.close()

        tab = open_tab(coordinator_user, language)
        problems = _visit(tab, reverse("sites:site_create"))
        check("a new site, empty form", tab, language, problems + _submit(tab))
        _visit(tab, reverse("sites:site_create"))
        tab.context.clear_cookies(name="csrftoken")  # the form has expired
        check("the form has expired (CSRF)", tab, language, _submit(tab, status=403))
        check("404 page, logged in", tab, language, _visit(tab, "/no-such-page/", status=404))
        tab.context.close()

        tab = open_tab(staff_user, language)
        url = reverse("visits:figures") + "?start=1.1.2025&end=soon"
        check("figures, invalid dates", tab, language, _visit(tab, url))
        tab.context.close()


@pytest.mark.browser
def test_the_flat_500_page_passes_axe(open_tab):
    """The 500 page is bilingual (Danish, with an English paragraph) and renders without the
    database, so it is served here as the server would send it rather than provoked."""
    tab = open_tab("anonymous", "da")
    html = loader.render_to_string("500.html")
    tab.route(
        "**/server-error/",
        lambda route: route.fulfill(status=500, content_type="text/html; charset=utf-8", body=html),
    )
    problems = _visit(tab, "/server-error/", status=500) + _audit(tab, "da")
    if problems:
        pytest.fail(_report("500 page", "/server-error/", problems), pytrace=False)


@pytest.mark.browser
def test_a_table_is_in_the_tab_order_only_while_it_scrolls(page, log_in, staff_user):
    from tests.sites.factories import OperatorFactory, SiteFactory, SiteOperationFactory

    SiteOperationFactory(
        site=SiteFactory(name="Varmestuen ved Stranden"),
        operator=OperatorFactory(name="Rusmiddelcenter Slagelse"),
    )
    log_in(staff_user)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("sites:site_list"))
    wrap = page.locator(".vs-table-wrap").first
    assert wrap.get_attribute("tabindex") is None

    page.set_viewport_size({"width": 320, "height": 800})
    expect(wrap).to_have_attribute("tabindex", "0")
    expect(wrap).to_have_attribute("role", "region")
    expect(wrap).to_have_attribute("aria-label", "Alle steder")
    wrap.focus()
    assert wrap.evaluate("wrap => getComputedStyle(wrap).outlineStyle") == "solid"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("wrap => wrap.scrollLeft > 0", arg=wrap.element_handle())

    page.set_viewport_size({"width": 1280, "height": 800})
    expect(wrap).not_to_have_attribute("tabindex", "0")
    expect(wrap).not_to_have_attribute("role", "region")
