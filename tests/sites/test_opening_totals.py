"""`opening_totals` adds up exactly what `opening_intervals` makes, whatever the hours.

The fast path counts ordinary days by arithmetic; these tests compare it with summing every
opening that `opening_intervals` makes (the reference), on hand-picked cases and on random
weekly hours, closures, extra openings, periods in use and moments, daylight saving included.
"""

import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sites.models import Site
from sites.selectors import opening_intervals, opening_totals
from tests.sites.factories import (
    ClosureFactory,
    ExtraOpeningFactory,
    SiteFactory,
    WeeklyHoursFactory,
)

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
D = datetime.date
T = datetime.time
HOUR = datetime.timedelta(hours=1)


def reference(sites, start, end, until=None):
    """Every opening made one by one, summed per site and month: (openings, extra, length)."""
    totals = defaultdict(lambda: (0, 0, datetime.timedelta(0)))
    for site_id, openings in opening_intervals(sites=sites, start=start, end=end).items():
        for opening in openings:
            if until is not None and opening.starts.timestamp() > until.timestamp():
                continue
            key = (site_id, opening.starts.date().replace(day=1))
            n, extra, length = totals[key]
            totals[key] = (n + 1, extra + opening.is_extra, length + opening.duration)
    return dict(totals)


def fast(sites, start, end, until=None):
    return {
        key: (t.openings, t.extra, t.duration)
        for key, t in opening_totals(sites=sites, start=start, end=end, until=until).items()
    }


def test_a_year_of_mondays_with_a_closure_and_a_holiday():
    site = SiteFactory()
    WeeklyHoursFactory(site=site)  # Mondays 10-14
    ClosureFactory(site=site, starts_on=D(2025, 3, 3), ends_on=D(2025, 3, 10))
    totals = fast([site], D(2025, 1, 1), D(2025, 12, 31))
    # 52 Mondays in 2025; Easter Monday 21 April and Whit Monday 9 June are holidays;
    # the closure takes 3 and 10 March.
    assert totals[(site.pk, D(2025, 3, 1))] == (3, 0, 12 * HOUR)
    assert totals[(site.pk, D(2025, 4, 1))] == (3, 0, 12 * HOUR)
    assert sum(n for n, _e, _l in totals.values()) == 52 - 2 - 2
    assert totals == reference([site], D(2025, 1, 1), D(2025, 12, 31))


def test_nights_across_both_daylight_saving_changes():
    site = SiteFactory(closes_on_holidays=False)
    WeeklyHoursFactory(site=site, weekday=5, opens=T(20), closes=T(8))  # Saturday nights
    totals = fast([site], D(2026, 3, 1), D(2026, 10, 31))
    # 28 March: 11 hours; 24 October: 13 hours; every other Saturday night 12.
    assert totals[(site.pk, D(2026, 3, 1))] == (4, 0, 4 * 12 * HOUR - HOUR)
    assert totals[(site.pk, D(2026, 10, 1))] == (5, 0, 5 * 12 * HOUR + HOUR)
    assert totals == reference([site], D(2026, 3, 1), D(2026, 10, 31))


def test_openings_at_the_skipped_and_the_repeated_hour():
    site = SiteFactory(closes_on_holidays=False)
    WeeklyHoursFactory(site=site, weekday=6, opens=T(2, 30), closes=T(5))  # Sundays
    totals = fast([site], D(2026, 3, 29), D(2026, 3, 29))
    assert totals == {(site.pk, D(2026, 3, 1)): (1, 0, 1.5 * HOUR)}  # from 03:30
    totals = fast([site], D(2026, 10, 25), D(2026, 10, 25))
    assert totals == {(site.pk, D(2026, 10, 1)): (1, 0, 3.5 * HOUR)}  # the first 02:30


def test_a_night_merged_with_an_extra_opening_the_next_morning():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=4, opens=T(20), closes=T(8))  # Friday nights
    ExtraOpeningFactory(
        site=site,
        starts=datetime.datetime(2025, 1, 18, 7, tzinfo=CPH),
        ends=datetime.datetime(2025, 1, 18, 12, tzinfo=CPH),
    )
    totals = fast([site], D(2025, 1, 1), D(2025, 1, 31))
    # Five Friday nights; the one of 17 January runs on into the extra opening until noon.
    assert totals == {(site.pk, D(2025, 1, 1)): (5, 0, 5 * 12 * HOUR + 4 * HOUR)}
    assert totals == reference([site], D(2025, 1, 1), D(2025, 1, 31))


def test_an_extra_opening_merged_with_a_weekly_one_counts_once():
    site = SiteFactory()
    WeeklyHoursFactory(site=site)  # Mondays 10-14
    ExtraOpeningFactory(
        site=site,
        starts=datetime.datetime(2025, 1, 13, 12, tzinfo=CPH),
        ends=datetime.datetime(2025, 1, 13, 18, tzinfo=CPH),
    )
    totals = fast([site], D(2025, 1, 1), D(2025, 1, 31))
    assert totals[(site.pk, D(2025, 1, 1))] == (4, 0, 4 * 4 * HOUR + 4 * HOUR)
    assert totals == reference([site], D(2025, 1, 1), D(2025, 1, 31))


def test_only_openings_begun_by_the_moment_are_counted():
    site = SiteFactory()
    WeeklyHoursFactory(site=site)  # Mondays 10-14
    until = datetime.datetime(2025, 1, 20, 10, tzinfo=CPH)  # the third Monday has just begun
    totals = fast([site], D(2025, 1, 1), D(2025, 1, 31), until=until)
    assert totals == {(site.pk, D(2025, 1, 1)): (3, 0, 12 * HOUR)}
    assert fast([site], D(2025, 1, 1), D(2025, 1, 31), until=until - HOUR)[
        (site.pk, D(2025, 1, 1))
    ] == (2, 0, 8 * HOUR)


def test_four_queries_whatever_the_period(django_assert_num_queries):
    sites = [SiteFactory() for _ in range(3)]
    for site in sites:
        WeeklyHoursFactory(site=site)
    with django_assert_num_queries(4):
        opening_totals(sites=sites, start=D(2021, 1, 1), end=D(2025, 12, 31))


# Random schedules. Times on quarter hours, so the skipped and repeated hours of the
# daylight-saving changes come up; days around the changes and the holidays of spring.
times = st.builds(T, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
days = st.dates(D(2026, 2, 20), D(2026, 11, 10))
rules = st.fixed_dictionaries(
    {
        "weekday": st.integers(0, 6),
        "opens": times,
        "closes": times,
        "valid_from": days,
        "weeks": st.none() | st.integers(0, 30),
    }
)
closures = st.tuples(days, st.integers(0, 20))
extras = st.tuples(
    days, times, st.integers(1, 40).map(lambda quarters: datetime.timedelta(minutes=15 * quarters))
)
sites = st.fixed_dictionaries(
    {
        "rules": st.lists(rules, max_size=4),
        "closures": st.lists(closures, max_size=2),
        "extras": st.lists(extras, max_size=3),
        "holidays": st.booleans(),
        "in_use_from": st.none() | days,
        "in_use_days": st.none() | st.integers(0, 200),
    }
)


def _make(spec) -> Site:
    in_use_until = None
    if spec["in_use_from"] is not None and spec["in_use_days"] is not None:
        in_use_until = spec["in_use_from"] + datetime.timedelta(days=spec["in_use_days"])
    site = SiteFactory(
        closes_on_holidays=spec["holidays"],
        in_use_from=spec["in_use_from"],
        in_use_until=in_use_until,
    )
    for rule in spec["rules"]:
        weeks = rule.pop("weeks")
        until = None if weeks is None else rule["valid_from"] + datetime.timedelta(weeks=weeks)
        WeeklyHoursFactory(site=site, valid_until=until, **rule)
    for first, length in spec["closures"]:
        ClosureFactory(site=site, starts_on=first, ends_on=first + datetime.timedelta(days=length))
    for day, time, length in spec["extras"]:
        starts = datetime.datetime.combine(day, time, tzinfo=CPH)
        ExtraOpeningFactory(site=site, starts=starts, ends=starts + length)
    return site


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    specs=st.lists(sites, min_size=1, max_size=2),
    start=days,
    length=st.integers(0, 120),
    until=st.none() | st.datetimes(datetime.datetime(2026, 2, 1), datetime.datetime(2026, 12, 1)),
)
def test_it_matches_the_openings_made_one_by_one(specs, start, length, until):
    # Weekly hours may overlap each other here (validation would refuse it; a later change
    # could still make it happen): both ways merge them the same.
    end = start + datetime.timedelta(days=length)
    moment = None if until is None else until.replace(tzinfo=CPH)
    with transaction.atomic():
        made = [_make(spec) for spec in specs]
        assert fast(made, start, end, moment) == reference(made, start, end, moment)
        transaction.set_rollback(True)
