"""The roster runs a fixed number of queries, however many shifts and volunteers there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.dataset import Generator
from tests.perf.helpers import LARGE, Quiet

pytestmark = pytest.mark.django_db


def test_roster_busy_month(small_data, coordinator_client, django_assert_max_num_queries):
    from sites.models import Site

    site = Site.objects.order_by("pk").first()
    urls = [
        f"/volunteers/roster/?site={site.pk}&view={view}&date=2025-12-10"
        for view in ("month", "week")
    ]
    small = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(url).status_code == 200
        small[url] = len(captured)
        assert small[url] <= 25, (url, small[url])
    # More volunteers and sites, and many more shifts in the month shown.
    generator = Generator(
        LARGE, start=datetime.date(2025, 12, 1), end=datetime.date(2025, 12, 31), seed=4
    )
    generator.out = Quiet()
    generator.sites()
    generator.volunteers()
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            assert coordinator_client.get(url).status_code == 200
