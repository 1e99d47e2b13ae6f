"""Journey 3: a volunteer takes a free shift, finds it in "Mine vagter" and in the calendar."""

import datetime
import io
import urllib.request

import pytest
from django.core.management import call_command
from django.utils import formats, timezone
from icalendar import Calendar
from playwright.sync_api import expect

from core.roles import Role
from sites.models import Site
from tests.browser.journeys.drivers import follow_main_menu
from tests.core.factories import UserFactory
from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    TrainingSessionFactory,
    VolunteerFactory,
    at,
)
from volunteers.models import ShiftAssignment, TrainingTopic, VolunteerRole

pytestmark = pytest.mark.browser

NOTE = "Aftenvagt: suppe og samtale"
HOST = "Social vært og samtalepartner"
HELPER = "Praktisk medhjælper"


@pytest.fixture
def korsor(live_url, settings):
    call_command("load_reference_data", stdout=io.StringIO())
    # No PUBLIC_BASE_URL: the calendar address is the one the browser asked on (any port).
    settings.VARMESTUE = {**settings.VARMESTUE, "PUBLIC_BASE_URL": ""}
    return Site.objects.get(slug="korsoer")


@pytest.fixture
def frida(korsor):
    user = UserFactory(username="frida", first_name="Frida", last_name="Berg", role=Role.VOLUNTEER)
    roles = VolunteerRole.objects.filter(code__in=["social-host", "practical-helper"])
    volunteer = VolunteerFactory(user=user, first_name="Frida", last_name="Berg", roles=roles)
    TrainingSessionFactory(
        topic=TrainingTopic.objects.get(code="introduction"), attendees=[volunteer]
    )
    return volunteer


@pytest.fixture
def evening_shift(korsor):
    """Five days from now, 15-19: a host and two helpers wanted; Karsten is one helper."""
    host, helper = (VolunteerRole.objects.get(code=c) for c in ("social-host", "practical-helper"))
    shift = ShiftFactory(
        site=korsor, starts=at(5, 15), ends=at(5, 19), note=NOTE, needs={helper: 2, host: 1}
    )
    ShiftAssignmentFactory(
        shift=shift, volunteer=VolunteerFactory(first_name="Karsten"), role=helper
    )
    return shift


@pytest.fixture
def morning_shift(korsor):
    """Another open shift, so the volunteer has a choice."""
    host = VolunteerRole.objects.get(code="social-host")
    return ShiftFactory(site=korsor, starts=at(6, 9), ends=at(6, 13), needs={host: 2})


def day_label(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'l j. F')}, {local:%H:%M}–"


def test_a_volunteer_takes_a_free_shift_and_finds_it_in_the_calendar(
    driver, page, live_url, frida, evening_shift, morning_shift
):
    driver.start(frida.user)
    follow_main_menu(driver, page, "Mine vagter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine vagter")
    expect(page.get_by_text("Du har ingen kommende vagter.")).to_be_visible()

    offer = page.locator("li.vs-shift", has_text=NOTE)
    expect(offer).to_contain_text("Varmestuen i Korsør")
    role = offer.get_by_label("Rolle")
    expect(role.locator("option")).to_have_text([HELPER, HOST])
    driver.choose(role, HOST)
    driver.go(offer.get_by_role("button", name="Tag vagten"))

    expect(page.get_by_role("status")).to_contain_text("Du har taget vagten")
    upcoming = page.locator(
        "li.vs-shift", has=page.locator("summary", has_text="Meld afbud til denne vagt")
    )
    expect(upcoming).to_have_count(1)
    expect(upcoming).to_contain_text(day_label(evening_shift.starts))
    expect(upcoming).to_contain_text(f"Varmestuen i Korsør · {HOST} · {NOTE}")
    expect(upcoming).to_contain_text("Også på vagten: Karsten")
    # The morning shift is still on offer; the evening one is not.
    expect(
        page.locator("li.vs-shift", has=page.get_by_role("button", name="Tag vagten"))
    ).to_have_count(1)
    assignment = ShiftAssignment.objects.get(volunteer=frida)
    assert (assignment.shift, assignment.role.code) == (evening_shift, "social-host")

    # The private calendar address, as a calendar app subscribes to it (no login).
    address = page.get_by_label("Kalenderadresse")
    driver.reach(address)
    feed_url = address.input_value()
    assert feed_url == f"{live_url}/volunteers/feed/{frida.feed_token}.ics"
    with urllib.request.urlopen(feed_url, timeout=10) as response:  # noqa: S310 - checked above
        assert response.headers["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.read())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == evening_shift.starts
    assert event.decoded("dtend") == evening_shift.ends
    assert str(event["dtstart"].params.get("TZID")) == "Europe/Copenhagen"
    assert str(event["summary"]) == f"Vagt på Varmestuen i Korsør ({HOST})"
    assert str(event["description"]) == NOTE

    # Cancelling asks first, then says which shift was cancelled, in Danish words.
    driver.activate(upcoming.locator("summary"))
    confirm = upcoming.get_by_role("button", name="Ja, meld afbud")
    expect(confirm).to_be_visible()
    expect(upcoming).to_contain_text("Vil du melde afbud til din vagt")
    assert ShiftAssignment.objects.filter(volunteer=frida).exists()
    driver.go(confirm)
    # Mid-sentence the weekday is lower case, as Danish writes it.
    expect(page.get_by_role("status")).to_contain_text(
        f"Du har meldt afbud til din vagt {day_label(evening_shift.starts).lower()}"
    )
    assert not ShiftAssignment.objects.filter(volunteer=frida).exists()
