"""The tally page with the keyboard alone, on a 768 px wide tablet (issue 4)."""

import pytest
from playwright.sync_api import expect

from tests.visits.test_offline_browser import bus, expect_synced, open_tally, server_counts

pytestmark = pytest.mark.browser
__all__ = ["bus"]  # the fixture, imported for this module's tests


def test_staff_count_with_the_keyboard_alone_on_a_tablet(page, log_in, staff_user, bus):
    log_in(staff_user)
    open_tally(page, bus)
    assert page.viewport_size["width"] == 768
    # Nothing runs wider than the tablet's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 768

    plus_visits = page.locator("form.tally-tap[data-category='visits'][data-delta='1'] button")
    for _ in range(60):  # Tab through the page until the "+1 visits" button has the focus
        page.keyboard.press("Tab")
        if plus_visits.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the +1 button for visits")
    page.keyboard.press("Enter")
    page.keyboard.press("Space")

    expect(page.locator("output.tally-total[data-category='visits']")).to_have_text("2")
    expect_synced(page)
    assert server_counts(bus)["visits"] == 2
