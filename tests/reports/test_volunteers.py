"""Volunteers in the report: active, new, left, hours given on shifts, trainings held."""

import datetime

import pytest
from django.utils import timezone

from core.spreadsheets import Month
from reports.builder import build_report
from reports.periods import Period
from tests.sites.factories import SiteFactory
from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    TrainingSessionFactory,
    VolunteerFactory,
)
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db
D = datetime.date


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_volunteer_figures_from_shifts_and_trainings():
    site = SiteFactory(slug="pavillonen", name="Pavillonen")
    other = SiteFactory(slug="bussen")
    anna = VolunteerFactory(started_on=D(2024, 3, 1))
    bo = VolunteerFactory(started_on=D(2025, 2, 10))
    VolunteerFactory(started_on=D(2023, 1, 1), left_on=D(2025, 5, 1), status=Volunteer.Status.LEFT)
    VolunteerFactory(started_on=D(2026, 1, 1))  # not yet
    morning = ShiftFactory(site=site, starts=_at(D(2025, 3, 4), 9), ends=_at(D(2025, 3, 4), 13))
    ShiftAssignmentFactory(shift=morning, volunteer=anna)
    ShiftAssignmentFactory(shift=morning, volunteer=bo)
    evening = ShiftFactory(site=site, starts=_at(D(2025, 4, 1), 17), ends=_at(D(2025, 4, 1), 20))
    ShiftAssignmentFactory(shift=evening, volunteer=anna)
    elsewhere = ShiftFactory(site=other, starts=_at(D(2025, 3, 5), 9), ends=_at(D(2025, 3, 5), 12))
    ShiftAssignmentFactory(shift=elsewhere, volunteer=bo)
    TrainingSessionFactory(held_on=D(2025, 6, 1), attendees=[anna, bo])

    section = build_report(period=Period.year(2025), sites=[site]).section("volunteers")

    figures = section.figures
    assert (figures.active, figures.new, figures.left) == (3, 1, 1)
    assert (figures.shifts, figures.hours) == (3, 11.0)
    assert (figures.trainings, figures.attendances) == (1, 2)
    assert figures.by_site_month == {
        (site.pk, D(2025, 3, 1)): (2, 8.0),
        (site.pk, D(2025, 4, 1)): (1, 3.0),
    }
    assert section.tables[0].rows == [
        ["Pavillonen", Month(D(2025, 3, 1)), 2, 8.0],
        ["Pavillonen", Month(D(2025, 4, 1)), 1, 3.0],
    ]


def test_a_long_period_prints_site_totals_and_keeps_the_months_for_the_spreadsheet():
    site = SiteFactory(slug="pavillonen", name="Pavillonen")
    SiteFactory(slug="bussen", name="Bussen")
    for day in (D(2023, 3, 4), D(2024, 3, 4), D(2024, 11, 5)):
        ShiftAssignmentFactory(shift=ShiftFactory(site=site, starts=_at(day, 9), ends=_at(day, 13)))
    period = Period(D(2023, 1, 1), D(2024, 12, 31))

    section = build_report(period=period).section("volunteers")

    (per_site, trainings) = section.printed_tables()
    (per_month,) = section.detail_tables()
    assert len(per_month.rows) == 3
    assert per_site.rows == [["Bussen", 0, 0], ["Pavillonen", 3, 12.0]]
    assert per_site.total[1:] == [3, 12.0]
    assert trainings.key == "trainings"
