"""Focus rings the keyboard journeys found missing, each tested on its own."""

import pytest
from playwright.sync_api import expect

from tests.browser.journeys.drivers import assert_focus_visible
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.browser


def test_a_date_field_keeps_its_ring_while_its_calendar_button_has_the_focus(
    page, log_in, staff_user
):
    """Chromium's date field takes Tab stops for day, month, year and the calendar button;
    on the button the design system's :focus ring vanished (static/css/varmestue.css)."""
    SiteFactory(slug="pavillonen", name="Pavillonen")
    log_in(staff_user)
    page.goto("/visits/")
    date = page.get_by_label("Dato")
    page.get_by_label("Sted").focus()
    on_button = "field => field === document.activeElement && !field.matches(':focus')"
    for _ in range(4):  # day, month, year, then the calendar button
        page.keyboard.press("Tab")
        expect(date).to_be_focused()
        assert_focus_visible(page)
        if date.evaluate(on_button):
            break
    else:
        pytest.fail("Tab never reached the date field's calendar button")
    assert date.evaluate("field => getComputedStyle(field).outlineStyle") == "solid"
