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


def _cached(format_cell):
    """`format_cell`, but formatting each distinct value once: long tables repeat the same dates and
    counts thousands of times, and Django's number and date formatting is slow."""
    texts: dict = {}

    def cached(value) -> str:
        if type(value) is str:
            return escape(value)
        key = (type(value), value)
        found = texts.get(key)
        if found is None:
            found = texts[key] = format_cell(value)
        return found

    return cached


def render_csv(report: Report) -> bytes:
    text_of = _cached(cell)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([text_of(_("USB report")), text_of(report.period.label())])
    writer.writerow([text_of(_("Sites")), text_of(report.site_names)])
    for section in report.sections:
        writer.writerow([])
        writer.writerow([text_of(section.title)])
        if not section.available:
            writer.writerow([text_of(section.note)])
            continue
        for fact in section.facts:
            writer.writerow([text_of(fact.label), text_of(fact.value)])
        for table in section.tables:
            writer.writerow([])
            writer.writerow([text_of(table.title)])
            if table.note:
                writer.writerow([text_of(table.note)])
            writer.writerow([text_of(c.label) for c in table.columns])
            for row in table.rows:
                writer.writerow([text_of(v) for v in row])
            if table.total:
                writer.writerow([text_of(v) for v in table.total])
        for heading, items in section.lists:
            writer.writerow([])
            writer.writerow([text_of(heading)])
            for item in items:
                writer.writerow([text_of(item)])
    return out.getvalue().encode("utf-8-sig")
