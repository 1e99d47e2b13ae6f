"""The browser infrastructure works: chromium starts, pages load under the strict CSP."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_login_page_loads_in_danish_without_script_errors(page):
    page.goto("/login/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    expect(page.get_by_label("Brugernavn")).to_be_visible()
    assert page.evaluate("window.isSecureContext") is True


def test_log_in_gives_the_browser_a_session(page, log_in, staff_user):
    log_in(staff_user)

    page.goto("/")

    expect(page.locator(".vs-user")).to_contain_text("Logget ind som")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Godt at se dig")


def test_an_expired_session_sends_the_browser_to_the_login_page(
    page, log_in, log_out_everywhere, staff_user
):
    log_in(staff_user)
    assert log_out_everywhere(staff_user) == 1

    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
