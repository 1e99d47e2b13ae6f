"""The report's number of queries does not grow with the period or the number of sites."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.builder import build_report
from reports.periods import Period
from tests.partners.factories import AgreementFactory, OutreachSessionFactory
from tests.sites.factories import SiteFactory, WeeklyHoursFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory

pytestmark = pytest.mark.django_db


def _queries(period: Period, sites) -> int:
    with CaptureQueriesContext(connection) as captured:
        build_report(period=period, sites=sites)
    return len(captured)


def _site(n: int, days: list[datetime.date]):
    site = SiteFactory(slug=f"site-{n}")
    WeeklyHoursFactory(site=site, weekday=n % 7)
    OutreachSessionFactory(site=site, weekday=n % 7)
    AgreementFactory()
    visits = TallyCategoryFactory(code="visits")
    for day in days:
        DailyCountFactory(site=site, date=day, category=visits, count=n + 3)
    return site


def test_the_number_of_queries_is_fixed(django_assert_max_num_queries):
    small = _queries(Period.month(2025, 1), [_site(0, [datetime.date(2025, 1, 6)])])
    days = [datetime.date(year, month, 10) for year in range(2020, 2026) for month in (1, 6, 11)]
    sites = [_site(n, days) for n in range(1, 9)]
    large = Period(datetime.date(2021, 1, 1), datetime.date(2025, 12, 31))
    assert _queries(large, sites) == small
    with django_assert_max_num_queries(small):
        build_report(period=large, sites=sites)
