"""Properties of concrete openings for any weekly hours, any week of the year (DST included)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sites.selectors import open_now, opening_intervals
from tests.sites.factories import SiteFactory, WeeklyHoursFactory

CPH = ZoneInfo("Europe/Copenhagen")
times = st.builds(datetime.time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    weekday=st.integers(0, 6),
    opens=times,
    closes=times,
    monday=st.dates(datetime.date(2026, 1, 5), datetime.date(2026, 12, 28)).map(
        lambda d: d - datetime.timedelta(days=d.weekday())
    ),
)
def test_every_opening_is_real_and_found_by_open_now(weekday, opens, closes, monday):
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=weekday, opens=opens, closes=closes)
    sunday = monday + datetime.timedelta(days=6)
    openings = opening_intervals(sites=[site], start=monday, end=sunday)[site.pk]
    assert len(openings) <= 1  # one weekday a week (none on a holiday)
    for opening in openings:
        wall = datetime.datetime.combine(datetime.date.min, closes) - datetime.datetime.combine(
            datetime.date.min, opens
        )
        if closes <= opens:
            wall += datetime.timedelta(days=1)
        # The real length differs from the wall-clock length by at most the DST hour.
        assert abs(opening.duration - wall) <= datetime.timedelta(hours=1)
        assert opening.duration > datetime.timedelta(0)
        assert opening.starts.tzinfo == CPH
        middle = opening.starts.astimezone(datetime.UTC) + opening.duration / 2
        assert site.pk in {o.site_id for o in open_now(at=middle)}
        after = opening.ends.astimezone(datetime.UTC)
        assert site.pk not in {o.site_id for o in open_now(at=after)}
    site.weekly_hours.all().delete()
    site.delete()
