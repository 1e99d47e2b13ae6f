"""The public schedule in a real browser: fits a phone, no CSP violations, the form works."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def reference(transactional_db):
    call_command("load_reference_data", stdout=io.StringIO())


def test_the_schedule_fits_a_phone_and_the_time_form_works(new_context, live_url, reference):
    context = new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto("/schedule/?at=2026-11-23T10:00")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hvor og hvornår har varmestuen åbent?"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_label("Vis situationen på et andet tidspunkt").fill("2026-11-23T18:00")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.locator("#now-heading + ul")).to_contain_text("Bussen i Korsør Syd")
    page.screenshot(path="/tmp/sites-schedule-phone.png", full_page=True)
    assert errors == []
