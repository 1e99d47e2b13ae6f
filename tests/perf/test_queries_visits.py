"""The tally pages run a fixed number of queries, however much data there is."""

import pytest
from django.utils import timezone

from bench.dataset import Generator
from tests.perf.helpers import LARGE, Quiet, assert_fixed

pytestmark = pytest.mark.django_db


def _first_site():
    from sites.models import Site

    return Site.objects.order_by("pk").first()


def test_visits_entry(small_data, staff_client, django_assert_max_num_queries):
    url = f"/visits/?site={_first_site().slug}"
    assert_fixed(staff_client, url, 20, django_assert_max_num_queries)


def test_visits_month_view(small_data, staff_client, django_assert_max_num_queries):
    url = "/visits/figures/?period=month&start=2025-11-01&end=2025-12-31"
    assert_fixed(staff_client, url, 20, django_assert_max_num_queries)


def test_visits_entry_with_counts_today(small_data, staff_client, django_assert_max_num_queries):
    """The entry page shows today: grow today's counts, not only past months'."""
    today = timezone.localdate()

    def grow():
        Generator(LARGE, start=today, end=today, seed=3, out=Quiet()).run()

    url = f"/visits/?site={_first_site().slug}"
    assert_fixed(staff_client, url, 20, django_assert_max_num_queries, grow=grow)
