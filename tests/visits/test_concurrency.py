"""Many staff and devices at once: no lost update and no double count, on real PostgreSQL.

These use real concurrent connections (threads, each with its own connection), which only
PostgreSQL gives us; SQLite serialises every writer, so there is nothing to race there.
CI runs the suite on PostgreSQL (.ci/run), where these run.
"""

import importlib
import json
import threading
import uuid
from collections import Counter

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits import counting
from visits.models import DailyCount, MonthlyCount, TallyEvent

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _roles():
    """The roles the migrations made, whatever an earlier transactional test left behind."""
    from django.apps import apps

    importlib.import_module("core.migrations.0002_roles").create_roles(apps, None)


def _run_in_threads(count: int, work) -> list:
    """Run work(i) in `count` threads started together; re-raise the first failure."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list[BaseException] = []

    def target(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if errors:
        raise errors[0]
    return results


def _post(client: Client, events: list[dict]) -> dict:
    response = client.post(
        "/visits/api/events/", json.dumps({"events": events}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def _logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_20_threads_adding_1000_taps_end_with_exactly_1000(staff_user):
    site = SiteFactory(slug="busstop")
    visits = TallyCategoryFactory(code="visits")
    today = timezone.localdate().isoformat()
    clients = [_logged_in_client(staff_user) for _ in range(20)]

    def tap_50_times(index: int) -> int:
        # 10 requests of one tap, then 8 of five: tablets sync single taps and small batches.
        accepted = 0
        for size in [1] * 10 + [5] * 8:
            events = [
                {
                    "id": str(uuid.uuid4()),
                    "site": site.slug,
                    "date": today,
                    "category": visits.code,
                    "delta": 1,
                }
                for _ in range(size)
            ]
            accepted += len(_post(clients[index], events)["accepted"])
        return accepted

    accepted = _run_in_threads(20, tap_50_times)
    assert sum(accepted) == 1000
    assert DailyCount.objects.get(site=site, category=visits).count == 1000
    assert MonthlyCount.objects.get(site=site, category=visits).count == 1000
    assert TallyEvent.objects.count() == 1000


def test_a_500_event_batch_sent_three_times_twice_at_once_counts_once(staff_user):
    site = SiteFactory(slug="pavilion")
    categories = [TallyCategoryFactory(code=f"c{i}") for i in range(5)]
    today = timezone.localdate().isoformat()
    batch = [
        {
            "id": str(uuid.uuid4()),
            "site": site.slug,
            "date": today,
            "category": categories[i % 5].code,
            "delta": 1 + i % 3,
        }
        for i in range(500)
    ]
    clients = [_logged_in_client(staff_user) for _ in range(2)]

    answers = _run_in_threads(2, lambda index: _post(clients[index], batch))
    third = _post(_logged_in_client(staff_user), batch)

    ids = [e["id"] for e in batch]
    accepted = Counter(i for answer in answers for i in answer["accepted"])
    duplicates = Counter(i for answer in answers for i in answer["duplicates"])
    assert sorted(accepted) == sorted(ids)
    assert set(accepted.values()) == {1}  # each accepted by exactly one of the two
    assert accepted + duplicates == Counter(dict.fromkeys(ids, 2))
    assert all(not answer["rejected"] for answer in answers)
    assert third == {"accepted": [], "duplicates": ids, "rejected": []}
    assert TallyEvent.objects.count() == 500
    for position, category in enumerate(categories):
        expected = sum(e["delta"] for e in batch[position::5])
        assert DailyCount.objects.get(site=site, category=category).count == expected
    assert counting.mismatched_months() == []


def test_concurrent_minus_taps_never_take_a_count_below_zero(staff_user):
    site = SiteFactory(slug="korsor")
    visits = TallyCategoryFactory(code="visits")
    today = timezone.localdate().isoformat()
    DailyCountFactory(site=site, category=visits, count=30)
    clients = [_logged_in_client(staff_user) for _ in range(10)]

    def take_5(index: int) -> int:
        events = [
            {
                "id": str(uuid.uuid4()),
                "site": site.slug,
                "date": today,
                "category": visits.code,
                "delta": -1,
            }
            for _ in range(5)
        ]
        return len(_post(clients[index], events)["accepted"])

    accepted = _run_in_threads(10, take_5)
    assert sum(accepted) == 30
    assert DailyCount.objects.get(site=site, category=visits).count == 0
    assert MonthlyCount.objects.get(site=site, category=visits).count == 0
    assert TallyEvent.objects.count() == 30


def test_taps_sent_alone_and_inside_a_batch_with_a_minus_tap_at_once_count_once(staff_user):
    """The two write paths (additions only; a batch with a subtraction) racing on the same
    ids: whichever inserts an id counts it, the other reports it as a duplicate."""
    site = SiteFactory(slug="lillemo")
    visits = TallyCategoryFactory(code="visits")
    today = timezone.localdate().isoformat()
    taps = [
        {
            "id": str(uuid.uuid4()),
            "site": site.slug,
            "date": today,
            "category": "visits",
            "delta": 1,
        }
        for _ in range(50)
    ]
    minus = {"id": str(uuid.uuid4()), "site": site.slug, "date": today, "category": "visits"}
    minus["delta"] = -1
    batches = [taps, [*taps, minus]] * 4
    clients = [_logged_in_client(staff_user) for _ in batches]

    answers = _run_in_threads(len(batches), lambda index: _post(clients[index], batches[index]))

    accepted = Counter(i for answer in answers for i in answer["accepted"])
    assert accepted == Counter(dict.fromkeys([t["id"] for t in taps] + [minus["id"]], 1))
    assert all(not answer["rejected"] for answer in answers)
    assert DailyCount.objects.get(site=site, category=visits).count == 49
    assert TallyEvent.objects.count() == 51
    assert counting.mismatched_months() == []
