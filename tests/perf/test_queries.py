"""Every main page runs a fixed number of queries, however much data there is.

Each test fills the database with the benchmark's generator at a small scale, counts the
page's queries, grows the data (more sites, days, volunteers, shifts, organisations, tasks)
and asserts the page runs no more queries than before, and at most its ceiling.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.dataset import Generator, Scale, has_models

pytestmark = pytest.mark.django_db

SMALL = Scale(sites=1, years=1, volunteers=6, shifts=40, organisations=3, tasks=3)
LARGE = Scale(sites=10, years=1, volunteers=60, shifts=400, organisations=40, tasks=40)
# The small data covers two weeks of December 2025; the large adds September to November
# (counts) and more shifts in December (the roster's busy month).
SMALL_DAYS = (datetime.date(2025, 12, 1), datetime.date(2025, 12, 14))
LARGE_DAYS = (datetime.date(2025, 9, 1), datetime.date(2025, 11, 30))


def _grow() -> None:
    Generator(LARGE, start=LARGE_DAYS[0], end=LARGE_DAYS[1], seed=2, out=_Quiet()).run()


class _Quiet:
    def write(self, text):
        return len(text)

    def flush(self):
        pass


@pytest.fixture
def small_data(db):
    from django.core.management import call_command

    call_command("load_reference_data", stdout=_Quiet())
    Generator(SMALL, start=SMALL_DAYS[0], end=SMALL_DAYS[1], seed=1, out=_Quiet()).run()


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _assert_fixed(client, url, ceiling: int, django_assert_max_num_queries, grow=_grow) -> None:
    small = _count(client, url)
    assert small <= ceiling, f"{url}: {small} queries on small data (ceiling {ceiling})"
    grow()
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200


def test_public_schedule(small_data, client, django_assert_max_num_queries):
    _assert_fixed(client, "/schedule/?at=2025-12-10T12:00", 20, django_assert_max_num_queries)


def test_partner_directory(small_data, coordinator_client, django_assert_max_num_queries):
    _assert_fixed(coordinator_client, "/partners/", 15, django_assert_max_num_queries)


def test_plan_timeline(small_data, coordinator_client, django_assert_max_num_queries):
    _assert_fixed(coordinator_client, "/planning/", 25, django_assert_max_num_queries)


def test_usb_report_page(small_data, manager_client, django_assert_max_num_queries):
    url = "/reports/usb/?period=custom&start=2025-09-01&end=2025-12-31"
    _assert_fixed(manager_client, url, 40, django_assert_max_num_queries)


def test_the_data_really_grows(small_data):
    """The tests above would prove nothing if growing added no rows."""
    from partners.models import Organisation
    from planning.models import Task
    from sites.models import Site

    before = (Site.objects.count(), Organisation.objects.count(), Task.objects.count())
    _grow()
    after = (Site.objects.count(), Organisation.objects.count(), Task.objects.count())
    assert all(b < a for b, a in zip(before, after, strict=True)), (before, after)
    if has_models("visits"):
        from visits.models import DailyCount

        assert DailyCount.objects.filter(date__lt=SMALL_DAYS[0]).exists()
