"""The roster runs a fixed number of queries, however many shifts and volunteers there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.dataset import Generator
from tests.perf.helpers import LARGE, Quiet

pytestmark = pytest.mark.django_db


def _assert_flat(client, urls, django_assert_max_num_queries) -> None:
    """Each URL runs at most 25 queries, and no more once there are many more sites, volunteers
    and shifts in the month shown."""
    small = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        small[url] = len(captured)
        assert small[url] <= 25, (url, small[url])
    generator = Generator(
        LARGE, start=datetime.date(2025, 12, 1), end=datetime.date(2025, 12, 31), seed=4
    )
    generator.out = Quiet()
    generator.sites()
    generator.volunteers()
    from sites.models import Site
    from volunteers.models import Shift

    assert Site.objects.count() >= 10
    assert Shift.objects.filter(starts__month=12).values("site").distinct().count() > 1
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            assert client.get(url).status_code == 200


def test_roster_busy_month(small_data, coordinator_client, django_assert_max_num_queries):
    from sites.models import Site

    site = Site.objects.order_by("pk").first()
    urls = [
        f"/volunteers/roster/?site={site.pk}&view={view}&date=2025-12-10"
        for view in ("month", "week")
    ]
    _assert_flat(coordinator_client, urls, django_assert_max_num_queries)


def test_all_sites_roster_keeps_a_flat_query_count(
    small_data, coordinator_client, django_assert_max_num_queries
):
    """Every site's month and week on one page: more sites and shifts, not more queries."""
    from volunteers.models import VolunteerRole

    role = VolunteerRole.objects.order_by("pk").first()
    urls = [
        f"/volunteers/roster/?view={view}&date=2025-12-10{extra}"
        for view in ("month", "week")
        for extra in ("", "&site=all", f"&site=all&role={role.pk}")
    ]
    _assert_flat(coordinator_client, urls, django_assert_max_num_queries)


def test_the_notice_board_roster_keeps_a_flat_query_count(
    small_data, coordinator_client, django_assert_max_num_queries
):
    """The print view of every site's month and week (the PDF renders the same sheet)."""
    urls = [
        f"/volunteers/roster/print/?view={view}&date=2025-12-10&site=all&names=full"
        for view in ("month", "week")
    ]
    _assert_flat(coordinator_client, urls, django_assert_max_num_queries)
