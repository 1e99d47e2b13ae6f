"""Volunteer hours per period and site as CSV (Danish Excel) and XLSX."""

import datetime

from django.utils.translation import gettext as _

from core.spreadsheets import BOLD, TITLE, Month, Style, Styled, Workbook, csv_file
from volunteers.selectors import HoursRow, VolunteerHours

HOURS = Style(number_format="0.00")  # quarter hours: 3.25


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
    book = Workbook(title=_("Volunteer hours"))
    sheet = book.sheet(_("Hours per volunteer"))
    sheet.row(
        [_("Volunteer hours from %(start)s to %(end)s") % {"start": start, "end": end}], TITLE
    )
    sheet.row(_headers(), BOLD)
    for row in rows:
        sheet.row([row.volunteer_name, row.site_name, row.shifts, Styled(float(row.hours), HOURS)])
    monthly = book.sheet(_("Per site and month"))
    monthly.row([_("Site"), _("Month"), _("Shifts"), _("Hours")], BOLD)
    for month in months:
        monthly.row(
            [month.site_name, Month(month.month), month.shifts, Styled(float(month.hours), HOURS)]
        )
    for each in (sheet, monthly):
        each.widths({0: 32, 1: 24})
    return book.save()
