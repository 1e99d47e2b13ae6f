"""Monthly counts: always the sum of their daily counts, and what whole months are read from."""

import datetime
import importlib
import json
import random

import pytest
from django.apps import apps
from django.utils import timezone

from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory, event
from visits import counting, selectors
from visits.models import DailyCount, MonthlyCount
from visits.services import correct_counts

pytestmark = pytest.mark.django_db
D = datetime.date


def post(client, events):
    response = client.post(
        "/visits/api/events/", json.dumps({"events": events}), content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()


def monthly(site, category, month):
    row = MonthlyCount.objects.filter(site=site, category=category, month=month).first()
    return row.count if row else 0


def test_taps_minus_taps_and_retries_move_the_month_exactly(staff_client, site, breakfast, visits):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    plus = [event(site, breakfast), event(site, breakfast, day=yesterday), event(site, visits)]
    assert len(post(staff_client, plus)["accepted"]) == 3
    assert post(staff_client, plus)["duplicates"] == [e["id"] for e in plus]
    minus = [event(site, breakfast, delta=-1), event(site, breakfast, delta=-1)]
    answer = post(staff_client, minus)
    assert answer["accepted"] == [minus[0]["id"]]  # the second would go below zero
    assert counting.mismatched_months() == []
    expected = 1 if yesterday.month == today.month else 0
    assert monthly(site, breakfast, today.replace(day=1)) == expected
    assert monthly(site, visits, today.replace(day=1)) == 1


def test_a_correction_moves_the_month_too(staff_user, site, breakfast, visits):
    day = timezone.localdate() - datetime.timedelta(days=90)
    DailyCountFactory(site=site, category=breakfast, date=day, count=12)
    changed = correct_counts(
        site=site,
        day=day,
        expected={breakfast: 12, visits: 0},
        wanted={breakfast: 9, visits: 30},
        reason="miscount",
        note="Counted twice on paper",
        user=staff_user,
    )
    assert changed == 2
    assert monthly(site, breakfast, day.replace(day=1)) == 9
    assert monthly(site, visits, day.replace(day=1)) == 30
    assert counting.mismatched_months() == []


def test_a_wrong_monthly_count_is_found(site, breakfast):
    DailyCountFactory(site=site, category=breakfast, date=D(2025, 3, 3), count=4)
    MonthlyCount.objects.update(count=5)
    assert counting.mismatched_months() == [((site.pk, D(2025, 3, 1), breakfast.pk), 5, 4)]


def test_the_migration_sums_the_daily_counts_already_there(site, breakfast, visits):
    for day, n in [(D(2025, 2, 27), 3), (D(2025, 3, 1), 4), (D(2025, 3, 31), 5)]:
        DailyCount.objects.create(site=site, category=breakfast, date=day, count=n)
    DailyCount.objects.create(site=site, category=visits, date=D(2025, 3, 2), count=0)
    migration = importlib.import_module("visits.migrations.0002_monthly_count")
    migration.sum_existing_daily_counts(apps, None)
    assert monthly(site, breakfast, D(2025, 2, 1)) == 3
    assert monthly(site, breakfast, D(2025, 3, 1)) == 9
    assert counting.mismatched_months() == []


@pytest.mark.parametrize(
    ("start", "end", "edges", "months"),
    [
        (D(2025, 1, 1), D(2025, 12, 31), [], (D(2025, 1, 1), D(2025, 12, 31))),
        (
            D(2025, 1, 15),
            D(2025, 3, 10),
            [(D(2025, 1, 15), D(2025, 1, 31)), (D(2025, 3, 1), D(2025, 3, 10))],
            (D(2025, 2, 1), D(2025, 2, 28)),
        ),
        (D(2025, 1, 15), D(2025, 2, 10), [(D(2025, 1, 15), D(2025, 2, 10))], None),
        (D(2025, 2, 1), D(2025, 2, 28), [], (D(2025, 2, 1), D(2025, 2, 28))),
        (D(2024, 2, 1), D(2024, 2, 28), [(D(2024, 2, 1), D(2024, 2, 28))], None),
        (D(2025, 3, 5), D(2025, 3, 5), [(D(2025, 3, 5), D(2025, 3, 5))], None),
    ],
)
def test_a_range_splits_into_whole_months_and_edge_days(start, end, edges, months):
    assert selectors.split_months(start, end) == (edges, months)


@pytest.fixture
def scattered_counts(site, breakfast, visits):
    """Counts on random days of three months, at two sites."""
    other = SiteFactory(slug="skaelskoer")
    rng = random.Random(7)
    day = D(2025, 1, 1)
    while day <= D(2025, 3, 31):
        for s in (site, other):
            for category in (breakfast, visits):
                if rng.random() < 0.5:
                    DailyCountFactory(site=s, category=category, date=day, count=rng.randint(0, 9))
        day += datetime.timedelta(days=1)
    return [site.pk, other.pk]


def by_day(site_ids, start, end):
    """The expected answers, summed from the daily counts one by one."""
    rows = DailyCount.objects.filter(site_id__in=site_ids, date__gte=start, date__lte=end)
    return [(r.site_id, r.date, r.category.code, r.count) for r in rows]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2025, 1, 1), D(2025, 3, 31)),
        (D(2025, 1, 10), D(2025, 3, 20)),
        (D(2025, 2, 1), D(2025, 2, 28)),
        (D(2025, 2, 3), D(2025, 2, 20)),
        (D(2024, 12, 1), D(2025, 1, 31)),
    ],
)
def test_month_reads_equal_the_sum_of_the_days(scattered_counts, start, end):
    site_ids = scattered_counts
    rows = by_day(site_ids, start, end)

    totals: dict = {}
    for _site, day, code, n in rows:
        month = totals.setdefault(day.replace(day=1), {})
        month[code] = month.get(code, 0) + n
    assert selectors.period_totals(site_ids, start, end, "month") == dict(sorted(totals.items()))

    per_site: dict = {}
    for site_id, day, code, n in rows:
        key = (site_id, day.replace(day=1), code)
        per_site[key] = per_site.get(key, 0) + n
    assert selectors.monthly_totals(site_ids, start, end) == [
        selectors.CountRow(site_id, month, code, n)
        for (site_id, month, code), n in sorted(
            per_site.items(), key=lambda i: (i[0][1], i[0][0], i[0][2])
        )
        if n
    ]

    visits: dict = {}
    for site_id, day, code, n in rows:
        if code == "visits" and n:
            months = visits.setdefault(site_id, {})
            months[day.replace(day=1)] = months.get(day.replace(day=1), 0) + n
    assert selectors.visits_per_period(site_ids, start, end, "month") == visits


def test_a_year_per_month_reads_12_rows_per_site_and_category_not_365(
    scattered_counts, django_assert_max_num_queries
):
    # One query for the whole months, none of them on the daily counts.
    with django_assert_max_num_queries(1) as captured:
        selectors.period_totals(scattered_counts, D(2025, 1, 1), D(2025, 3, 31), "month")
    assert "visits_dailycount" not in captured.captured_queries[0]["sql"]


def test_a_new_category_counted_through_the_api_gets_its_month(staff_client, site):
    soup = TallyCategoryFactory(code="soup")
    post(staff_client, [event(site, soup, delta=3)])
    assert monthly(site, soup, timezone.localdate().replace(day=1)) == 3
