"""The report as one CSV file for Danish Excel (core.spreadsheets.csv_file: semicolons, UTF-8
with a byte-order mark, text never run as a formula).

Sections follow one another, each table under a title row and a header row. Numbers are
written as numbers (a decimal comma, no grouping), a withheld count as "<5" or "..".
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from core.spreadsheets import csv_file
from reports.document import front_rows
from reports.formats.cells import text
from reports.report import Report, small_numbers_note


def cell(value: Any) -> str:
    """A cell that is not text (texts are `csv_file`'s): Danish numbers without grouping."""
    return text(value, grouping=False)


def _cached(format_value: Callable[[Any], str]) -> Callable[[Any], str]:
    """`format_value`, but formatting each distinct value once: long tables repeat the same
    dates and counts thousands of times, and Django's number and date formatting is slow."""
    texts: dict[tuple[type, Any], str] = {}

    def cached(value: Any) -> str:
        key = (type(value), value)
        found = texts.get(key)
        if found is None:
            found = texts[key] = format_value(value)
        return found

    return cached


def _rows(report: Report) -> Iterator[list[Any]]:
    yield [_("USB report"), report.period.label()]
    if report.period.note:
        yield [_("Note"), report.period.note]
    yield [_("Sites"), report.site_names]
    yield [_("Small numbers"), small_numbers_note(report.threshold)]
    if report.document is not None:
        document = report.document
        yield []
        yield [document.heading]
        for label, value in front_rows(document):
            yield [label, value]
        for table in (document.table(), document.indicator_table()):
            if table is None:
                continue
            yield []
            yield [table.title]
            yield [c.label for c in table.columns]
            yield from table.rows
    for section in report.sections:
        yield []
        yield [section.title]
        if not section.available:
            yield [section.note]
            continue
        for fact in section.facts:
            yield [fact.label, fact.value]
        for table in section.tables:
            yield []
            yield [table.title]
            if table.note:
                yield [table.note]
            yield [c.label for c in table.columns]
            yield from table.rows
            if table.total:
                yield table.total
        for heading, items in section.lists:
            yield []
            yield [heading]
            for item in items:
                yield [item]


def render_csv(report: Report) -> bytes:
    return csv_file(_rows(report), format_value=_cached(cell))
