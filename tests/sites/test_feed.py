"""The public calendar feeds (all sites, and one per site), read by ical.js and icalendar."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from core.ical import to_ical
from sites.feed import openings_calendar
from tests.calendars.readers import read_with_icalendar, read_with_icaljs
from tests.sites.factories import ExtraOpeningFactory, SiteFactory, WeeklyHoursFactory

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
T = datetime.time
D = datetime.date
YEARS = (2027, 2028, 2029)


def test_the_feed_parses_with_the_right_times_and_stable_uids(client):
    site = SiteFactory(name="Place", address="Torvet 1")
    WeeklyHoursFactory(site=site, weekday=4, opens=T(20), closes=T(8))
    first = client.get("/schedule.ics")
    assert first.status_code == 200
    assert first["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(first.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= 8
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    for event in events:
        starts, ends = event.decoded("dtstart"), event.decoded("dtend")
        assert (starts.astimezone(CPH).weekday(), starts.astimezone(CPH).time()) == (4, T(20))
        assert ends.astimezone(CPH).time() == T(8)
        assert event["location"] == "Torvet 1"
    second = Calendar.from_ical(client.get("/schedule.ics").content)
    assert [e["uid"] for e in events] == [e["uid"] for e in second.walk("VEVENT")]
    assert len({e["uid"] for e in events}) == len(events)


def _evening_site(name: str):
    """Open 17:00-21:00 Monday to Friday, and Saturday night 20:00 to Sunday 08:00: that night
    holds the change of the clocks in both March and October."""
    site = SiteFactory(name=name, closes_on_holidays=False)
    for weekday in range(5):
        WeeklyHoursFactory(site=site, weekday=weekday, opens=T(17), closes=T(21))
    WeeklyHoursFactory(site=site, weekday=5, opens=T(20), closes=T(8))
    return site


def _check_wall_clock(events, *, expect_offsets=(1, 2)):
    """Every event starts and ends at its Copenhagen wall-clock hours, on both sides of a
    change (both UTC offsets occur)."""
    offsets = set()
    for event in events:
        starts, ends = event.starts.astimezone(CPH), event.ends.astimezone(CPH)
        if starts.weekday() == 5 and starts.hour == 20:
            assert (ends.weekday(), ends.time()) == (6, T(8)), event
        else:
            assert (starts.time(), ends.time()) == (T(17), T(21)), event
        offsets.add(starts.utcoffset() // datetime.timedelta(hours=1))
    assert offsets == set(expect_offsets)


@pytest.mark.parametrize("site_only", [False, True], ids=["all-sites", "one-site"])
def test_times_are_right_across_the_changes_of_three_years_in_icaljs_and_icalendar(site_only):
    site = _evening_site("Evening place")
    other = _evening_site("Other place")
    feeds = []
    for year in YEARS:
        for month in (3, 10):  # two months from the 20th: the last Sunday is inside
            calendar = openings_calendar(
                today=D(year, month, 20),
                stamp=datetime.datetime(year, month, 20, tzinfo=datetime.UTC),
                site=site if site_only else None,
            )
            feeds.append(to_ical(calendar))
    for feed, icaljs in zip(feeds, read_with_icaljs(*feeds), strict=True):
        icalendar = read_with_icalendar(feed)
        # Ten weeks (a week back, 62 days ahead): five evenings and one night a week each.
        assert len(icaljs) == len(icalendar) == 60 * (1 if site_only else 2)
        assert {e.zone for e in icaljs} == {e.zone for e in icalendar} == {"Europe/Copenhagen"}
        _check_wall_clock(icaljs)
        _check_wall_clock(icalendar)
        assert {e.uid for e in icaljs} == {e.uid for e in icalendar}
        slugs = {site.slug} if site_only else {site.slug, other.slug}
        assert {e.uid.split("-20")[0] for e in icaljs} == {f"open-{slug}" for slug in slugs}


def test_the_night_of_the_spring_change_is_an_hour_shorter_in_icaljs():
    site = _evening_site("Night place")
    feed = to_ical(
        openings_calendar(
            today=D(2028, 3, 20), stamp=datetime.datetime.now(datetime.UTC), site=site
        )
    )
    (events,) = read_with_icaljs(feed)
    night = next(e for e in events if e.starts.astimezone(CPH).date() == D(2028, 3, 25))
    assert night.ends - night.starts == datetime.timedelta(hours=11)


def test_a_site_has_its_own_feed_with_only_its_openings(client):
    mine = SiteFactory(name="Mine", slug="mine", address="Havnen 2")
    WeeklyHoursFactory(site=mine, weekday=2, opens=T(9), closes=T(12))
    other = SiteFactory(name="Other", slug="other")
    WeeklyHoursFactory(site=other, weekday=2, opens=T(13), closes=T(15))
    starts = datetime.datetime.now(CPH).replace(microsecond=0) + datetime.timedelta(days=3)
    ExtraOpeningFactory(site=mine, starts=starts, ends=starts + datetime.timedelta(hours=2))
    response = client.get(reverse("sites:site_calendar_feed", kwargs={"slug": "mine"}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="varmestue-mine.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert "Mine" in str(calendar["X-WR-CALNAME"])
    events = calendar.walk("VEVENT")
    assert len(events) >= 9
    assert {str(e["summary"]) for e in events} == {"Varmestuen åben: Mine"}
    assert any(str(e["uid"]).startswith("extra-mine-") for e in events)
    # The same opening keeps its UID in the all-sites feed.
    everything = Calendar.from_ical(client.get(reverse("sites:calendar_feed")).content)
    all_uids = {str(e["uid"]) for e in everything.walk("VEVENT")}
    assert {str(e["uid"]) for e in events} < all_uids


def test_an_unknown_site_has_no_feed(client):
    assert client.get("/schedule/nowhere.ics").status_code == 404


def test_the_schedule_and_the_site_page_link_each_sites_feed(client, staff_client):
    site = SiteFactory(name="Linked", slug="linked")
    WeeklyHoursFactory(site=site, weekday=0)
    feed = reverse("sites:site_calendar_feed", kwargs={"slug": "linked"})
    assert f'href="{feed}"' in client.get(reverse("sites:schedule")).content.decode()
    detail = staff_client.get(reverse("sites:site_detail", kwargs={"slug": "linked"}))
    assert f'href="{feed}"' in detail.content.decode()
