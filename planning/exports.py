"""The timeline as a spreadsheet (openpyxl) and as an A4 landscape PDF (WeasyPrint)."""

import io

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from planning.selectors import Timeline

BAR_FILL = PatternFill("solid", fgColor="0059B3")
BASELINE_FILL = PatternFill("solid", fgColor="BFBFBF")
MILESTONE_MARK = "◆"
BAR_MARK = "■"


def timeline_xlsx(timeline: Timeline) -> bytes:
    """One row per task: its facts in columns, then one cell per quarter (filled = planned)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Timeline")[:31]
    facts = [
        _("Workstream"),
        _("Task"),
        _("Status"),
        _("Responsible"),
        _("Start"),
        _("End"),
        _("Milestone date"),
        _("Baseline start"),
        _("Baseline end"),
        _("Slip (quarters)"),
        _("Starts before dependency ends"),
        _("Quarters inferred"),
    ]
    sheet.append([timeline.plan.name])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [_("Exported %(when)s") % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M")}]
    )
    sheet.append([])
    header = facts + [c.quarter.label for c in timeline.columns]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in timeline.rows:
        task = row.task
        values = [
            task.workstream.name,
            task.title,
            task.get_status_display(),
            task.responsible_display,
            task.start_quarter.label,
            task.end_quarter.label,
            task.milestone_date,
            row.baseline.start_quarter.label if row.baseline else None,
            row.baseline.end_quarter.label if row.baseline else None,
            row.slip,
            ", ".join(d.title for d in row.broken_dependencies) or None,
            _("Yes") if task.quarters_inferred else _("No"),
        ]
        marks = []
        for index in range(1, timeline.column_count + 1):
            inside = row.span is not None and row.span[0] <= index <= row.span[1]
            marks.append((MILESTONE_MARK if task.is_milestone else BAR_MARK) if inside else None)
        sheet.append(values + marks)
        current = sheet.max_row
        sheet.cell(current, 7).number_format = "yyyy-mm-dd"
        for offset, mark in enumerate(marks):
            cell = sheet.cell(current, len(facts) + 1 + offset)
            cell.alignment = Alignment(horizontal="center")
            if mark:
                cell.fill = BAR_FILL
                cell.font = Font(color="FFFFFF")
            elif (
                row.baseline_span is not None
                and row.baseline_span[0] <= offset + 1 <= row.baseline_span[1]
            ):
                cell.fill = BASELINE_FILL
    widths = [14, 50, 14, 28, 10, 10, 12, 12, 12, 10, 30, 10]
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for index in range(len(facts) + 1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 9
    sheet.freeze_panes = sheet.cell(header_row + 1, 3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timeline_pdf(timeline: Timeline, *, base_url: str) -> bytes:
    from weasyprint import CSS, HTML  # heavy import: only when a PDF is asked for

    html = render_to_string(
        "planning/timeline_pdf.html",
        {"timeline": timeline, "exported": timezone.localtime()},
    )
    stylesheet = CSS(filename=finders.find("planning/timeline_pdf.css"))
    return HTML(string=html, base_url=base_url).write_pdf(stylesheets=[stylesheet])
