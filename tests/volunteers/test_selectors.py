"""The reads the reports app uses: counts per period, hours per site and month, trainings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.sites.factories import SiteFactory
from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    TrainingSessionFactory,
    VolunteerFactory,
)
from volunteers import selectors
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

CPH = timezone.get_default_timezone()


def _at(y, m, d, h):
    return datetime.datetime(y, m, d, h, tzinfo=CPH)


def test_active_new_and_left_in_a_period():
    d = datetime.date
    VolunteerFactory(started_on=d(2025, 1, 1))  # active throughout
    VolunteerFactory(started_on=d(2026, 3, 10))  # new in March
    VolunteerFactory(
        started_on=d(2025, 1, 1), left_on=d(2026, 3, 20), status=Volunteer.Status.LEFT
    )  # left in March
    VolunteerFactory(
        started_on=d(2025, 1, 1), left_on=d(2026, 1, 20), status=Volunteer.Status.LEFT
    )  # gone before
    VolunteerFactory(started_on=None, status=Volunteer.Status.INTERESTED)
    assert selectors.volunteer_counts(d(2026, 3, 1), d(2026, 3, 31)) == {
        "active": 3,
        "new": 1,
        "left": 1,
    }


def test_hours_by_site_and_month_in_local_months():
    site = SiteFactory(name="Pavillonen")
    # 31 March 23:00 UTC is 1 April 01:00 in Copenhagen: an April shift.
    ShiftAssignmentFactory(
        shift=ShiftFactory(site=site, starts=_at(2026, 4, 1, 1), ends=_at(2026, 4, 1, 3))
    )
    ShiftAssignmentFactory(
        shift=ShiftFactory(site=site, starts=_at(2026, 3, 10, 9), ends=_at(2026, 3, 10, 13))
    )
    ShiftAssignmentFactory(
        shift=ShiftFactory(site=site, starts=_at(2026, 3, 11, 9), ends=_at(2026, 3, 11, 13))
    )
    rows = selectors.hours_by_site_and_month(datetime.date(2026, 3, 1), datetime.date(2026, 4, 30))
    assert [(r.month, r.shifts, r.hours) for r in rows] == [
        (datetime.date(2026, 3, 1), 2, 8.0),
        (datetime.date(2026, 4, 1), 1, 2.0),
    ]


def test_selectors_use_constant_queries(django_assert_num_queries):
    site = SiteFactory()
    for day in range(1, 11):
        ShiftAssignmentFactory(
            shift=ShiftFactory(site=site, starts=_at(2026, 3, day, 9), ends=_at(2026, 3, day, 12))
        )
        TrainingSessionFactory(held_on=datetime.date(2026, 3, day), attendees=[VolunteerFactory()])
    start, end = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    with django_assert_num_queries(1):
        selectors.hours_by_site_and_month(start, end)
    # Rostered hours and approved hours outside shifts: one query each, however many rows.
    with django_assert_num_queries(2):
        selectors.hours_by_volunteer(start, end)
    with django_assert_num_queries(1):
        trainings = selectors.trainings_held(start, end)
    with django_assert_num_queries(3):
        selectors.volunteer_counts(start, end)
    assert len(trainings) == 10
    assert all(t.attendees == 1 for t in trainings)


def test_open_shifts_for_reads_a_constant_number_of_queries(django_assert_max_num_queries):
    from tests.volunteers.factories import VolunteerRoleFactory, at

    role = VolunteerRoleFactory()
    me = VolunteerFactory(roles=[role])
    ShiftFactory(starts=at(3, 9), needs={role: 1})
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.open_shifts_for(me)) == 1
    for day in range(4, 14):
        ShiftAssignmentFactory(shift=ShiftFactory(starts=at(day, 9), needs={role: 2}), role=role)
    with django_assert_max_num_queries(len(one)):
        assert len(selectors.open_shifts_for(me)) == 11
