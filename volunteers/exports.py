"""Volunteer hours per period and site as CSV (Danish Excel) and XLSX."""

import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.spreadsheets import csv_file
from core.spreadsheets import csv_text as safe_text
from volunteers.selectors import HoursRow, VolunteerHours


def _headers() -> list[str]:
    return [_("Volunteer"), _("Site"), _("Shifts"), _("Hours")]


def _hours_text(value: object) -> str:
    """Hours with two decimals and a decimal comma; shift counts as they are."""
    return f"{value:.2f}".replace(".", ",") if isinstance(value, float) else str(value)


def hours_csv(rows: list[VolunteerHours]) -> bytes:
    """Semicolon-separated, UTF-8 with BOM and decimal commas: what Danish Excel opens."""
    return csv_file(
        [
            _headers(),
            *[[row.volunteer_name, row.site_name, row.shifts, float(row.hours)] for row in rows],
        ],
        format_value=_hours_text,
    )


def hours_xlsx(
    rows: list[VolunteerHours],
    months: list[HoursRow],
    *,
    start: datetime.date,
    end: datetime.date,
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Hours per volunteer")[:31]
    sheet.append([_("Volunteer hours from %(start)s to %(end)s") % {"start": start, "end": end}])
    sheet.append(_headers())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [safe_text(row.volunteer_name), safe_text(row.site_name), row.shifts, row.hours]
        )
    monthly = book.create_sheet(_("Per site and month")[:31])
    monthly.append([_("Site"), _("Month"), _("Shifts"), _("Hours")])
    for cell in monthly[1]:
        cell.font = Font(bold=True)
    for row in months:
        monthly.append([safe_text(row.site_name), row.month, row.shifts, row.hours])
        monthly.cell(row=monthly.max_row, column=2).number_format = "yyyy-mm"
    for ws in (sheet, monthly):
        ws.column_dimensions["A"].width = 32
        ws.column_dimensions["B"].width = 24
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
