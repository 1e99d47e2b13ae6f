"""The reads other apps use: sessions held per site and organisation, agreements by status."""

import datetime

import pytest
from django.utils import timezone

from partners.models import Agreement
from partners.selectors import agreements_by_status, occurrences, sessions_held
from tests.partners.factories import (
    AgreementFactory,
    OrganisationFactory,
    OutreachSessionFactory,
    ServiceFactory,
)
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db

DEC_1, DEC_31 = datetime.date(2026, 12, 1), datetime.date(2026, 12, 31)


def test_sessions_held_counts_per_site_and_organisation(django_assert_max_num_queries):
    pavilion, bus = SiteFactory(name="Pavillonen"), SiteFactory(name="Bussen")
    job = OrganisationFactory(name="Jobcenteret")
    nurse = OrganisationFactory(name="Gadesygeplejersken")
    OutreachSessionFactory(organisation=job, site=pavilion, weekday=1)  # 5 Tuesdays in Dec 2026
    OutreachSessionFactory(organisation=nurse, site=bus, weekday=3)  # 5 Thursdays
    OutreachSessionFactory(
        organisation=nurse, site=pavilion, weekday=None, date=datetime.date(2026, 12, 10)
    )
    OutreachSessionFactory(  # outside the period
        organisation=job, site=bus, weekday=None, date=datetime.date(2027, 1, 5)
    )
    with django_assert_max_num_queries(1):
        rows = sessions_held(first=DEC_1, last=DEC_31)
    assert [(r.site_name, r.organisation_name, r.count) for r in rows] == [
        ("Bussen", "Gadesygeplejersken", 5),
        ("Pavillonen", "Gadesygeplejersken", 1),
        ("Pavillonen", "Jobcenteret", 5),
    ]
    only_bus = sessions_held(first=DEC_1, last=DEC_31, site_ids=[bus.pk])
    assert [(r.organisation_id, r.count) for r in only_bus] == [(nurse.pk, 5)]


def test_query_count_does_not_grow_with_data(django_assert_max_num_queries):
    for n in range(20):
        OutreachSessionFactory(weekday=n % 7, service=ServiceFactory(), site=SiteFactory())
    with django_assert_max_num_queries(1):
        assert sum(r.count for r in sessions_held(first=DEC_1, last=DEC_31)) > 0


def test_occurrences_can_be_limited_to_a_service():
    dental = ServiceFactory()
    OutreachSessionFactory(weekday=1, service=dental)
    OutreachSessionFactory(weekday=1)
    found = occurrences(first=DEC_1, last=datetime.date(2026, 12, 7), service=dental)
    assert [o.session.service for o in found] == [dental]
    assert found[0].starts.tzinfo is not None


def make(status, starts=None, ends=None, created=datetime.date(2021, 1, 1)):
    agreement = AgreementFactory(status=status, starts_on=starts, ends_on=ends)
    at = datetime.datetime.combine(
        created, datetime.time(12), tzinfo=timezone.get_default_timezone()
    )
    Agreement.objects.filter(pk=agreement.pk).update(created_at=at)


def test_agreements_by_status_at_a_date(django_assert_max_num_queries):
    S = Agreement.Status
    make(S.IN_DIALOGUE)
    make(S.AGREED, starts=datetime.date(2022, 1, 1))
    make(S.ACTIVE, starts=datetime.date(2021, 7, 1))
    make(S.ENDED, starts=datetime.date(2021, 7, 1), ends=datetime.date(2021, 12, 31))
    make(S.ACTIVE, starts=datetime.date(2021, 7, 1), created=datetime.date(2022, 6, 1))
    with django_assert_max_num_queries(1):
        on_1_oct_2021 = agreements_by_status(on=datetime.date(2021, 10, 1))
    assert on_1_oct_2021 == {"in_dialogue": 1, "agreed": 1, "active": 2, "ended": 0}
    assert agreements_by_status(on=datetime.date(2022, 3, 1)) == {
        "in_dialogue": 1,
        "agreed": 1,
        "active": 1,
        "ended": 1,
    }
    # Before the active ones started they were agreed; the late one did not exist yet.
    assert agreements_by_status(on=datetime.date(2021, 6, 1)) == {
        "in_dialogue": 1,
        "agreed": 3,
        "active": 0,
        "ended": 0,
    }
    assert sum(agreements_by_status(on=datetime.date(2022, 7, 1)).values()) == 5
