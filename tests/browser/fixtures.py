"""Playwright fixtures for every test directory: see tests/browser/conftest.py."""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_js_errors: the page may log JavaScript errors")


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(f"{reason} REQUIRE_BROWSER_TESTS=1, so browser tests must run.")
    pytest.skip(f"{reason} Real-browser tests skipped (install it: `make browsers`).")


def chromium_executable() -> str | None:
    """Where Debian's chromium is: CHROMIUM_EXECUTABLE, else `chromium` on the PATH."""
    configured = os.environ.get("CHROMIUM_EXECUTABLE")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in the test requirements
        _unavailable("Playwright for Python is not installed.")
    from playwright.sync_api import expect

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # A loaded CI machine is slower than a laptop; auto-waiting makes the margin free.
    expect.set_options(timeout=TIMEOUT_MS)
    manager = sync_playwright().start()
    yield manager
    manager.stop()


@pytest.fixture(scope="session")
def chromium(_playwright):
    executable = chromium_executable()
    if executable is None:
        _unavailable("No chromium found (CHROMIUM_EXECUTABLE or `chromium` on the PATH).")
    try:
        browser = _playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    except Exception as error:  # noqa: BLE001 - any launch failure means "no browser"
        _unavailable(f"Chromium at {executable} did not start: {error}.")
    yield browser
    browser.close()


@pytest.fixture
def live_url(live_server) -> str:
    from core.roles import ensure_role_groups

    ensure_role_groups()  # a transactional test's flush deletes the migration's groups
    return live_server.url


@pytest.fixture
def new_context(chromium, live_url):
    contexts = []

    def _new_context(**options):
        settings = {
            "base_url": live_url,
            "locale": "da-DK",
            "timezone_id": "Europe/Copenhagen",
            "viewport": {"width": 768, "height": 1024},
            **options,
        }
        context = chromium.new_context(**settings)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield _new_context
    for context in contexts:
        context.close()


@pytest.fixture
def browser_context(new_context):
    return new_context()


@pytest.fixture
def page(request, browser_context):
    page = browser_context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(f"uncaught: {error}"))

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            page.js_errors.append(f"CSP: {message.text}")

    page.on("console", on_console)
    yield page
    if request.node.get_closest_marker("allow_js_errors") is None and page.js_errors:
        pytest.fail("The page had JavaScript errors: " + "; ".join(page.js_errors))


@pytest.fixture
def log_in(browser_context, live_url):
    from django.conf import settings
    from django.test import Client

    def _log_in(user, context=None) -> str:
        client = Client()
        client.force_login(user)
        session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
        (context or browser_context).add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": live_url}]
        )
        return session_key

    return _log_in


@pytest.fixture
def log_out_everywhere(live_url):
    from django.contrib.sessions.models import Session

    def _log_out_everywhere(user) -> int:
        doomed = [
            session.pk
            for session in Session.objects.all()
            if session.get_decoded().get("_auth_user_id") == str(user.pk)
        ]
        return Session.objects.filter(pk__in=doomed).delete()[0]

    return _log_out_everywhere
