"""Visits and services per site and month, against a year earlier, and the charts.

Every figure comes through core.disclosure: the section reads the counts per site, month
and category (the finest grain published) and shows only what `Disclosed` lets it, so a
small count, or a total that includes one, is never printed (decisions: Disclosure 3, 4).
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeGuard

from django.utils.translation import gettext as _

from core.disclosure import Disclosed, Shown, Withheld, change, disclose
from core.spreadsheets import Month
from reports.report import Chart, Column, Fact, Section, Table
from reports.sections.common import Context, too_long_to_print
from sites.operations import month_operators
from visits.charts import Series, bar_chart, line_chart
from visits.models import VISITS_CODE, CategoryGroup, TallyCategory
from visits.selectors import monthly_totals

KEY = "visits"

type Cell = tuple[int, datetime.date, str]  # (site id, first of month, category code)


@dataclass
class VisitFigures:
    """The counts per site, month and category as they may be published.

    `before` is keyed by the month it is compared with (a year after its own), so
    `now[(site, month, code)]` and `before[(site, month, code)]` line up.
    """

    site_ids: list[int]
    months: list[datetime.date]
    now: Disclosed[Cell]
    before: Disclosed[Cell]

    def total(
        self,
        grid: Disclosed[Cell],
        *,
        sites: Iterable[int] | None = None,
        months: Iterable[datetime.date] | None = None,
        codes: Sequence[str] = (VISITS_CODE,),
    ) -> Shown:
        sites = self.site_ids if sites is None else list(sites)
        months = self.months if months is None else list(months)
        return grid.total((s, m, c) for s in sites for m in months for c in codes)

    def visits(self, site: int | None = None, month: datetime.date | None = None) -> Shown:
        return self.total(self.now, **self._where(site, month))

    def visits_year_earlier(
        self, site: int | None = None, month: datetime.date | None = None
    ) -> Shown:
        return self.total(self.before, **self._where(site, month))

    def change(self, site: int | None = None, month: datetime.date | None = None):
        return change(self.visits(site, month), self.visits_year_earlier(site, month))

    @staticmethod
    def _where(site: int | None, month: datetime.date | None) -> dict:
        where: dict = {}
        if site is not None:
            where["sites"] = [site]
        if month is not None:
            where["months"] = [month]
        return where


def _next_year(month: datetime.date) -> datetime.date:
    return month.replace(year=month.year + 1)


def figures_for(ctx: Context) -> VisitFigures:
    """The period's and the year-earlier counts per site, month and category, disclosed."""
    site_ids = ctx.site_ids
    now = {
        (row.site_id, row.date, row.category): row.count
        for row in monthly_totals(site_ids, ctx.period.start, ctx.period.end)
    }
    before = {
        (row.site_id, _next_year(row.date), row.category): row.count
        for row in monthly_totals(site_ids, ctx.year_earlier.start, ctx.year_earlier.end)
    }
    return VisitFigures(
        site_ids=site_ids, months=ctx.period.months(), now=disclose(now), before=disclose(before)
    )


def build(ctx: Context) -> Section:
    figures = figures_for(ctx)
    categories = list(TallyCategory.objects.order_by("order", "code"))
    per_site = per_site_table(ctx, figures)
    per_month = per_site_month_table(ctx, figures)
    services = services_table(ctx, figures, categories)
    if too_long_to_print(ctx):
        # Too many rows to print: the page and PDF show each site's totals.
        per_month.detail = services.detail = True
    tables = [
        per_site,
        per_month,
        per_operator_table(ctx, figures),
        services,
        categories_table(figures, categories),
        detail_table(ctx, figures, categories),
    ]
    facts = [
        Fact(_("Visits"), figures.visits()),
        Fact(_("A year earlier"), figures.visits_year_earlier()),
        Fact(_("Change %"), figures.change()),
    ]
    counted = any(code == VISITS_CODE for _site, _month, code in figures.now.cells())
    note = "" if counted else _("No visits were counted at the chosen sites in the period.")
    return Section(
        key=KEY,
        title=_("Visits and services"),
        note=note,
        facts=facts,
        tables=tables,
        charts=charts(ctx, figures),
        figures=figures,
    )


def _visit_columns() -> list[Column]:
    return [Column(_("Visits")), Column(_("A year earlier")), Column(_("Change %"))]


def _total_row(figures: VisitFigures, *blank: str) -> list:
    return [_("Total"), *blank, figures.visits(), figures.visits_year_earlier(), figures.change()]


def per_site_table(ctx: Context, figures: VisitFigures) -> Table:
    table = Table(
        key="visits_per_site",
        title=_("Visits per site"),
        columns=[Column(_("Site"), numeric=False), *_visit_columns()],
        total=_total_row(figures),
    )
    for site in ctx.sites:
        table.rows.append(
            [
                site.name,
                figures.visits(site.id),
                figures.visits_year_earlier(site.id),
                figures.change(site.id),
            ]
        )
    return table


def per_site_month_table(ctx: Context, figures: VisitFigures) -> Table:
    table = Table(
        key="visits_per_site_month",
        title=_("Visits per site and month"),
        columns=[
            Column(_("Site"), numeric=False),
            Column(_("Month"), numeric=False),
            *_visit_columns(),
        ],
        total=_total_row(figures, ""),
    )
    for site in ctx.sites:
        for month in figures.months:
            table.rows.append(
                [
                    site.name,
                    Month(month),
                    figures.visits(site.id, month),
                    figures.visits_year_earlier(site.id, month),
                    figures.change(site.id, month),
                ]
            )
    return table


def per_operator_table(ctx: Context, figures: VisitFigures) -> Table:
    """Visits per operator: each site's months go to who ran the site then, so a takeover
    leaves the months before it with the old operator (sites.operations.month_operators).
    A year earlier counts the months that operator ran a year before, not the same sites."""
    owners = month_operators(ctx.site_ids, ctx.period.start, ctx.period.end)
    earlier = month_operators(ctx.site_ids, ctx.year_earlier.start, ctx.year_earlier.end)
    now_cells: dict[str, list[Cell]] = {}
    before_cells: dict[str, list[Cell]] = {}
    sites_of: dict[str, list[str]] = {}
    nobody = _("No operator recorded")
    for site in ctx.sites:
        for month in figures.months:
            owner = owners.get((site.id, month))
            name = owner.name if owner else nobody
            now_cells.setdefault(name, []).append((site.id, month, VISITS_CODE))
            if site.name not in sites_of.setdefault(name, []):
                sites_of[name].append(site.name)
            # `before` is keyed by the month it is compared with (a year later).
            earlier_month = month.replace(year=month.year - 1)
            was = earlier.get((site.id, earlier_month))
            before_cells.setdefault(was.name if was else nobody, []).append(
                (site.id, month, VISITS_CODE)
            )
    table = Table(
        key="visits_per_operator",
        title=_("Visits per operator"),
        columns=[
            Column(_("Operator"), numeric=False),
            Column(_("Sites"), numeric=False),
            *_visit_columns(),
        ],
        total=_total_row(figures, ""),
    )
    for name in sorted(set(now_cells) | set(before_cells), key=lambda n: (n == nobody, n)):
        shown_now = figures.now.total(now_cells.get(name, []))
        shown_before = figures.before.total(before_cells.get(name, []))
        table.rows.append(
            [
                name,
                ", ".join(sites_of.get(name, [])) or "–",
                shown_now,
                shown_before,
                change(shown_now, shown_before),
            ]
        )
    return table


def services_table(ctx: Context, figures: VisitFigures, categories: list[TallyCategory]) -> Table:
    groups = [g for g in CategoryGroup if g != CategoryGroup.VISITORS]
    codes = {g: [c.code for c in categories if c.group == g] for g in groups}
    table = Table(
        key="services_per_site_month",
        title=_("Services per site and month"),
        columns=[
            Column(_("Site"), numeric=False),
            Column(_("Month"), numeric=False),
            *[Column(str(g.label)) for g in groups],
        ],
        note=_("Each group is the sum of its categories."),
    )
    for site in ctx.sites:
        for month in figures.months:
            table.rows.append(
                [
                    site.name,
                    Month(month),
                    *[
                        figures.total(figures.now, sites=[site.id], months=[month], codes=codes[g])
                        for g in groups
                    ],
                ]
            )
    table.total = [_("Total"), "", *[figures.total(figures.now, codes=codes[g]) for g in groups]]
    return table


def categories_table(figures: VisitFigures, categories: list[TallyCategory]) -> Table:
    labels = dict(CategoryGroup.choices)
    table = Table(
        key="categories",
        title=_("Everything counted in the period"),
        columns=[
            Column(_("Category"), numeric=False),
            Column(_("Group"), numeric=False),
            Column(_("Count")),
            *_visit_columns()[1:],
        ],
        note=_("All the chosen sites together."),
    )
    for category in categories:
        now = figures.total(figures.now, codes=[category.code])
        before = figures.total(figures.before, codes=[category.code])
        if now or before or category.active:
            table.rows.append(
                [
                    category.name,
                    str(labels.get(category.group, category.group)),
                    now,
                    before,
                    change(now, before),
                ]
            )
    return table


def detail_table(ctx: Context, figures: VisitFigures, categories: list[TallyCategory]) -> Table:
    table = Table(
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
    for key in sorted(
        figures.now.cells(), key=lambda key: (order[key[0]], key[1], position.get(key[2], 999))
    ):
        site_id, month, code = key
        table.rows.append(
            [site_names[site_id], Month(month), names.get(code, code), figures.now[key]]
        )
    return table


def charts(ctx: Context, figures: VisitFigures) -> list[Chart]:
    """Visits per month against a year earlier, and visits per site; a chart that would
    have to draw a withheld count is left out (its table says why)."""
    drawn = []
    months = figures.months
    if len(months) > 1:
        now = [figures.visits(month=m) for m in months]
        before = [figures.visits_year_earlier(month=m) for m in months]
        if _all_shown(now) and _all_shown(before):
            title = _("Visits per month")
            drawn.append(
                Chart(
                    title,
                    line_chart(
                        title=title,
                        desc=_(
                            "Visits per month at the chosen sites, and a year earlier (dashed)."
                        ),
                        labels=[f"{m.month}/{m.year}" for m in months],
                        series=[
                            Series(_("Visits"), now),
                            Series(_("A year earlier"), before, dashed=True),
                        ],
                    ),
                )
            )
    per_site = [figures.visits(s.id) for s in ctx.sites]
    if ctx.sites and _all_shown(per_site):
        title = _("Visits per site")
        drawn.append(
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
    return drawn


def _all_shown(values: list[Shown]) -> TypeGuard[list[int]]:
    return not any(isinstance(v, Withheld) for v in values)
