"""Every main page runs a fixed number of queries, however much data there is.

Each test fills the database with the benchmark's generator at a small scale, counts the
page's queries, grows the data (more sites, days, volunteers, shifts, organisations, tasks)
and asserts the page runs no more queries than before, and at most its ceiling.
"""

import pytest

from tests.perf.helpers import SMALL_DAYS, assert_fixed, grow

pytestmark = pytest.mark.django_db


def test_public_schedule(small_data, client, django_assert_max_num_queries):
    assert_fixed(client, "/schedule/?at=2025-12-10T12:00", 20, django_assert_max_num_queries)


def test_partner_directory(small_data, coordinator_client, django_assert_max_num_queries):
    assert_fixed(coordinator_client, "/partners/", 15, django_assert_max_num_queries)


def test_plan_timeline(small_data, coordinator_client, django_assert_max_num_queries):
    assert_fixed(coordinator_client, "/planning/", 25, django_assert_max_num_queries)


def test_usb_report_page(small_data, manager_client, django_assert_max_num_queries):
    url = "/reports/usb/?period=custom&start=2025-11-01&end=2025-12-31"
    assert_fixed(manager_client, url, 40, django_assert_max_num_queries)


def test_the_data_really_grows(small_data):
    """The tests above would prove nothing if growing added no rows."""
    from partners.models import Organisation
    from planning.models import Task
    from sites.models import Site
    from visits.models import DailyCount

    before = (Site.objects.count(), Organisation.objects.count(), Task.objects.count())
    grow()
    after = (Site.objects.count(), Organisation.objects.count(), Task.objects.count())
    assert all(b < a for b, a in zip(before, after, strict=True)), (before, after)
    assert DailyCount.objects.filter(date__lt=SMALL_DAYS[0]).exists()
