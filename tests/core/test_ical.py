"""The VTIMEZONE the feeds carry: RRULEs as calendar programs write them, from the tz database."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from core.ical import new_calendar, parse_posix_tz, posix_tz, to_ical, vtimezone

H = datetime.timedelta(hours=1)


def test_copenhagen_is_written_as_thunderbird_writes_it():
    text = vtimezone("Europe/Copenhagen").to_ical().decode()
    lines = text.splitlines()
    daylight = lines[lines.index("BEGIN:DAYLIGHT") : lines.index("END:DAYLIGHT")]
    standard = lines[lines.index("BEGIN:STANDARD") : lines.index("END:STANDARD")]
    assert "DTSTART:19700329T020000" in daylight  # summer time begins at 02:00
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in daylight
    assert (daylight[-2], daylight[-1]) == ("TZOFFSETFROM:+0100", "TZOFFSETTO:+0200")
    assert "DTSTART:19701025T030000" in standard  # and ends at 03:00 summer time
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in standard
    assert "RDATE" not in text
    assert "2038" not in text


@pytest.mark.parametrize(
    ("text", "standard", "daylight", "starts", "ends"),
    [
        ("CET-1CEST,M3.5.0,M10.5.0/3", H, 2 * H, (3, 5, 0, 2 * H), (10, 5, 0, 3 * H)),
        ("EST5EDT,M3.2.0,M11.1.0", -5 * H, -4 * H, (3, 2, 0, 2 * H), (11, 1, 0, 2 * H)),
        ("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 10.5 * H, 11 * H, (10, 1, 0, 2 * H), None),
        ("JST-9", 9 * H, None, None, None),
        ("<-03>3", -3 * H, None, None, None),
    ],
)
def test_posix_tz_strings_are_read(text, standard, daylight, starts, ends):
    zone = parse_posix_tz(text)
    assert zone.standard_offset == standard
    assert zone.daylight_offset == daylight
    if starts:
        change = zone.daylight_starts
        assert (change.month, change.week, change.weekday, change.at) == starts
    if ends:
        change = zone.daylight_ends
        assert (change.month, change.week, change.weekday, change.at) == ends


@pytest.mark.parametrize(
    "text", ["", "CET", "CET-1CEST,J60,J300", "<-04>4<-03>,M9.1.6/24,M4.1.6/24"]
)
def test_rules_that_cannot_be_written_as_rrules_are_refused(text):
    with pytest.raises(ValueError):
        parse_posix_tz(text)


@pytest.mark.parametrize(
    "key", ["Europe/Copenhagen", "America/New_York", "Australia/Sydney", "Asia/Tokyo"]
)
def test_the_vtimezone_agrees_with_the_tz_database_every_day_for_a_decade(key):
    """icalendar builds a zone from our VTIMEZONE alone; its offsets match zoneinfo's."""
    written = vtimezone(key).to_tz(lookup_tzid=False)
    truth = ZoneInfo(key)
    day = datetime.datetime(2025, 1, 1, 12)
    while day.year < 2036:
        assert day.replace(tzinfo=written).utcoffset() == day.replace(tzinfo=truth).utcoffset(), day
        day += datetime.timedelta(days=1)


def test_posix_tz_is_the_end_of_the_zones_file():
    assert posix_tz("Europe/Copenhagen") == "CET-1CEST,M3.5.0,M10.5.0/3"


def test_each_zone_in_use_gets_one_vtimezone_before_the_events(settings):
    calendar = new_calendar(prodid="-//test//EN", name="Test")
    for key in ("Europe/Copenhagen", "America/New_York", "Europe/Copenhagen"):
        event = Event()
        event.add("uid", f"{key}@test")
        event.add("dtstamp", datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC))
        event.add("dtstart", datetime.datetime(2027, 7, 1, 17, tzinfo=ZoneInfo(key)))
        calendar.add_component(event)
    parsed = Calendar.from_ical(to_ical(calendar))
    names = [c.name for c in parsed.subcomponents]
    assert names == ["VTIMEZONE", "VTIMEZONE", "VEVENT", "VEVENT", "VEVENT"]
    assert sorted(str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/Copenhagen",
    ]
    assert str(parsed["X-WR-TIMEZONE"]) == settings.TIME_ZONE
