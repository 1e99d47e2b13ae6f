"""Opening hours held, from the sites' weekly hours, closures and extra openings."""

import datetime

import pytest

from core.disclosure import NotPublished
from core.spreadsheets import Month
from reports.builder import build_report
from reports.periods import Period, publishable
from tests.sites.factories import (
    ClosureFactory,
    ExtraOpeningFactory,
    SiteFactory,
    WeeklyHoursFactory,
)

pytestmark = pytest.mark.django_db
CPH = datetime.timezone(datetime.timedelta(hours=1))  # January: CET


def test_it_counts_hours_held_with_closures_and_extra_openings():
    site = SiteFactory(slug="pavillonen", name="Pavillonen")
    WeeklyHoursFactory(site=site)  # Mondays 10-14: 6, 13, 20 and 27 January 2025
    ClosureFactory(site=site, starts_on=datetime.date(2025, 1, 13))
    ExtraOpeningFactory(
        site=site,
        starts=datetime.datetime(2025, 1, 15, 20, tzinfo=CPH),
        ends=datetime.datetime(2025, 1, 16, 8, tzinfo=CPH),
    )
    WeeklyHoursFactory(site=SiteFactory(slug="elsewhere"))  # not chosen

    report = build_report(period=Period.month(2025, 1), sites=[site])

    figures = report.section("opening").figures
    assert (figures.openings, figures.extra, figures.hours) == (4, 1, 24.0)
    month = figures.by_site_month[(site.pk, datetime.date(2025, 1, 1))]
    assert (month.openings, month.hours) == (4, 24.0)
    table = report.section("opening").tables[0]
    assert table.rows[0][:5] == ["Pavillonen", Month(datetime.date(2025, 1, 1)), 4, 1, 24.0]
    assert str(table.rows[0][1]) == "januar 2025"


def test_a_period_not_yet_over_is_refused_or_cut_to_the_months_that_have_ended():
    site = SiteFactory(slug="pavillonen")
    WeeklyHoursFactory(site=site, valid_from=datetime.date(2020, 1, 1))
    with pytest.raises(NotPublished):
        build_report(period=Period.year(2099), sites=[site])
    cut = publishable(Period.year(2026), today=datetime.date(2026, 12, 5))
    assert (cut.start, cut.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 11, 30))
    assert "whole months that have ended" in cut.note or "hele måneder" in cut.note
    with pytest.raises(NotPublished):
        publishable(Period.month(2026, 12), today=datetime.date(2026, 12, 31))


def test_a_long_period_prints_site_totals_and_keeps_the_months_for_the_spreadsheet():
    site = SiteFactory(slug="pavillonen", name="Pavillonen", closes_on_holidays=False)
    WeeklyHoursFactory(site=site)
    period = Period(datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))

    section = build_report(period=period, sites=[site]).section("opening")

    (printed,) = section.printed_tables()
    (detail,) = section.detail_tables()
    assert len(detail.rows) == 24
    assert printed.rows[0][:4] == ["Pavillonen", 105, 0, 420.0]  # Mondays of 2023 and 2024
    assert printed.total[:4] == ["I alt", 105, 0, 420.0]
