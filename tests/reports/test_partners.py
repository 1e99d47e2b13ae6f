"""Partners in the report: sessions held at the chosen sites, agreements by status."""

import datetime

import pytest

from partners.models import Agreement
from reports.builder import build_report
from reports.periods import Period
from tests.partners.factories import (
    AgreementFactory,
    OrganisationFactory,
    OutreachSessionFactory,
    ServiceFactory,
)
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_it_counts_sessions_held_at_the_chosen_sites():
    site = SiteFactory(slug="pavillonen", name="Pavillonen")
    other = SiteFactory(slug="bussen")
    nurse = OrganisationFactory(name="Gadesygeplejersken")
    jobs = OrganisationFactory(name="Jobcenteret")
    health = ServiceFactory(key="health", name_da="Sundhed")
    # Tuesdays 10-12: 7, 14, 21 and 28 January 2025.
    OutreachSessionFactory(site=site, organisation=nurse, service=health)
    OutreachSessionFactory(
        site=site,
        organisation=jobs,
        service=ServiceFactory(key="jobs", name_da="Job"),
        weekday=None,
        date=datetime.date(2025, 1, 10),
        start_time=datetime.time(10),
        end_time=datetime.time(11, 30),
    )
    OutreachSessionFactory(site=other, organisation=jobs)  # not chosen

    section = build_report(period=Period.month(2025, 1), sites=[site]).section("partners")

    figures = section.figures
    assert (figures.sessions, figures.hours, figures.organisations) == (5, 9.5, 2)
    table = section.tables[0]
    assert [row[1:4] for row in table.rows] == [
        ["Gadesygeplejersken", "Sundhed", 4],
        ["Jobcenteret", "Job", 1],
    ]
    assert table.total[3:] == [5, 9.5]


def test_it_counts_agreements_by_status_at_the_start_and_end():
    AgreementFactory(status=Agreement.Status.ACTIVE, starts_on=datetime.date(2021, 7, 1))
    AgreementFactory(
        status=Agreement.Status.ACTIVE, starts_on=datetime.date(2025, 6, 1)
    )  # agreed before June, active after
    AgreementFactory(status=Agreement.Status.IN_DIALOGUE, starts_on=None)
    Agreement.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))

    section = build_report(period=Period.year(2025), sites=[]).section("partners")

    assert section.figures.agreements_at_start == {
        "in_dialogue": 1,
        "agreed": 1,
        "active": 1,
        "ended": 0,
    }
    assert section.figures.agreements_at_end["active"] == 2
    assert section.tables[1].total[1:] == [3, 3]
