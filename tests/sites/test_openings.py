"""Concrete openings: weekly hours, periods, midnight, daylight saving, closures, holidays."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from sites.selectors import next_openings, open_now, opening_intervals
from tests.sites.factories import (
    ClosureFactory,
    ExtraOpeningFactory,
    SiteFactory,
    WeeklyHoursFactory,
)

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
UTC = datetime.UTC
D = datetime.date
T = datetime.time


def at(*args) -> datetime.datetime:
    """A Copenhagen wall-clock moment (first occurrence if ambiguous)."""
    return datetime.datetime(*args, tzinfo=CPH).astimezone(UTC).astimezone(CPH)


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def test_weekly_hours_give_one_opening_per_matching_weekday():
    hours = WeeklyHoursFactory(weekday=1, opens=T(9), closes=T(15))  # Tuesdays
    result = opening_intervals(sites=[hours.site], start=D(2026, 11, 16), end=D(2026, 11, 29))
    openings = result[hours.site.pk]
    assert [o.starts for o in openings] == [at(2026, 11, 17, 9), at(2026, 11, 24, 9)]
    assert [o.ends for o in openings] == [at(2026, 11, 17, 15), at(2026, 11, 24, 15)]
    assert all(o.starts.utcoffset() == datetime.timedelta(hours=1) for o in openings)
    assert not any(o.is_extra for o in openings)


def test_a_site_asked_about_without_hours_gets_an_empty_list():
    site = SiteFactory()
    assert opening_intervals(sites=[site.pk], start=D(2026, 1, 1), end=D(2026, 1, 7)) == {
        site.pk: []
    }


def test_hours_apply_only_within_their_valid_period():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, opens=T(9), closes=T(12), valid_until=D(2026, 11, 22))
    WeeklyHoursFactory(site=site, opens=T(13), closes=T(16), valid_from=D(2026, 11, 23))
    openings = opening_intervals(sites=[site], start=D(2026, 11, 16), end=D(2026, 11, 30))[site.pk]
    assert [(o.starts, o.ends) for o in openings] == [
        (at(2026, 11, 16, 9), at(2026, 11, 16, 12)),
        (at(2026, 11, 23, 13), at(2026, 11, 23, 16)),
        (at(2026, 11, 30, 13), at(2026, 11, 30, 16)),
    ]


def test_no_openings_on_days_the_site_is_not_in_use():
    site = SiteFactory(in_use_from=D(2026, 11, 20), in_use_until=D(2026, 11, 25))
    WeeklyHoursFactory(site=site, weekday=0)
    openings = opening_intervals(sites=[site], start=D(2026, 11, 9), end=D(2026, 12, 7))
    assert [o.starts.date() for o in openings[site.pk]] == [D(2026, 11, 23)]


def test_an_overnight_opening_belongs_to_the_day_it_starts_and_ends_the_next_morning():
    hours = WeeklyHoursFactory(weekday=4, opens=T(20), closes=T(8))  # Friday night
    openings = opening_intervals(sites=[hours.site], start=D(2026, 11, 20), end=D(2026, 11, 20))
    [opening] = openings[hours.site.pk]
    assert opening.starts == at(2026, 11, 20, 20)
    assert opening.ends == at(2026, 11, 21, 8)
    assert opening.duration == datetime.timedelta(hours=12)


def test_open_now_sees_last_nights_opening_after_midnight():
    hours = WeeklyHoursFactory(weekday=4, opens=T(20), closes=T(8))
    assert [o.site_id for o in open_now(at=at(2026, 11, 21, 3))] == [hours.site.pk]
    assert open_now(at=at(2026, 11, 21, 7, 59))
    assert open_now(at=at(2026, 11, 21, 8)) == []  # the end is not included
    assert open_now(at=at(2026, 11, 20, 19, 59)) == []
    assert open_now(at=at(2026, 11, 20, 20))


def test_open_now_accepts_any_timezone_for_the_moment():
    hours = WeeklyHoursFactory(weekday=0, opens=T(10), closes=T(14))
    # 09:30 UTC is 10:30 in Copenhagen in winter.
    assert [o.site_id for o in open_now(at=utc(2026, 11, 23, 9, 30))] == [hours.site.pk]
    assert open_now(at=utc(2026, 11, 23, 13, 30)) == []


def test_open_now_refuses_a_naive_moment():
    with pytest.raises(ValueError, match="aware"):
        open_now(at=datetime.datetime(2026, 11, 23, 10))  # noqa: DTZ001


def test_a_night_across_the_spring_change_is_an_hour_shorter():
    # Last Sunday of March 2026 is the 29th: 02:00 becomes 03:00.
    hours = WeeklyHoursFactory(weekday=5, opens=T(20), closes=T(8))  # Saturday night
    [opening] = opening_intervals(sites=[hours.site], start=D(2026, 3, 28), end=D(2026, 3, 28))[
        hours.site.pk
    ]
    assert opening.starts.utcoffset() == datetime.timedelta(hours=1)
    assert opening.ends.utcoffset() == datetime.timedelta(hours=2)
    assert opening.duration == datetime.timedelta(hours=11)
    assert opening.ends.astimezone(UTC) == utc(2026, 3, 29, 6)
    # Open in the middle of the night, both sides of the change.
    assert open_now(at=utc(2026, 3, 29, 0, 30))  # 01:30 CET
    assert open_now(at=utc(2026, 3, 29, 1, 30))  # 03:30 CEST
    assert open_now(at=utc(2026, 3, 29, 6)) == []  # 08:00 CEST: closed


def test_a_night_across_the_autumn_change_is_an_hour_longer():
    # Last Sunday of October 2026 is the 25th: 03:00 becomes 02:00 again.
    hours = WeeklyHoursFactory(weekday=5, opens=T(20), closes=T(8))
    [opening] = opening_intervals(sites=[hours.site], start=D(2026, 10, 24), end=D(2026, 10, 24))[
        hours.site.pk
    ]
    assert opening.duration == datetime.timedelta(hours=13)
    assert opening.ends.astimezone(UTC) == utc(2026, 10, 25, 7)
    # Both 02:30s of the repeated hour are inside.
    assert open_now(at=utc(2026, 10, 25, 0, 30))
    assert open_now(at=utc(2026, 10, 25, 1, 30))
    assert open_now(at=utc(2026, 10, 25, 6, 59))
    assert open_now(at=utc(2026, 10, 25, 7)) == []


def test_day_hours_keep_their_wall_clock_times_after_the_change():
    hours = WeeklyHoursFactory(weekday=0, opens=T(10), closes=T(14))
    openings = opening_intervals(sites=[hours.site], start=D(2026, 3, 23), end=D(2026, 4, 1))[
        hours.site.pk
    ]
    assert [o.starts.astimezone(UTC) for o in openings] == [
        utc(2026, 3, 23, 9),
        utc(2026, 3, 30, 8),
    ]


def test_an_opening_at_a_time_skipped_in_march_moves_forward():
    hours = WeeklyHoursFactory(weekday=6, opens=T(2, 30), closes=T(5))  # Sunday
    [opening] = opening_intervals(sites=[hours.site], start=D(2026, 3, 29), end=D(2026, 3, 29))[
        hours.site.pk
    ]
    assert opening.starts.astimezone(UTC) == utc(2026, 3, 29, 1, 30)  # 03:30 CEST
    assert opening.duration == datetime.timedelta(hours=1, minutes=30)


def test_a_closure_removes_the_regular_hours_on_its_days():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=0)
    WeeklyHoursFactory(site=site, weekday=2)
    ClosureFactory(site=site, starts_on=D(2026, 11, 23), ends_on=D(2026, 11, 30))
    openings = opening_intervals(sites=[site], start=D(2026, 11, 16), end=D(2026, 12, 9))
    assert [o.starts.date() for o in openings[site.pk]] == [
        D(2026, 11, 16),
        D(2026, 11, 18),
        D(2026, 12, 2),
        D(2026, 12, 7),
        D(2026, 12, 9),
    ]
    assert open_now(at=at(2026, 11, 23, 11)) == []


def test_a_closure_on_the_day_an_overnight_opening_starts_removes_the_whole_night():
    hours = WeeklyHoursFactory(weekday=4, opens=T(20), closes=T(8))
    ClosureFactory(site=hours.site, starts_on=D(2026, 11, 20), ends_on=D(2026, 11, 20))
    assert open_now(at=at(2026, 11, 21, 3)) == []


def test_an_extra_opening_is_added_even_during_a_closure():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=0)
    ClosureFactory(site=site, starts_on=D(2026, 11, 23), ends_on=D(2026, 11, 23))
    ExtraOpeningFactory(site=site, starts=at(2026, 11, 23, 20), ends=at(2026, 11, 24, 8))
    [opening] = opening_intervals(sites=[site], start=D(2026, 11, 23), end=D(2026, 11, 23))[site.pk]
    assert opening.is_extra
    assert opening.note == "Frost night"
    assert opening.starts == at(2026, 11, 23, 20)
    assert opening.starts.tzinfo == CPH
    assert [o.is_extra for o in open_now(at=at(2026, 11, 24, 2))] == [True]


def test_an_extra_opening_belongs_to_the_day_it_starts():
    site = SiteFactory()
    ExtraOpeningFactory(site=site, starts=at(2026, 11, 23, 23, 30), ends=at(2026, 11, 24, 6))
    assert opening_intervals(sites=[site], start=D(2026, 11, 24), end=D(2026, 11, 30)) == {
        site.pk: []
    }
    assert (
        len(opening_intervals(sites=[site], start=D(2026, 11, 23), end=D(2026, 11, 23))[site.pk])
        == 1
    )


def test_overlapping_openings_of_one_site_are_merged_and_never_counted_twice():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=0, opens=T(10), closes=T(14))
    # Saved before the weekly hours existed, say: the rules are not asked here.
    ExtraOpeningFactory(site=site, starts=at(2026, 11, 23, 13), ends=at(2026, 11, 23, 18))
    [opening] = opening_intervals(sites=[site], start=D(2026, 11, 23), end=D(2026, 11, 23))[site.pk]
    assert (opening.starts, opening.ends) == (at(2026, 11, 23, 10), at(2026, 11, 23, 18))
    assert not opening.is_extra


def test_sites_closing_on_holidays_have_no_regular_hours_then():
    closing = SiteFactory(closes_on_holidays=True)
    staying = SiteFactory(closes_on_holidays=False)
    for site in (closing, staying):
        WeeklyHoursFactory(site=site, weekday=4)  # Fridays; 25 Dec 2026 is a Friday
    result = opening_intervals(sites=[closing, staying], start=D(2026, 12, 25), end=D(2026, 12, 25))
    assert result[closing.pk] == []
    assert len(result[staying.pk]) == 1


def test_extra_openings_apply_on_holidays_too():
    site = SiteFactory(closes_on_holidays=True)
    ExtraOpeningFactory(site=site, starts=at(2026, 12, 25, 12), ends=at(2026, 12, 25, 16))
    assert (
        len(opening_intervals(sites=[site], start=D(2026, 12, 25), end=D(2026, 12, 25))[site.pk])
        == 1
    )


def test_next_opening_is_the_first_that_starts_after_the_moment():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=0, opens=T(10), closes=T(14))
    WeeklyHoursFactory(site=site, weekday=2, opens=T(10), closes=T(14))
    nxt = next_openings(at=at(2026, 11, 23, 11), sites=[site])[site.pk]  # open now, Monday
    assert nxt.starts == at(2026, 11, 25, 10)
    nxt = next_openings(at=at(2026, 11, 23, 9), sites=[site])[site.pk]
    assert nxt.starts == at(2026, 11, 23, 10)


def test_next_opening_across_midnight_and_the_autumn_change():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=6, opens=T(1), closes=T(4))  # Sunday 01:00-04:00
    nxt = next_openings(at=at(2026, 10, 24, 23), sites=[site])[site.pk]
    assert nxt.starts.astimezone(UTC) == utc(2026, 10, 24, 23)  # 01:00 CEST
    assert nxt.duration == datetime.timedelta(hours=4)  # the repeated hour counts


def test_next_opening_is_none_when_nothing_is_planned():
    site = SiteFactory()
    assert next_openings(at=at(2026, 11, 23, 11), sites=[site]) == {site.pk: None}


def test_next_openings_without_sites_covers_the_sites_in_use():
    used = SiteFactory()
    SiteFactory(in_use_until=D(2020, 1, 1))
    assert set(next_openings(at=at(2026, 11, 23, 11))) == {used.pk}


def test_openings_for_many_sites_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    sites = [SiteFactory() for _ in range(6)]
    for site in sites:
        for weekday in range(5):
            WeeklyHoursFactory(site=site, weekday=weekday)
        ClosureFactory(site=site)
        ExtraOpeningFactory(site=site, starts=at(2026, 1, 10, 20), ends=at(2026, 1, 11, 8))
    with django_assert_max_num_queries(4):
        result = opening_intervals(sites=sites, start=D(2026, 1, 1), end=D(2026, 3, 31))
    assert all(len(openings) > 50 for openings in result.values())
