"""Shared by the query-count tests: the benchmark's generator at two small scales."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.dataset import Generator, Scale

SMALL = Scale(sites=1, years=1, volunteers=6, shifts=40, organisations=3, tasks=3)
LARGE = Scale(sites=10, years=1, volunteers=40, shifts=200, organisations=70, tasks=30)
# The small data covers two weeks of December 2025; growing adds November 2025.
SMALL_DAYS = (datetime.date(2025, 12, 1), datetime.date(2025, 12, 14))
LARGE_DAYS = (datetime.date(2025, 11, 1), datetime.date(2025, 11, 30))


class Quiet:
    def write(self, text):
        return len(text)

    def flush(self):
        pass


def fill_small() -> None:
    Generator(SMALL, start=SMALL_DAYS[0], end=SMALL_DAYS[1], seed=1, out=Quiet()).run()


def grow() -> None:
    Generator(LARGE, start=LARGE_DAYS[0], end=LARGE_DAYS[1], seed=2, out=Quiet()).run()


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def assert_fixed(client, url, ceiling: int, django_assert_max_num_queries, grow=grow) -> None:
    """At most `ceiling` queries on small data, and no more after the data grew."""
    small = count_queries(client, url)
    assert small <= ceiling, f"{url}: {small} queries on small data (ceiling {ceiling})"
    grow()
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
