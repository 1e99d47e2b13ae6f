"""The personal calendar feed: parsed with icalendar; stable UIDs; Copenhagen times; revocable."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.calendars.readers import read_with_icalendar, read_with_icaljs
from tests.volunteers.factories import ShiftAssignmentFactory, ShiftFactory, VolunteerFactory, at
from volunteers.feed import uid_for
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


def _events(client, volunteer):
    response = client.get(reverse("volunteers:feed", args=[volunteer.feed_token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT"), Calendar.from_ical(response.content)


def test_the_feed_lists_the_volunteers_shifts_in_copenhagen_time(client):
    volunteer = VolunteerFactory()
    shift = ShiftFactory(starts=at(3, 9), ends=at(3, 13))
    ShiftAssignmentFactory(volunteer=volunteer, shift=shift)
    ShiftAssignmentFactory(shift=ShiftFactory(note="someone else's"))  # not in this feed
    events, calendar = _events(client, volunteer)
    assert len(events) == 1
    start = events[0].decoded("dtstart")
    assert start == shift.starts
    assert start.utcoffset() == shift.starts.astimezone(CPH).utcoffset()
    assert start.astimezone(CPH).hour == 9
    assert events[0].decoded("dtend").astimezone(CPH).hour == 13
    assert shift.site.name in str(events[0]["summary"])
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["tzid"]) for tz in timezones] == ["Europe/Copenhagen"]


def test_uids_are_stable_and_unique(client):
    volunteer = VolunteerFactory()
    for day in (2, 3):
        ShiftAssignmentFactory(volunteer=volunteer, shift=ShiftFactory(starts=at(day, 9)))
    first, _ = _events(client, volunteer)
    again, _ = _events(client, volunteer)
    uids = [str(e["uid"]) for e in first]
    assert len(set(uids)) == 2
    assert uids == [str(e["uid"]) for e in again]


def test_the_uid_survives_a_new_token(client):
    volunteer = VolunteerFactory()
    ShiftAssignmentFactory(volunteer=volunteer)
    before, _ = _events(client, volunteer)
    volunteer.feed_token = "renewed-token-for-test"
    volunteer.save()
    after, _ = _events(client, volunteer)
    assert str(before[0]["uid"]) == str(after[0]["uid"])


def test_renewing_revokes_the_old_address(volunteer_client, volunteer_user, client):
    volunteer = VolunteerFactory(user=volunteer_user)
    old = volunteer.feed_token
    volunteer_client.post(reverse("volunteers:feed_renew"))
    volunteer.refresh_from_db()
    assert volunteer.feed_token != old
    assert client.get(reverse("volunteers:feed", args=[old])).status_code == 404
    assert client.get(reverse("volunteers:feed", args=[volunteer.feed_token])).status_code == 200


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("volunteers:feed", args=["nope"])).status_code == 404


def test_an_anonymised_volunteers_feed_is_gone(client):
    volunteer = VolunteerFactory(
        status=Volunteer.Status.LEFT, left_on=datetime.date.today(), started_on=None
    )
    token = volunteer.feed_token
    from volunteers.services import anonymise

    anonymise(volunteer=volunteer, actor=None)
    assert client.get(reverse("volunteers:feed", args=[token])).status_code == 404


def test_the_feed_across_daylight_saving(client):
    """A shift in summer time is +02:00, in winter +01:00: times stay 9 o'clock locally."""
    volunteer = VolunteerFactory()
    summer = datetime.datetime(2027, 7, 1, 9, tzinfo=CPH)
    ShiftAssignmentFactory(
        volunteer=volunteer,
        shift=ShiftFactory(starts=summer, ends=summer + datetime.timedelta(hours=3)),
    )
    events, _ = _events(client, volunteer)
    start = events[0].decoded("dtstart")
    assert start.astimezone(CPH).hour == 9
    assert start.utcoffset() == datetime.timedelta(hours=2)


def _last_sunday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def test_shifts_around_the_changes_of_three_years_keep_their_times_in_icaljs_and_icalendar(
    client,
):
    """A 17:00 shift is at 17:00 on both sides of the spring and autumn changes, in the
    calendar programs built on ical.js (Thunderbird, Nextcloud) and in icalendar."""
    volunteer = VolunteerFactory()
    expected = {}
    for year in (2027, 2028, 2029):
        for month in (3, 10):
            change = _last_sunday(year, month)
            for day in (change - datetime.timedelta(days=2), change + datetime.timedelta(days=1)):
                starts = datetime.datetime.combine(day, datetime.time(17), tzinfo=CPH)
                assignment = ShiftAssignmentFactory(
                    volunteer=volunteer,
                    shift=ShiftFactory(starts=starts, ends=starts + datetime.timedelta(hours=4)),
                )
                expected[uid_for(assignment)] = starts
    feed = client.get(reverse("volunteers:feed", args=[volunteer.feed_token])).content
    (icaljs,) = read_with_icaljs(feed)
    for reader in (icaljs, read_with_icalendar(feed)):
        assert {e.uid: e.starts for e in reader} == expected
        assert {e.zone for e in reader} == {"Europe/Copenhagen"}
        for event in reader:
            local = event.starts.astimezone(CPH), event.ends.astimezone(CPH)
            assert (local[0].time(), local[1].time()) == (datetime.time(17), datetime.time(21))
    offsets = {e.starts.astimezone(CPH).utcoffset() for e in icaljs}
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
