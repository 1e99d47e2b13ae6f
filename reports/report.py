"""The report as plain data: typed figures per section, and tables every format renders.

The builder fills these; the page, the PDF, the XLSX and the CSV only render them, so the
figures (and the small-number rule) are decided in one place.
"""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from core.disclosure import Withheld
from core.spreadsheets import Month
from reports.periods import Period

if TYPE_CHECKING:
    from reports.document import StatusDocument

# What a table cell may hold. Numbers stay numbers, and months dates, until a format renders
# them (a month reads "marts 2026", and is a date in the spreadsheet).
Cell = str | int | float | Withheld | datetime.date | Month | None


@dataclass(frozen=True)
class SiteRef:
    id: int
    slug: str
    name: str


@dataclass
class Column:
    label: str
    numeric: bool = True


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    total: list[Cell] | None = None
    # The small-number rule was applied (a breakdown finer than site x month).
    fine: bool = False
    # Too long for a printed page: in the spreadsheet and the CSV only.
    detail: bool = False
    note: str = ""

    def rendered_rows(self) -> list[list[tuple[Cell, bool]]]:
        """Each row's cells with whether their column is numeric (for the templates)."""
        return [self._pairs(row) for row in self.rows]

    def rendered_total(self) -> list[tuple[Cell, bool]]:
        return self._pairs(self.total or [])

    def _pairs(self, row: list[Cell]) -> list[tuple[Cell, bool]]:
        return [(value, column.numeric) for value, column in zip(row, self.columns, strict=False)]


@dataclass
class Fact:
    label: str
    value: Cell


@dataclass
class Figure:
    """A live figure shown beside a status text (reports.indicators)."""

    label: str
    value: Cell
    note: str = ""


@dataclass
class Chart:
    title: str
    svg: str


@dataclass
class Section:
    key: str
    title: str
    available: bool = True
    # Why there is nothing to show (an app not in use yet, no data in the period).
    note: str = ""
    facts: list[Fact] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    lists: list[tuple[str, list[str]]] = field(default_factory=list)
    figures: Any = None  # the section's typed figures, for tests and other callers

    def printed_tables(self) -> list[Table]:
        return [t for t in self.tables if not t.detail]

    def detail_tables(self) -> list[Table]:
        return [t for t in self.tables if t.detail]


@dataclass
class Report:
    period: Period
    year_earlier: Period
    sites: list[SiteRef]
    generated_at: datetime.datetime
    threshold: int
    sections: list[Section] = field(default_factory=list)
    # The status document (targets, statuses, summary) when a reporting period is chosen;
    # the sections are then its appendix.
    document: "StatusDocument | None" = None

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    @property
    def site_names(self) -> str:
        return ", ".join(s.name for s in self.sites)

    def file_name(self, extension: str) -> str:
        kind = "usb-status" if self.document is not None else "usb-rapport"
        return f"{kind}-{self.period.slug()}.{extension}"


def small_numbers_note(threshold: int) -> str:
    """How the files mark withheld counts (the page says the same in its own words)."""
    return _(
        "A count below %(n)s per site and month is shown as <%(n)s, and a total or a change "
        "that includes such a count as .., so that no small count can be worked out."
    ) % {"n": threshold}
