"""The report as an Excel workbook: a front sheet, then one sheet per section.

Numbers are stored as numbers (a suppressed count is the text "<5"); each table has a bold
header row, and the columns are as wide as their content.
"""

import datetime
import io
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from reports.formats.csvfile import escape
from reports.report import Report
from reports.smallnumbers import Few

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
SUBTITLE = Font(bold=True, size=12)
MAX_WIDTH = 60


def _value(value):
    if isinstance(value, Few):
        return str(value)
    if isinstance(value, str):
        # A cell text is data, never a formula.
        return escape(value)
    return value


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Ark"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _fit_columns(sheet) -> None:
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for c in row:
            if c.value is None:
                continue
            length = 10 if isinstance(c.value, datetime.date) else len(str(c.value))
            widths[c.column] = max(widths.get(c.column, 0), length)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, width + 2)


def _append(sheet, values, font=None) -> None:
    # Cells are formatted before they are appended: looking the row up afterwards
    # (sheet[sheet.max_row]) scans every cell of the sheet, which made long sheets quadratic.
    cells = []
    for value in values:
        c = Cell(sheet, value=_value(value))
        if isinstance(c.value, datetime.date):
            c.number_format = "DD-MM-YYYY"
        elif isinstance(c.value, float):
            c.number_format = "0.0"
        if font is not None:
            c.font = font
        cells.append(c)
    sheet.append(cells)


def render_xlsx(report: Report) -> bytes:
    book = Workbook()
    used: set[str] = set()
    front = book.active
    front.title = _sheet_title(_("Report"), used)
    _append(front, [_("USB report")], TITLE)
    _append(front, [_("Period"), report.period.start, report.period.end])
    _append(front, [_("A year earlier"), report.year_earlier.start, report.year_earlier.end])
    _append(front, [_("Sites"), report.site_names])
    _append(
        front,
        [
            _("Small numbers"),
            _("Counts below %(n)s are shown as <%(n)s in breakdowns finer than site and month.")
            % {"n": report.threshold},
        ],
    )
    _append(front, [_("Made"), timezone.localtime(report.generated_at).replace(tzinfo=None)])
    front.cell(row=front.max_row, column=2).number_format = "DD-MM-YYYY HH:MM"
    _fit_columns(front)

    for section in report.sections:
        sheet = book.create_sheet(_sheet_title(section.title, used))
        _append(sheet, [section.title], TITLE)
        if not section.available:
            _append(sheet, [section.note])
            _fit_columns(sheet)
            continue
        for fact in section.facts:
            _append(sheet, [fact.label, fact.value])
        for table in section.tables:
            sheet.append([])
            _append(sheet, [table.title], SUBTITLE)
            if table.note:
                _append(sheet, [table.note])
            _append(sheet, [c.label for c in table.columns], BOLD)
            for row in table.rows:
                _append(sheet, row)
            if table.total:
                _append(sheet, table.total, BOLD)
        for heading, items in section.lists:
            sheet.append([])
            _append(sheet, [heading], SUBTITLE)
            for item in items:
                _append(sheet, [item])
        _fit_columns(sheet)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
