"""Outreach sessions show up as concrete occurrences through core.registry.site_presence."""

import datetime
import zoneinfo

import pytest
from django.utils import translation

from core.registry import site_presence
from partners.site_presence import presence
from tests.partners.factories import OutreachSessionFactory, ServiceFactory
from tests.sites.factories import SiteFactory

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
UTC = datetime.UTC


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CPH)


@pytest.mark.django_db
def test_a_weekly_session_occurs_on_its_weekday_in_the_window():
    session = OutreachSessionFactory(weekday=1)  # Tuesdays 10-12
    with translation.override("da"):
        found = presence(site_ids=[session.site_id], start=at(2026, 11, 23), end=at(2026, 12, 7))
    assert [p.starts for p in found] == [at(2026, 11, 24, 10), at(2026, 12, 1, 10)]
    assert all(p.ends - p.starts == datetime.timedelta(hours=2) for p in found)
    assert found[0].site_id == session.site_id
    assert session.service.name_da in found[0].title
    assert session.organisation.name in found[0].title
    with translation.override("en"):
        english = presence(site_ids=[session.site_id], start=at(2026, 11, 23), end=at(2026, 12, 7))
    assert session.service.name_en in english[0].title
    assert found[0].url_name == "partners:organisation"
    assert found[0].url_kwargs == {"pk": session.organisation_id}


@pytest.mark.django_db
def test_local_times_stay_put_across_daylight_saving_changes():
    # Sunday 29 March 2026 and Sunday 25 October 2026 are the switches in Denmark.
    session = OutreachSessionFactory(
        weekday=6, start_time=datetime.time(10), end_time=datetime.time(12)
    )
    found = presence(site_ids=[session.site_id], start=at(2026, 3, 22), end=at(2026, 4, 1))
    assert [p.starts.astimezone(UTC).hour for p in found] == [9, 8]  # UTC+1, then UTC+2
    found = presence(site_ids=[session.site_id], start=at(2026, 10, 18), end=at(2026, 10, 26))
    assert [p.starts.astimezone(UTC).hour for p in found] == [8, 9]  # UTC+2, then UTC+1
    assert all(p.starts.tzinfo is not None for p in found)
    assert all(p.ends - p.starts == datetime.timedelta(hours=2) for p in found)


@pytest.mark.django_db
def test_a_one_off_session_occurs_once():
    session = OutreachSessionFactory(weekday=None, date=datetime.date(2026, 12, 3))
    found = presence(site_ids=[session.site_id], start=at(2026, 12, 1), end=at(2026, 12, 31))
    assert [p.starts for p in found] == [at(2026, 12, 3, 10)]


@pytest.mark.django_db
def test_the_weekly_period_limits_occurrences():
    session = OutreachSessionFactory(
        weekday=3, valid_from=datetime.date(2026, 12, 3), valid_until=datetime.date(2026, 12, 10)
    )
    found = presence(site_ids=[session.site_id], start=at(2026, 11, 1), end=at(2027, 1, 31))
    assert [p.starts.date() for p in found] == [
        datetime.date(2026, 12, 3),
        datetime.date(2026, 12, 10),
    ]


@pytest.mark.django_db
def test_only_the_asked_sites_and_only_overlapping_the_window():
    session = OutreachSessionFactory(weekday=1)
    OutreachSessionFactory(weekday=1, site=SiteFactory(), service=ServiceFactory())
    # The window starts at 11:00 on the Tuesday: the 10-12 session overlaps it, so it counts.
    found = presence(
        site_ids=[session.site_id], start=at(2026, 11, 24, 11), end=at(2026, 11, 24, 13)
    )
    assert len(found) == 1
    # A window ending when the session starts does not.
    assert (
        presence(site_ids=[session.site_id], start=at(2026, 11, 24, 8), end=at(2026, 11, 24, 10))
        == []
    )


@pytest.mark.django_db
def test_the_registry_collects_partner_sessions():
    session = OutreachSessionFactory(weekday=1)
    found = site_presence(site_ids=[session.site_id], start=at(2026, 11, 23), end=at(2026, 11, 30))
    assert [p.starts for p in found] == [at(2026, 11, 24, 10)]


@pytest.mark.django_db
def test_presence_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    site = SiteFactory()
    for weekday in range(7):
        OutreachSessionFactory(weekday=weekday, site=site)
    with django_assert_max_num_queries(1):
        found = presence(site_ids=[site.pk], start=at(2026, 11, 1), end=at(2026, 12, 1))
    assert len(found) == 30
