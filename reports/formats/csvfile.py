"""The report as one CSV file for Danish Excel: semicolons, UTF-8 with a byte-order mark.

Sections follow one another, each table under a title row and a header row. A text cell
that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets a
leading apostrophe; numbers are written as numbers (a decimal comma, no grouping).
"""

import csv
import io

from django.utils.translation import gettext as _

from reports.formats.cells import text
from reports.report import Report

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape(value: str) -> str:
    """Neutralise a text that a spreadsheet would run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell(value) -> str:
    if isinstance(value, str):
        return escape(value)
    if value is None:
        return ""
    # Numbers without thousands separators; floats get a decimal comma in Danish.
    return text(value, grouping=False)


def render_csv(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([cell(_("USB report")), cell(report.period.label())])
    writer.writerow([cell(_("Sites")), cell(report.site_names)])
    for section in report.sections:
        writer.writerow([])
        writer.writerow([cell(section.title)])
        if not section.available:
            writer.writerow([cell(section.note)])
            continue
        for fact in section.facts:
            writer.writerow([cell(fact.label), cell(fact.value)])
        for table in section.tables:
            writer.writerow([])
            writer.writerow([cell(table.title)])
            if table.note:
                writer.writerow([cell(table.note)])
            writer.writerow([cell(c.label) for c in table.columns])
            for row in table.rows:
                writer.writerow([cell(v) for v in row])
            if table.total:
                writer.writerow([cell(v) for v in table.total])
        for heading, items in section.lists:
            writer.writerow([])
            writer.writerow([cell(heading)])
            for item in items:
                writer.writerow([cell(item)])
    return out.getvalue().encode("utf-8-sig")
