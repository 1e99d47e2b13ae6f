"""The header on a tablet and a phone: language and account behind one button, so the tally
page starts at once (issue 19 item 10)."""

import pytest
from playwright.sync_api import expect

from core.roles import Role
from tests.core.factories import UserFactory
from tests.sites.factories import SiteFactory
from tests.visits.factories import TallyCategoryFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def staff(live_url):
    SiteFactory(slug="korsoer", name="Varmestuen i Korsør")
    TallyCategoryFactory(code="visits", name_da="Besøg i alt", name_en="Visits in total")
    return UserFactory(username="mette", first_name="Mette", last_name="Holm", role=Role.STAFF)


def test_the_first_tally_button_is_in_view_on_a_tablet(page, log_in, staff):
    log_in(staff)  # the page's viewport is a 768x1024 tablet
    page.goto("/visits/?site=korsoer")
    button = page.locator(".vs-tally-button").first
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 1024
    expect(page.locator(".vs-header-wide")).to_be_hidden()
    # The account button opens a menu with the language, the password and logging out.
    account = page.locator(".vs-account > summary")
    expect(account).to_contain_text("Mette")
    account.click()
    menu = page.locator(".vs-account-menu")
    expect(menu.get_by_text("Logget ind som")).to_be_visible()
    expect(menu.get_by_role("link", name="Skift adgangskode")).to_be_visible()
    menu.get_by_role("button", name="Log ud").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")


def test_a_wide_screen_shows_the_tools_inline(new_context, live_url, log_in, staff):
    context = new_context(viewport={"width": 1280, "height": 900})
    log_in(staff, context=context)
    page = context.new_page()
    page.goto(f"{live_url}/visits/?site=korsoer")
    expect(page.locator(".vs-account")).to_be_hidden()
    expect(page.locator(".vs-user")).to_contain_text("Logget ind som Mette Holm")
