"""Journey 1: staff log a day's tallies at the pavilion in Korsør."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from core.roles import Role
from sites.models import Site
from tests.browser.journeys.drivers import follow_main_menu
from tests.core.factories import UserFactory
from visits.models import DailyCount

pytestmark = pytest.mark.browser

PAVILION = "Pavillonen i Korsør"


@pytest.fixture
def pavilion(live_url):
    call_command("load_reference_data", stdout=io.StringIO())
    # The reference data has the pavilion in use in the second half of 2021; this winter a
    # coordinator has taken it into use again, so it is on today's list of sites.
    Site.objects.filter(slug="pavillon-korsoer").update(in_use_until=None)
    return Site.objects.get(slug="pavillon-korsoer")


@pytest.fixture
def staff(live_url):
    return UserFactory(username="mette", first_name="Mette", last_name="Holm", role=Role.STAFF)


def tap_button(page, code: str, delta: int):
    return page.locator(f"form.tally-tap[data-category='{code}'][data-delta='{delta}'] button")


def total(page, code: str):
    return page.locator(f"output.tally-total[data-category='{code}']")


def open_the_pavilion(driver, page):
    """From any page: the main menu's "Tælling", then the pavilion in the site picker."""
    follow_main_menu(driver, page, "Tælling")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Tælling"))
    driver.choose(page.get_by_label("Sted"), PAVILION)
    driver.go(page.get_by_role("button", name="Vis", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Tælling: {PAVILION}")
    expect(page.locator("#tally-app")).to_have_attribute("data-site", "pavillon-korsoer")
    expect(page.locator("#tally-app")).to_have_attribute("data-ready", "true")


def test_staff_log_a_days_tallies_at_the_pavilion(driver, page, staff, pavilion):
    driver.start(staff)
    open_the_pavilion(driver, page)
    expect(page.get_by_text("Der tælles for i dag.")).to_be_visible()
    driver.skip_to_content()

    # Seven visitors, three of them women, five breakfasts and a counselling talk; one
    # breakfast tapped too many is taken back with -1.
    expected = {"visits": 7, "visits-women": 3, "breakfast": 5, "counselling": 1}
    for code, delta, times in [
        ("visits", 1, 7),
        ("visits-women", 1, 3),
        ("breakfast", 1, 6),
        ("breakfast", -1, 1),
        ("counselling", 1, 1),
    ]:
        for press in range(times):
            # Enter and Space both press a button; the keyboard driver uses each.
            driver.activate(tap_button(page, code, delta), key="Space" if press % 2 else "Enter")
    for code, count in expected.items():
        expect(total(page, code)).to_have_text(str(count))

    status = page.locator("#tally-status")
    expect(status).to_have_attribute("data-pending", "0")
    expect(status).to_have_attribute("data-state", "synced")
    saved = dict(
        DailyCount.objects.filter(site=pavilion, date=timezone.localdate()).values_list(
            "category__code", "count"
        )
    )
    assert {code: count for code, count in saved.items() if count} == expected

    # Opened afresh, the page shows the day's counts from the server.
    open_the_pavilion(driver, page)
    for code, count in expected.items():
        expect(total(page, code)).to_have_text(str(count))
    expect(total(page, "hot-lunch")).to_have_text("0")
