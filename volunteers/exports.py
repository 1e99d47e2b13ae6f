"""Volunteer hours per period and site as CSV (Danish Excel) and XLSX: rostered hours and
approved hours outside shifts in columns of their own."""

import datetime

from django.utils.translation import gettext as _

from core.spreadsheets import BOLD, TITLE, Month, Style, Styled, Workbook, csv_file
from volunteers.models import ExtraHours
from volunteers.selectors import HoursRow, VolunteerHours

HOURS = Style(number_format="0.00")  # quarter hours: 3.25


def _headers() -> list[str]:
    return [_("Volunteer"), _("Site"), _("Shifts"), _("Hours"), _("Hours outside shifts")]


def _site(row: VolunteerHours) -> str:
    return row.site_name or _("No particular site")


def _hours_text(value: object) -> str:
    """Hours with two decimals and a decimal comma; shift counts as they are."""
    return f"{value:.2f}".replace(".", ",") if isinstance(value, float) else str(value)


def hours_csv(rows: list[VolunteerHours]) -> bytes:
    """Semicolon-separated, UTF-8 with BOM and decimal commas: what Danish Excel opens."""
    return csv_file(
        [
            _headers(),
            *[
                [row.volunteer_name, _site(row), row.shifts, float(row.hours), row.extra_hours]
                for row in rows
            ],
        ],
        format_value=_hours_text,
    )


def hours_xlsx(
    rows: list[VolunteerHours],
    months: list[HoursRow],
    extra: list[ExtraHours],
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
        sheet.row(
            [
                row.volunteer_name,
                _site(row),
                row.shifts,
                Styled(float(row.hours), HOURS),
                Styled(row.extra_hours, HOURS),
            ]
        )
    monthly = book.sheet(_("Per site and month"))
    monthly.row([_("Site"), _("Month"), _("Shifts"), _("Hours")], BOLD)
    for month in months:
        monthly.row(
            [month.site_name, Month(month.month), month.shifts, Styled(float(month.hours), HOURS)]
        )
    outside = book.sheet(_("Hours outside shifts"))
    outside.row([_("Volunteer"), _("Date"), _("What"), _("Site"), _("Hours")], BOLD)
    for entry in extra:
        outside.row(
            [
                str(entry.volunteer),
                entry.worked_on,
                entry.get_kind_display(),
                entry.site.name if entry.site else _("No particular site"),
                Styled(float(entry.hours), HOURS),
            ]
        )
    for each in (sheet, monthly, outside):
        each.widths({0: 32, 1: 24})
    return book.save()
