"""`monthly_totals_of_two`: the monthly totals of a period and a year earlier in one pass."""

import datetime

import pytest

from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits import selectors

pytestmark = pytest.mark.django_db
D = datetime.date


def _as_dict(rows) -> dict:
    return {(r.site_id, r.date, r.category): r.count for r in rows}


@pytest.mark.parametrize(
    ("period", "earlier"),
    [
        ((D(2025, 1, 1), D(2025, 12, 31)), (D(2024, 1, 1), D(2024, 12, 31))),  # apart
        ((D(2021, 1, 15), D(2025, 3, 10)), (D(2020, 1, 15), D(2024, 3, 10))),  # overlapping
    ],
)
def test_it_gives_what_monthly_totals_gives_for_each_range(period, earlier):
    site, other, elsewhere = SiteFactory(), SiteFactory(), SiteFactory()
    visits = TallyCategoryFactory(code="visits")
    lunch = TallyCategoryFactory(code="lunch")
    day = D(2019, 12, 1)
    while day < D(2026, 2, 1):
        for n, (where, category) in enumerate(
            [(site, visits), (site, lunch), (other, visits), (elsewhere, visits)]
        ):
            count = (day.toordinal() * (n + 3)) % 7  # zeros included
            DailyCountFactory(site=where, category=category, date=day, count=count)
        day += datetime.timedelta(days=9)
    sites = [site.pk, other.pk]

    first, second = selectors.monthly_totals_of_two(sites, period, earlier)

    assert first == _as_dict(selectors.monthly_totals(sites, *period))
    assert second == _as_dict(selectors.monthly_totals(sites, *earlier))
    assert first and second
    assert all(count > 0 for count in [*first.values(), *second.values()])


def test_it_takes_two_queries_whatever_the_period(django_assert_num_queries):
    site = SiteFactory()
    DailyCountFactory(site=site, category=TallyCategoryFactory(code="visits"), date=D(2024, 5, 1))
    with django_assert_num_queries(2):
        selectors.monthly_totals_of_two(
            [site.pk], (D(2021, 1, 1), D(2025, 12, 31)), (D(2020, 1, 1), D(2024, 12, 31))
        )
