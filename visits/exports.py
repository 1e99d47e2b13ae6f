"""The visit figures page's tables as CSV (Danish Excel) and XLSX: the figures shown.

Exact operational counts for those who log tallies, like the page itself (decisions: Visits
15); the published figures are the USB report's, through core.disclosure. Text cells (site
and category names) pass core.spreadsheets, so none is run as a formula.
"""

import datetime
from typing import Any

from django.utils.translation import gettext as _

from core.spreadsheets import BOLD, TITLE, Month, Workbook, csv_file
from sites.models import Site
from visits.selectors import DayFigures


def _period_heading(period: str) -> str:
    return {"month": _("Month"), "week": _("Week")}.get(period, _("Day"))


def _period_cell(start: datetime.date, period: str) -> Any:
    """A day as a date, a month as a month, a week as its text ("Uge 47, 2026")."""
    if period == "month":
        return Month(start)
    if period == "week":
        week = start.isocalendar()
        return _("Week %(week)s, %(year)s") % {"week": week.week, "year": week.year}
    return start


def counts_table(found: DayFigures, period: str) -> list[list[Any]]:
    """The counts per period and category, headed as on the page."""
    return [
        [_period_heading(period), *[category.name for category in found.columns]],
        *[[_period_cell(row["start"], period), *row["cells"]] for row in found.rows],
    ]


def _csv_value(value: Any) -> str:
    if isinstance(value, Month):
        return f"{value.first:%Y-%m}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def figures_csv(found: DayFigures, period: str) -> bytes:
    return csv_file(counts_table(found, period), format_value=_csv_value)


def figures_xlsx(
    found: DayFigures, period: str, *, start: datetime.date, end: datetime.date, sites: list[Site]
) -> bytes:
    book = Workbook(title=_("Visit figures"))
    counts = book.sheet(_("Counts"))
    counts.row(
        [
            _("Counts from %(start)s to %(end)s: %(sites)s")
            % {"start": start, "end": end, "sites": ", ".join(site.name for site in sites)}
        ],
        TITLE,
    )
    header, *rows = counts_table(found, period)
    counts.row(header, BOLD)
    for row in rows:
        counts.row(row)
    compared = book.sheet(_("Sites compared"))
    compared.row(
        [
            _("A year earlier: %(start)s to %(end)s")
            % {"start": found.ly_start, "end": found.ly_end}
        ],
        TITLE,
    )
    compared.row(
        [
            _("Site"),
            _("Visits"),
            _("A year earlier"),
            _("Change in per cent"),
            _("Hours open"),
            _("Visits per hour open"),
        ],
        BOLD,
    )
    for line in found.comparison:
        change = line.change if isinstance(line.change, float | int) else None
        compared.row(
            [
                line.site.name,
                line.visits,
                line.last_year,
                None if change is None else round(float(change), 1),
                round(line.hours, 1),
                line.per_hour,
            ]
        )
    for sheet in (counts, compared):
        sheet.widths({0: 28})
    return book.save()
