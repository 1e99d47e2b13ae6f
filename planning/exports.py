"""The timeline as a spreadsheet (core.spreadsheets) and as an A4 landscape PDF (WeasyPrint)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import html_to_pdf
from core.spreadsheets import BOLD, TITLE, Style, Styled, Workbook
from planning.selectors import Timeline

BAR = Style(fill="#0059B3", color="#FFFFFF", center=True)
BASELINE = Style(fill="#BFBFBF", center=True)
MILESTONE_MARK = "◆"
BAR_MARK = "■"
# Column widths in characters: the task's facts, then each quarter.
FACT_WIDTHS = [14, 50, 14, 28, 10, 10, 12, 12, 12, 10, 30, 10]
QUARTER_WIDTH = 9


def timeline_xlsx(timeline: Timeline) -> bytes:
    """One row per task: its facts in columns, then one cell per quarter (filled = planned)."""
    book = Workbook(title=timeline.plan.name)
    sheet = book.sheet(_("Timeline"))
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
    sheet.row([timeline.plan.name], TITLE)
    sheet.row([_("Exported %(when)s") % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M")}])
    sheet.skip()
    header = sheet.row(facts + [c.quarter.label for c in timeline.columns], BOLD)
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
        mark = MILESTONE_MARK if task.is_milestone else BAR_MARK
        for index in range(1, timeline.column_count + 1):
            if row.span is not None and row.span[0] <= index <= row.span[1]:
                values.append(Styled(mark, BAR))
            elif row.baseline_span is not None and (
                row.baseline_span[0] <= index <= row.baseline_span[1]
            ):
                values.append(Styled(None, BASELINE))
            else:
                values.append(None)
        sheet.row(values)
    widths = dict(enumerate(FACT_WIDTHS))
    for index in range(timeline.column_count):
        widths[len(facts) + index] = QUARTER_WIDTH
    sheet.widths(widths)
    sheet.freeze(header + 1, 2)
    return book.save()


def timeline_pdf(timeline: Timeline, *, base_url: str) -> bytes:
    html = render_to_string(
        "planning/timeline_pdf.html",
        {"timeline": timeline, "exported": timezone.localtime()},
    )
    return html_to_pdf(html, stylesheet="planning/timeline_pdf.css", base_url=base_url)
