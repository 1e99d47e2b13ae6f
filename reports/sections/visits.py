"""Visits and services per site and month, a year earlier, charts, and visits per day."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.spreadsheets import Month
from reports.report import Chart, Column, Fact, Section, Table
from reports.sections.common import Context, change, long_period
from reports.smallnumbers import protect_groups, threshold
from visits.models import VISITS_CODE, CategoryGroup, TallyCategory
from visits.selectors import monthly_totals, visits_by_day

try:
    from visits.charts import Series, bar_chart, line_chart
except ImportError:  # the visits charts have not landed yet: the report has none
    line_chart = None

KEY = "visits"


@dataclass
class VisitFigures:
    visits: int = 0
    visits_year_earlier: int = 0
    # (site id, first of month) -> visits in total; the same month a year earlier
    visits_by_site_month: dict[tuple[int, datetime.date], int] = field(default_factory=dict)
    visits_year_earlier_by_site_month: dict[tuple[int, datetime.date], int] = field(
        default_factory=dict
    )
    # category code -> total over the chosen sites (period, a year earlier)
    by_category: dict[str, int] = field(default_factory=dict)
    by_category_year_earlier: dict[str, int] = field(default_factory=dict)
    # (site id, first of month, category code) -> count
    by_site_month_category: dict[tuple[int, datetime.date, str], int] = field(default_factory=dict)

    @property
    def change(self) -> float | None:
        return change(self.visits, self.visits_year_earlier)


def _next_year(month: datetime.date) -> datetime.date:
    return month.replace(year=month.year + 1)


def build(ctx: Context) -> Section:
    figures = VisitFigures()
    site_ids = ctx.site_ids
    categories = list(TallyCategory.objects.order_by("order", "code"))

    figures.by_site_month_category = totals = {
        (row.site_id, row.date, row.category): row.count
        for row in monthly_totals(site_ids, ctx.period.start, ctx.period.end)
    }
    for (site_id, month, code), count in totals.items():
        figures.by_category[code] = figures.by_category.get(code, 0) + count
        if code == VISITS_CODE:
            figures.visits_by_site_month[(site_id, month)] = count
    before = figures.by_category_year_earlier
    for row in monthly_totals(site_ids, ctx.year_earlier.start, ctx.year_earlier.end):
        before[row.category] = before.get(row.category, 0) + row.count
        if row.category == VISITS_CODE:
            key = (row.site_id, _next_year(row.date))
            figures.visits_year_earlier_by_site_month[key] = row.count
    figures.visits = figures.by_category.get(VISITS_CODE, 0)
    figures.visits_year_earlier = figures.by_category_year_earlier.get(VISITS_CODE, 0)
    daily = visits_by_day(site_ids, ctx.period.start, ctx.period.end)

    months = ctx.period.months()
    visits = Table(
        key="visits_per_site_month",
        title=_("Visits per site and month"),
        columns=[
            Column(_("Site"), numeric=False),
            Column(_("Month"), numeric=False),
            Column(_("Visits")),
            Column(_("A year earlier")),
            Column(_("Change %")),
        ],
    )
    per_site = Table(
        key="visits_per_site",
        title=_("Visits per site"),
        columns=[visits.columns[0], *visits.columns[2:]],
    )
    for site in ctx.sites:
        now_total = before_total = 0
        for month in months:
            now = figures.visits_by_site_month.get((site.id, month), 0)
            before = figures.visits_year_earlier_by_site_month.get((site.id, month), 0)
            now_total, before_total = now_total + now, before_total + before
            visits.rows.append([site.name, Month(month), now, before, change(now, before)])
        per_site.rows.append([site.name, now_total, before_total, change(now_total, before_total)])
    visits.total = [
        _("Total"),
        "",
        figures.visits,
        figures.visits_year_earlier,
        figures.change,
    ]
    per_site.total = [visits.total[0], *visits.total[2:]]

    groups = [g for g in CategoryGroup if g != CategoryGroup.VISITORS]
    group_of = {c.code: c.group for c in categories}
    services = Table(
        key="services_per_site_month",
        title=_("Services per site and month"),
        columns=[
            Column(_("Site"), numeric=False),
            Column(_("Month"), numeric=False),
            *[Column(str(g.label)) for g in groups],
        ],
        note=_("Each group is the sum of its categories."),
    )
    group_sums: dict[tuple[int, datetime.date, str], int] = defaultdict(int)
    group_totals: dict[str, int] = defaultdict(int)
    for (site_id, month, code), count in figures.by_site_month_category.items():
        group_sums[(site_id, month, group_of.get(code, ""))] += count
        group_totals[group_of.get(code, "")] += count
    for site in ctx.sites:
        for month in months:
            services.rows.append(
                [site.name, Month(month), *[group_sums[(site.id, month, g)] for g in groups]]
            )
    services.total = [_("Total"), "", *[group_totals[g] for g in groups]]

    labels = dict(CategoryGroup.choices)
    all_counts = Table(
        key="categories",
        title=_("Everything counted in the period"),
        columns=[
            Column(_("Category"), numeric=False),
            Column(_("Group"), numeric=False),
            Column(_("Count")),
            Column(_("A year earlier")),
            Column(_("Change %")),
        ],
        note=_("All the chosen sites together."),
    )
    for category in categories:
        now = figures.by_category.get(category.code, 0)
        before = figures.by_category_year_earlier.get(category.code, 0)
        if now or before or category.active:
            all_counts.rows.append(
                [
                    category.name,
                    str(labels.get(category.group, category.group)),
                    now,
                    before,
                    change(now, before),
                ]
            )

    detail = Table(
        key="counts_per_site_month_category",
        title=_("Counts per site, month and category"),
        columns=[
            Column(_("Site"), numeric=False),
            Column(_("Month"), numeric=False),
            Column(_("Category"), numeric=False),
            Column(_("Count")),
        ],
        detail=True,
    )
    # Thousands of rows for long periods: look names and labels up once.
    order = {site.id: n for n, site in enumerate(ctx.sites)}
    site_names = {site.id: site.name for site in ctx.sites}
    position = {c.code: n for n, c in enumerate(categories)}
    names = {c.code: c.name for c in categories}
    for (site_id, month, code), count in sorted(
        figures.by_site_month_category.items(),
        key=lambda item: (order[item[0][0]], item[0][1], position.get(item[0][2], 999)),
    ):
        detail.rows.append([site_names[site_id], Month(month), names.get(code, code), count])

    limit = threshold()
    per_day = Table(
        key="visits_per_day",
        title=_("Visits per site and day"),
        columns=[
            Column(_("Site"), numeric=False),
            Column(_("Date"), numeric=False),
            Column(_("Visits")),
        ],
        fine=True,
        detail=True,
        note=_(
            "Finer than site and month: counts below %(n)s are shown as <%(n)s, and where a "
            "site's month has one such count, its smallest other count is shown as .. so that "
            "the month's total cannot give it away."
        )
        % {"n": limit},
    )
    # A site's month total is exact (the tables above): withhold a complement where needed.
    shown = protect_groups(daily, lambda key: (key[0], key[1].year, key[1].month), limit=limit)
    for site_id, day in sorted(daily, key=lambda key: (order[key[0]], key[1])):
        per_day.rows.append([site_names[site_id], day, shown[(site_id, day)]])

    if long_period(ctx.period):
        # Too many months to print: the page and PDF show each site's totals.
        visits.detail = services.detail = True
    tables = [per_site, visits, services, all_counts, detail, per_day]
    facts = [
        Fact(_("Visits"), figures.visits),
        Fact(_("A year earlier"), figures.visits_year_earlier),
        Fact(_("Change %"), figures.change),
        Fact(_("Days with visits"), len({day for (_site, day) in daily})),
    ]
    note = "" if figures.visits else _("No visits were counted at the chosen sites in the period.")
    return Section(
        key=KEY,
        title=_("Visits and services"),
        note=note,
        facts=facts,
        tables=tables,
        charts=_charts(ctx, figures),
        figures=figures,
    )


def _charts(ctx: Context, figures: VisitFigures) -> list[Chart]:
    """The visits pages' charts: visits per month against a year earlier, visits per site.

    Only site x month or coarser figures are drawn, so no chart needs the small-number rule.
    """
    if line_chart is None:
        return []
    charts = []
    months = ctx.period.months()
    if len(months) > 1:
        now = [
            sum(figures.visits_by_site_month.get((s.id, m), 0) for s in ctx.sites) for m in months
        ]
        before = [
            sum(figures.visits_year_earlier_by_site_month.get((s.id, m), 0) for s in ctx.sites)
            for m in months
        ]
        title = _("Visits per month")
        charts.append(
            Chart(
                title,
                line_chart(
                    title=title,
                    desc=_("Visits per month at the chosen sites, and a year earlier (dashed)."),
                    labels=[f"{m.month}/{m.year}" for m in months],
                    series=[
                        Series(_("Visits"), now),
                        Series(_("A year earlier"), before, dashed=True),
                    ],
                ),
            )
        )
    if ctx.sites:
        title = _("Visits per site")
        per_site = [
            sum(v for (site_id, _m), v in figures.visits_by_site_month.items() if site_id == s.id)
            for s in ctx.sites
        ]
        charts.append(
            Chart(
                title,
                bar_chart(
                    title=title,
                    desc=_("Visits in the period at each chosen site."),
                    labels=[s.name for s in ctx.sites],
                    values=per_site,
                ),
            )
        )
    return charts
