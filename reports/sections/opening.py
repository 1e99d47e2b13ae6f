"""Opening hours held per site and month, and visits per opening hour."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.disclosure import Shown, Withheld, ratio
from core.spreadsheets import Month
from reports.report import Cell, Column, Fact, Section, Table
from reports.sections.common import Context, too_long_to_print
from sites.selectors import opening_totals

KEY = "opening"


def _number(cell: Cell) -> int | float:
    """A count or hours cell of this section's own table (never withheld or text)."""
    if isinstance(cell, int | float):
        return cell
    raise TypeError(f"not a number: {cell!r}")


@dataclass
class SiteMonthHours:
    openings: int = 0
    extra: int = 0
    hours: float = 0.0


@dataclass
class OpeningFigures:
    # (site id, first of month) -> what was held
    by_site_month: dict[tuple[int, datetime.date], SiteMonthHours] = field(default_factory=dict)
    openings: int = 0
    extra: int = 0
    hours: float = 0.0
    visits_per_hour: float | Withheld | None = None


def build(ctx: Context) -> Section:
    title = _("Opening hours")
    # Only openings that have begun count as held: a report on the current month does not
    # count the rest of the month's hours.
    held = opening_totals(
        sites=ctx.site_ids, start=ctx.period.start, end=ctx.period.end, until=ctx.now
    )
    figures = OpeningFigures()
    cells: dict[tuple[int, datetime.date], SiteMonthHours] = {
        key: SiteMonthHours(t.openings, t.extra, t.duration.total_seconds() / 3600)
        for key, t in held.items()
    }
    seconds = sum(t.duration.total_seconds() for t in held.values())
    figures.by_site_month = dict(cells)
    figures.openings = sum(c.openings for c in cells.values())
    figures.extra = sum(c.extra for c in cells.values())
    figures.hours = round(seconds / 3600, 1)

    visits = ctx.figures.get("visits")  # reports.sections.visits.VisitFigures, disclosed
    columns = [
        Column(_("Site"), numeric=False),
        Column(_("Month"), numeric=False),
        Column(_("Openings")),
        Column(_("Of which extra")),
        Column(_("Hours open")),
    ]
    if visits is not None:
        columns += [Column(_("Visits")), Column(_("Visits per opening hour"))]
    table = Table(
        key="hours_per_site_month", title=_("Opening hours per site and month"), columns=columns
    )
    for site in ctx.sites:
        for month in ctx.period.months():
            cell = cells.get((site.id, month), SiteMonthHours())
            row: list[Cell] = [
                site.name,
                Month(month),
                cell.openings,
                cell.extra,
                round(cell.hours, 1),
            ]
            if visits is not None:
                count = visits.visits(site.id, month)
                row += [count, ratio(count, cell.hours)]
            table.rows.append(row)
    table.total = [_("Total"), "", figures.openings, figures.extra, figures.hours]
    facts = [
        Fact(_("Openings held"), figures.openings),
        Fact(_("Of which extra openings"), figures.extra),
        Fact(_("Hours open"), figures.hours),
    ]
    if visits is not None:
        total_visits = visits.visits()
        figures.visits_per_hour = ratio(total_visits, figures.hours)
        table.total += [total_visits, figures.visits_per_hour]
        facts.append(Fact(_("Visits per opening hour"), figures.visits_per_hour))
    tables = [table]
    if too_long_to_print(ctx):
        # Too many rows to print: the page and PDF show each site's totals.
        table.detail = True
        tables.insert(0, per_site(table, ctx, visits))
    note = ""
    if not figures.openings:
        note = _("No openings were held at the chosen sites in the period.")
    return Section(
        key=KEY,
        title=title,
        note=note,
        facts=facts,
        tables=tables,
        figures=figures,
    )


def per_site(table: Table, ctx: Context, visits) -> Table:
    """Each site's sums of the site x month table (columns after the month)."""
    summary = Table(
        key="hours_per_site",
        title=_("Opening hours per site"),
        columns=[table.columns[0], *table.columns[2:]],
    )
    for site in ctx.sites:
        rows = [r for r in table.rows if r[0] == site.name]
        openings, extra, hours = (sum(_number(r[i]) for r in rows) for i in (2, 3, 4))
        row: list[Cell] = [site.name, openings, extra, round(hours, 1)]
        if visits is not None:
            count: Shown = visits.visits(site.id)
            row += [count, ratio(count, hours)]
        summary.rows.append(row)
    summary.total = table.total[:1] + table.total[2:] if table.total else None
    return summary
