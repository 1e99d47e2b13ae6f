"""The report as an Excel workbook: a front sheet, then one sheet per section.

Written by core.spreadsheets (XlsxWriter, in its constant-memory mode: five years of twenty
sites are tens of thousands of rows). Numbers are numbers (a withheld count is the text "<5" or
".."), dates and months are dates; each table has a bold header row.
"""

from django.utils.translation import gettext as _

from core.spreadsheets import BOLD, SUBTITLE, TITLE, Workbook
from reports.document import StatusDocument, front_rows
from reports.report import Report, small_numbers_note


def render_xlsx(report: Report) -> bytes:
    book = Workbook(title=f"{_('USB report')} {report.period.label()}", large=True)
    front = book.sheet(_("Report"))
    front.row([_("USB report")], TITLE)
    front.row([_("Period"), report.period.start, report.period.end])
    front.row([_("A year earlier"), report.year_earlier.start, report.year_earlier.end])
    if report.period.note:
        front.row([_("Note"), report.period.note])
    front.row([_("Sites"), report.site_names])
    front.row([_("Small numbers"), small_numbers_note(report.threshold)])
    front.row([_("Made"), report.generated_at])
    if report.document is not None:
        _document(book, front, report.document)

    for section in report.sections:
        sheet = book.sheet(section.title)
        sheet.row([section.title], TITLE)
        if not section.available:
            sheet.row([section.note])
            continue
        for fact in section.facts:
            sheet.row([fact.label, fact.value])
        for table in section.tables:
            sheet.skip()
            sheet.row([table.title], SUBTITLE)
            if table.note:
                sheet.row([table.note])
            sheet.row([c.label for c in table.columns], BOLD)
            for row in table.rows:
                sheet.row(row)
            if table.total:
                sheet.row(table.total, BOLD)
        for heading, items in section.lists:
            sheet.skip()
            sheet.row([heading], SUBTITLE)
            for item in items:
                sheet.row([item])
    return book.save()


def _document(book: Workbook, front, document: StatusDocument) -> None:
    """The status document: its front page on the front sheet, the targets on their own."""
    front.skip()
    front.row([document.heading], SUBTITLE)
    for label, value in front_rows(document):
        front.row([label, value])
    sheet = book.sheet(_("Strategic targets"))
    table = document.table()
    sheet.row([document.heading], TITLE)
    sheet.row([c.label for c in table.columns], BOLD)
    for row in table.rows:
        sheet.row(row)
    indicators = document.indicator_table()
    if indicators is not None:
        sheet.skip()
        sheet.row([indicators.title], SUBTITLE)
        sheet.row([c.label for c in indicators.columns], BOLD)
        for row in indicators.rows:
            sheet.row(row)
