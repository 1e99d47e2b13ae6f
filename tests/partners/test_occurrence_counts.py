"""`occurrence_counts` counts exactly the occurrences `occurrences` makes one by one."""

import datetime
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partners.selectors import occurrence_counts, occurrences
from tests.partners.factories import OutreachSessionFactory
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
D = datetime.date


def reference(first, last, site_ids=None, until=None) -> dict[int, int]:
    return dict(
        Counter(
            o.session.pk
            for o in occurrences(first=first, last=last, site_ids=site_ids)
            if until is None or o.starts.timestamp() <= until.timestamp()
        )
    )


def counted(first, last, site_ids=None, until=None) -> dict[int, int]:
    found = occurrence_counts(first=first, last=last, site_ids=site_ids, until=until)
    return {c.session.pk: c.count for c in found}


def test_it_counts_weekly_and_one_off_sessions_and_their_hours(django_assert_num_queries):
    weekly = OutreachSessionFactory()  # Tuesdays 10-12
    once = OutreachSessionFactory(weekday=None, date=D(2025, 1, 10))
    OutreachSessionFactory(weekday=None, date=D(2025, 2, 10))  # outside the period
    with django_assert_num_queries(1):
        found = occurrence_counts(first=D(2025, 1, 1), last=D(2025, 1, 31))
    assert {c.session.pk: (c.count, c.duration) for c in found} == {
        weekly.pk: (4, datetime.timedelta(hours=8)),
        once.pk: (1, datetime.timedelta(hours=2)),
    }


def test_sessions_yet_to_begin_are_not_counted():
    weekly = OutreachSessionFactory()  # Tuesdays 10-12
    until = datetime.datetime(2025, 1, 21, 10, tzinfo=CPH)  # the third has just begun
    assert counted(D(2025, 1, 1), D(2025, 1, 31), until=until) == {weekly.pk: 3}
    assert counted(D(2025, 1, 1), D(2025, 1, 31), until=until.replace(hour=9)) == {weekly.pk: 2}


days = st.dates(D(2025, 1, 1), D(2025, 12, 31))
sessions = st.one_of(
    st.fixed_dictionaries({"weekday": st.none(), "date": days}),
    st.fixed_dictionaries(
        {
            "weekday": st.integers(0, 6),
            "valid_from": st.none() | days,
            "valid_until": st.none() | days,
        }
    ),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    specs=st.lists(sessions, min_size=1, max_size=4),
    hour=st.integers(0, 22),
    first=days,
    length=st.integers(0, 200),
    until=st.none() | st.datetimes(datetime.datetime(2025, 1, 1), datetime.datetime(2026, 1, 1)),
)
def test_it_matches_the_occurrences_made_one_by_one(specs, hour, first, length, until):
    last = first + datetime.timedelta(days=length)
    moment = None if until is None else until.replace(tzinfo=CPH)
    with transaction.atomic():
        site = SiteFactory()
        for spec in specs:
            if spec.get("valid_from") and spec.get("valid_until"):
                spec["valid_from"], spec["valid_until"] = sorted(
                    [spec["valid_from"], spec["valid_until"]]
                )
            OutreachSessionFactory(
                site=site,
                start_time=datetime.time(hour),
                end_time=datetime.time(hour + 1),
                **spec,
            )
        assert counted(first, last, [site.pk], moment) == reference(first, last, [site.pk], moment)
        transaction.set_rollback(True)
