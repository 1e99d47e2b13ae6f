"""A takeover in the report: each site's months stay with the operator who ran it then."""

import datetime

import pytest

from reports.builder import build_report
from reports.periods import Period
from tests.sites.factories import OperatorFactory, SiteFactory, SiteOperationFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits.models import CategoryGroup

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def takeover():
    """Skælskør: Korshær until 30 June 2022 (40 + 12 visits), Rusmiddelcenter from 1 July (25)."""
    skaelskoer = SiteFactory(slug="skaelskoer", name="Skælskør", town="Skælskør")
    korsoer = SiteFactory(slug="korsoer", name="Korsør", town="Korsør")
    korshaer = OperatorFactory(slug="korshaer", name="Kirkens Korshær")
    rusmiddel = OperatorFactory(slug="rusmiddel", name="Rusmiddelcenter Slagelse")
    SiteOperationFactory(site=skaelskoer, operator=korshaer, ends_on=D(2022, 6, 30))
    SiteOperationFactory(site=skaelskoer, operator=rusmiddel, starts_on=D(2022, 7, 1))
    SiteOperationFactory(site=korsoer, operator=rusmiddel)
    visits = TallyCategoryFactory(code="visits", group=CategoryGroup.VISITORS, order=1)
    DailyCountFactory(site=skaelskoer, date=D(2022, 6, 14), category=visits, count=40)
    DailyCountFactory(site=skaelskoer, date=D(2022, 6, 28), category=visits, count=12)
    DailyCountFactory(site=skaelskoer, date=D(2022, 7, 5), category=visits, count=25)
    DailyCountFactory(site=korsoer, date=D(2022, 6, 7), category=visits, count=30)
    DailyCountFactory(site=korsoer, date=D(2022, 7, 7), category=visits, count=20)
    DailyCountFactory(site=korsoer, date=D(2021, 7, 7), category=visits, count=10)
    return skaelskoer, korsoer


def _per_operator(report) -> dict:
    table = next(t for t in report.section("visits").tables if t.key == "visits_per_operator")
    return {row[0]: row[1:] for row in table.rows}


def test_figures_before_a_takeover_stay_with_the_old_operator(takeover):
    report = build_report(period=Period(D(2022, 6, 1), D(2022, 7, 31)), sites=list(takeover))
    rows = _per_operator(report)
    assert rows["Kirkens Korshær"][:2] == ["Skælskør", 52]
    assert rows["Rusmiddelcenter Slagelse"][:3] == ["Korsør, Skælskør", 25 + 30 + 20, 10]
    # The per-site figures are untouched: Skælskør is one site with all its visits.
    assert report.section("visits").figures.visits(takeover[0].pk) == 77


def test_after_the_takeover_the_old_operator_has_no_figures_left(takeover):
    report = build_report(period=Period.month(2022, 7), sites=list(takeover))
    rows = _per_operator(report)
    # Korshær ran Skælskør a year earlier (no visits then): a row with no sites now.
    assert rows["Kirkens Korshær"] == ["–", 0, 0, None]
    assert rows["Rusmiddelcenter Slagelse"][1] == 45


def test_a_site_without_a_recorded_operator_is_named_so(takeover):
    unknown = SiteFactory(slug="unknown", name="Ukendt")
    visits = takeover[0].daily_counts.first().category
    DailyCountFactory(site=unknown, date=D(2022, 7, 2), category=visits, count=9)
    report = build_report(period=Period.month(2022, 7), sites=[*takeover, unknown])
    assert _per_operator(report)["Ingen driftsherre registreret"][:2] == ["Ukendt", 9]
