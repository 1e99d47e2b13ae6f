"""Reusable reads of the tallies, for the visits pages and the reports app.

Every function reads the counts (never the events) with a fixed number of queries, whatever
the amount of data: whole months from the monthly counts, days from the daily counts. Site
arguments are ids; dates are inclusive.

- `counts_for_day(site, day)`: {category code: count} for one site and day.
- `daily_counts(site_ids, start, end)`: one row per site, day and category.
- `monthly_totals(site_ids, start, end)`: one row per site, month and category.
- `category_totals(site_ids, start, end)`: {category code: total}.
- `visits_by_day(site_ids, start, end)`: {(site_id, day): visits in total}.
- `period_totals(site_ids, start, end, period)`: totals per day, ISO week or month.
- `visits_per_period(site_ids, start, end, period)`: {site_id: {period start: visits}}.
- `period_starts(start, end, period)`: every period start in a range, for zero-filled series.
- `same_period_last_year(start, end, period)`: the comparable range a year earlier.
- `categories_in_order(...)`: categories grouped for display.
- `breakdowns_above_total(categories, counts)`: the parts counted above their totals.
- `day_figures(sites, start, end, period, now)`: everything the (operational) visit figures
  page shows: exact counts, for those who log tallies only (docs/privacy.md).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from core.disclosure import Withheld, change
from sites.models import Site
from sites.selectors import opening_totals
from visits.models import (
    GROUP_ORDER,
    VISITS_CODE,
    CategoryGroup,
    DailyCount,
    MonthlyCount,
    TallyCategory,
)

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class CountRow:
    site_id: int
    date: datetime.date  # the day, or the first day of the month for monthly rows
    category: str  # category code
    count: int


@dataclass(frozen=True)
class AboveTotal:
    """A breakdown ("Of which women") counted above its total ("Visits in total")."""

    part: TallyCategory
    total: TallyCategory
    part_count: int
    total_count: int

    @property
    def message(self) -> str:
        return _(
            "%(part)s is %(part_count)d, but %(total)s is only %(total_count)d. A breakdown is "
            "part of its total and cannot be higher: check the counts."
        ) % {
            "part": self.part.name,
            "part_count": self.part_count,
            "total": self.total.name,
            "total_count": self.total_count,
        }


def totals_of(categories: Iterable[TallyCategory]) -> dict[str, TallyCategory]:
    """{part's code: its total} for the parts whose total is among `categories` too (a site
    that does not count the total has nothing to hold the part against)."""
    listed = list(categories)
    by_pk = {category.pk: category for category in listed}
    return {c.code: by_pk[c.part_of_id] for c in listed if c.part_of_id in by_pk}


def breakdowns_above_total(
    categories: Iterable[TallyCategory], counts: dict[str, int]
) -> list[AboveTotal]:
    """The breakdowns counted above their totals (decisions: Visits 14), in category order."""
    listed = list(categories)
    by_code = {category.code: category for category in listed}
    found = [
        AboveTotal(by_code[code], total, counts.get(code, 0), counts.get(total.code, 0))
        for code, total in totals_of(listed).items()
        if counts.get(code, 0) > counts.get(total.code, 0)
    ]
    return sorted(found, key=lambda above: (above.part.order, above.part.code))


def counts_for_day(site: Site, day: datetime.date) -> dict[str, int]:
    """{code: count} for one site and day (categories never counted that day are left out)."""
    return dict(
        DailyCount.objects.filter(site=site, date=day).values_list("category__code", "count")
    )


def sites_with_tallies(start: datetime.date, end: datetime.date) -> QuerySet[DailyCount]:
    """The ids of the sites counted on a day of start..end, for `Site.objects.listed`."""
    return DailyCount.objects.between(start, end).filter(count__gt=0).values("site_id")


def figures_sites(
    start: datetime.date, end: datetime.date, period: str, *, chosen: Site | None = None
) -> QuerySet[Site]:
    """The sites the figures of start..end list (decisions: Sites 14): those in use then, and
    a site not in use only where it was counted then or in the period a year earlier (whose
    figures the page shows beside them)."""
    ly_start, ly_end = same_period_last_year(start, end, period)
    return Site.objects.listed(
        start,
        end,
        with_data=[
            sites_with_tallies(start, end),
            sites_with_tallies(ly_start, ly_end),
            chosen.pk if chosen else None,
        ],
    )


def daily_counts(
    site_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> list[CountRow]:
    """Every daily count of these sites between start and end, by date, site and category."""
    rows = (
        DailyCount.objects.filter(site_id__in=list(site_ids))
        .between(start, end)
        .filter(count__gt=0)
        .order_by("date", "site_id", "category__order", "category__code")
        .values_list("site_id", "date", "category__code", "count")
    )
    return [CountRow(*row) for row in rows]


def monthly_totals(
    site_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> list[CountRow]:
    """Totals by site, month (its first day) and category: the finest grain reports publish."""
    site_ids = list(site_ids)
    edges, months = split_months(start, end)
    totals: dict[tuple[int, datetime.date, str], int] = defaultdict(int)
    if edges:
        rows = (
            _daily(site_ids, edges)
            .annotate(month=TruncMonth("date"))
            .values("site_id", "month", "category__code")
            .annotate(total=Sum("count"))
            .order_by()
            .values_list("site_id", "month", "category__code", "total")
        )
        for site_id, month, code, total in rows:
            totals[(site_id, _as_date(month), code)] += total
    if months:
        month_rows = _monthly(site_ids, months).values_list(
            "site_id", "month", "category__code", "count"
        )
        for site_id, month, code, count in month_rows:
            totals[(site_id, month, code)] += count
    return [
        CountRow(site_id, month, code, total)
        for (site_id, month, code), total in sorted(
            totals.items(), key=lambda item: (item[0][1], item[0][0], item[0][2])
        )
        if total > 0
    ]


def category_totals(
    site_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[str, int]:
    """{code: total} over all the given sites and days."""
    rows = (
        DailyCount.objects.filter(site_id__in=list(site_ids))
        .between(start, end)
        .values("category__code")
        .annotate(total=Sum("count"))
        .order_by()
        .values_list("category__code", "total")
    )
    return {code: total for code, total in rows if total}


def visits_by_day(
    site_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[tuple[int, datetime.date], int]:
    """{(site_id, day): visits in total}, for days with visits."""
    rows = (
        _daily(site_ids, [(start, end)])
        .filter(category__code=VISITS_CODE, count__gt=0)
        .values_list("site_id", "date", "count")
    )
    return {(site_id, day): count for site_id, day, count in rows}


PERIODS = ("day", "week", "month")


def period_start(day: datetime.date, period: str) -> datetime.date:
    """The first day of the day, ISO week (Monday) or month that contains `day`."""
    if period == "week":
        return day - datetime.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def period_totals(
    site_ids: Iterable[int], start: datetime.date, end: datetime.date, period: str
) -> dict[datetime.date, dict[str, int]]:
    """{first day of the period: {code: total}} over the given sites, oldest first."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    site_ids = list(site_ids)
    totals: dict[datetime.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    edges, months = split_months(start, end) if period == "month" else ([(start, end)], None)
    if edges:
        rows = (
            _daily(site_ids, edges)
            .values("date", "category__code")
            .annotate(total=Sum("count"))
            .order_by()
            .values_list("date", "category__code", "total")
        )
        for day, code, total in rows:
            totals[period_start(day, period)][code] += total
    if months:
        month_rows = (
            _monthly(site_ids, months)
            .values("month", "category__code")
            .annotate(total=Sum("count"))
            .order_by()
            .values_list("month", "category__code", "total")
        )
        for month, code, total in month_rows:
            totals[month][code] += total
    return {key: dict(totals[key]) for key in sorted(totals)}


@dataclass(frozen=True)
class CategoryGroupRows:
    group: str
    label: str
    categories: list[TallyCategory]


def categories_in_order(categories: Iterable[TallyCategory]) -> list[CategoryGroupRows]:
    """Categories grouped as on the entry page: visitors, meals, hygiene, ... in order."""
    by_group: dict[str, list[TallyCategory]] = defaultdict(list)
    for category in sorted(categories, key=lambda c: (c.order, c.code)):
        by_group[category.group].append(category)
    labels = dict(CategoryGroup.choices)
    return [
        CategoryGroupRows(group=group, label=str(labels.get(group, group)), categories=items)
        for group, items in sorted(by_group.items(), key=lambda kv: GROUP_ORDER.get(kv[0], 99))
    ]


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def period_starts(start: datetime.date, end: datetime.date, period: str) -> list[datetime.date]:
    """The first day of every day, week or month that overlaps start..end."""
    starts = []
    current = period_start(start, period)
    while current <= end:
        starts.append(current)
        if period == "month":
            current = (current.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        else:
            current += datetime.timedelta(days=7 if period == "week" else 1)
    return starts


def same_period_last_year(
    start: datetime.date, end: datetime.date, period: str
) -> tuple[datetime.date, datetime.date]:
    """The range to compare with: 52 weeks back for days and weeks (same weekdays), one
    calendar year back for months."""
    if period == "month":
        return _year_back(start), _year_back(end)
    return start - datetime.timedelta(weeks=52), end - datetime.timedelta(weeks=52)


def _year_back(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def visits_per_period(
    site_ids: Iterable[int], start: datetime.date, end: datetime.date, period: str
) -> dict[int, dict[datetime.date, int]]:
    """{site_id: {period start: visits in total}} for the sites with visits."""
    site_ids = list(site_ids)
    result: dict[int, dict[datetime.date, int]] = defaultdict(lambda: defaultdict(int))
    edges, months = split_months(start, end) if period == "month" else ([(start, end)], None)
    if edges:
        rows = (
            _daily(site_ids, edges)
            .filter(category__code=VISITS_CODE, count__gt=0)
            .values_list("site_id", "date", "count")
        )
        for site_id, day, visits in rows:
            result[site_id][period_start(day, period)] += visits
    if months:
        month_rows = (
            _monthly(site_ids, months)
            .filter(category__code=VISITS_CODE, count__gt=0)
            .values_list("site_id", "month", "count")
        )
        for site_id, month, visits in month_rows:
            result[site_id][month] += visits
    return {site_id: dict(values) for site_id, values in result.items()}


def split_months(
    start: datetime.date, end: datetime.date
) -> tuple[list[tuple[datetime.date, datetime.date]], tuple[datetime.date, datetime.date] | None]:
    """The days start..end as (ranges to read day by day, the whole months between).

    Whole months are read from the monthly counts (12 rows a year instead of 365); only a
    partial first or last month is summed from the daily counts.
    """
    first = start if start.day == 1 else _next_month(start)
    after = _next_month(end) if _next_month(end) - ONE_DAY == end else end.replace(day=1)
    if first >= after:
        return [(start, end)], None
    edges = []
    if start < first:
        edges.append((start, first - ONE_DAY))
    if after <= end:
        edges.append((after, end))
    return edges, (first, after - ONE_DAY)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _daily(
    site_ids: Iterable[int], ranges: list[tuple[datetime.date, datetime.date]]
) -> QuerySet[DailyCount]:
    """The daily counts of these sites on the days of the ranges, unordered."""
    days = Q()
    for first, last in ranges:
        days |= Q(date__gte=first, date__lte=last)
    return DailyCount.objects.filter(days, site_id__in=site_ids).order_by()


def _monthly(
    site_ids: Iterable[int], months: tuple[datetime.date, datetime.date]
) -> QuerySet[MonthlyCount]:
    """The monthly counts of these sites for the whole months first..last, unordered."""
    first, last = months
    return MonthlyCount.objects.filter(
        site_id__in=site_ids, month__gte=first, month__lte=last
    ).order_by()


@dataclass(frozen=True)
class SiteComparison:
    site: Site
    visits: int
    last_year: int
    change: float | Withheld | None  # never Withheld: these are exact operational figures
    hours: float
    per_hour: float | None


@dataclass(frozen=True)
class DayFigures:
    """The visit figures page: totals per period and category, visits per site and period,
    the same a year earlier, and each site's visits per opening hour held."""

    keys: list[datetime.date]  # every period start in start..end
    ly_start: datetime.date
    ly_end: datetime.date
    ly_keys: list[datetime.date]
    columns: list[TallyCategory]
    rows: list[dict]  # {"start": period start, "cells": [count per column]}
    now: dict[int, dict[datetime.date, int]]  # site id -> period start -> visits
    last_year: list[int]  # all the sites' visits per period a year earlier
    comparison: list[SiteComparison]


def hours_held(
    site_ids: Iterable[int], start: datetime.date, end: datetime.date, now: datetime.datetime
) -> dict[int, float]:
    """{site_id: hours open between start and end}, counting only openings begun by `now`:
    the report's rule (reports.sections.opening), so a rate never counts hours to come."""
    site_ids = list(site_ids)
    hours: dict[int, float] = dict.fromkeys(site_ids, 0.0)
    totals = opening_totals(sites=site_ids, start=start, end=end, until=now)
    for (site_id, _month), held in totals.items():
        hours[site_id] += held.duration.total_seconds() / 3600
    return hours


def day_figures(
    sites: list[Site],
    start: datetime.date,
    end: datetime.date,
    period: str,
    now: datetime.datetime,
) -> DayFigures:
    site_ids = [s.pk for s in sites]
    totals = period_totals(site_ids, start, end, period)
    counted = {code for values in totals.values() for code in values}
    groups = categories_in_order(
        c for c in TallyCategory.objects.all() if c.active or c.code in counted
    )
    columns = [c for g in groups for c in g.categories]
    rows = [
        {"start": key, "cells": [values.get(c.code, 0) for c in columns]}
        for key, values in totals.items()
    ]
    visits = visits_per_period(site_ids, start, end, period)
    ly_start, ly_end = same_period_last_year(start, end, period)
    before = visits_per_period(site_ids, ly_start, ly_end, period)
    ly_keys = period_starts(ly_start, ly_end, period)
    hours = hours_held(site_ids, start, end, now)
    comparison = []
    for site in sites:
        count = sum(visits.get(site.pk, {}).values())
        earlier = sum(before.get(site.pk, {}).values())
        held = hours.get(site.pk, 0.0)
        comparison.append(
            SiteComparison(
                site=site,
                visits=count,
                last_year=earlier,
                change=change(count, earlier),
                hours=round(held, 1),
                per_hour=round(count / held, 1) if held else None,
            )
        )
    return DayFigures(
        keys=period_starts(start, end, period),
        ly_start=ly_start,
        ly_end=ly_end,
        ly_keys=ly_keys,
        columns=columns,
        rows=rows,
        now=visits,
        last_year=[sum(before.get(i, {}).get(k, 0) for i in site_ids) for k in ly_keys],
        comparison=comparison,
    )
