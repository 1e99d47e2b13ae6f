"""Every CSV and XLSX file the app makes: one rule for text, typed cells, Danish formats.

A text cell is data and never a formula, whatever it starts with (OWASP "CSV injection": a
task title `=HYPERLINK(...)` must not run when a coordinator opens the file):
- in a CSV, where nothing says what a cell is, a text starting with = + - @, tab or carriage
  return gets a leading apostrophe, as Excel users type it (`csv_text`);
- in an XLSX the cell is a string cell and such a text also gets Excel's "quote prefix" (the
  apostrophe Excel keeps when one types '=1 in a cell), so the text is shown exactly as
  written and stays text even when someone edits the cell.
Only text is escaped: numbers are written as numbers, so -2 stays the number -2.

XLSX files are written by XlsxWriter (whose own tests compare its files with files Excel
made). `Workbook(large=True)` uses its constant-memory mode, which streams each row to a
temporary file instead of keeping every cell: five years of twenty sites are long.

    book = Workbook(title="USB-rapport")
    sheet = book.sheet("Besøg")
    sheet.row(["Besøg pr. måned"], TITLE)
    sheet.row(["Sted", "Måned", "Besøg"], BOLD)
    sheet.row(["Pavillonen", Month(datetime.date(2026, 3, 1)), 1234])
    content = book.save()
"""

import csv
import datetime
import decimal
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import xlsxwriter
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take this text, typed or opened from a CSV, as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """A text for a CSV cell that no spreadsheet runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_file(rows: Iterable[Iterable[Any]], *, format_value: Callable[[Any], str] = str) -> bytes:
    """Rows as a CSV file for Danish Excel: semicolons, CRLF, UTF-8 with a byte-order mark.

    A text passes `csv_text`; None is an empty cell; any other value (a number, a date) goes
    through `format_value` (e.g. a decimal comma) and is never escaped.
    """
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads the file as UTF-8 only with the byte-order mark
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(value, format_value) for value in row])
    return out.getvalue().encode("utf-8")


def _csv_cell(value: Any, format_value: Callable[[Any], str]) -> str:
    if isinstance(value, str | Promise):
        return csv_text(str(value))
    if value is None:
        return ""
    return format_value(value)


@dataclass(frozen=True, order=True)
class Month:
    """A month as a cell: a date in a spreadsheet (so it sorts and charts), shown as the
    month's name and year ("marts 2026"), and that text everywhere else."""

    first: datetime.date  # the first day of the month

    def __str__(self) -> str:
        return _month_text(self.first, get_language())


@lru_cache(maxsize=1024)  # long tables repeat the same few months thousands of times
def _month_text(first: datetime.date, language: str | None) -> str:
    return formats.date_format(first, "F Y")


@dataclass(frozen=True)
class Style:
    """How a cell looks. The number format follows the value (see `Sheet.row`) unless set."""

    bold: bool = False
    size: int | None = None  # points; None is the workbook's 11
    color: str | None = None  # the font's colour, "#RRGGBB"
    fill: str | None = None  # the background, "#RRGGBB"
    center: bool = False
    number_format: str | None = None


NORMAL = Style()
BOLD = Style(bold=True)
TITLE = Style(bold=True, size=14)
SUBTITLE = Style(bold=True, size=12)


@dataclass(frozen=True)
class Styled:
    """One cell with a style of its own, in a row written with another."""

    value: Any
    style: Style


DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
DECIMAL_FORMAT = "0.0"
# Excel's locale prefix makes the month's name Danish (or English) whatever Excel's own language.
MONTH_FORMATS = {"da": "[$-406]mmmm yyyy", "en": "[$-809]mmmm yyyy"}

MAX_WIDTH = 60  # characters: a long text wraps on screen rather than making a vast column
# Characters no cell can hold (XML 1.0 forbids them); tab and line feed stay.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

# The kinds of cell a style needs a format for, by the number format they get.
TEXT, QUOTED, NUMBER, DECIMAL, DATE, DATETIME, MONTH = range(7)


def _cell_text(value: str) -> str:
    """Text as a cell holds it: a line break is a line feed (as Alt+Enter makes it in Excel),
    and characters that no cell can hold are left out."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return UNPRINTABLE.sub("", value)


class Workbook:
    """An XLSX workbook of sheets written row by row; `save()` gives the file's bytes."""

    def __init__(self, *, title: str = "", large: bool = False):
        self._out = io.BytesIO()
        self._book = xlsxwriter.Workbook(
            self._out,
            {
                # Only `Sheet.row` writes cells, with the typed writers; these make sure that
                # no text turns into a formula, a link or a number on the way.
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "nan_inf_to_errors": True,
                "constant_memory": large,
            },
        )
        self._book.set_properties({"title": title, "author": "Varmestue"})
        self._formats: dict[Style, _Formats] = {}
        self._sheets: list[Sheet] = []
        self._names: set[str] = set()
        self._month_format = MONTH_FORMATS.get((get_language() or "da")[:2], MONTH_FORMATS["da"])

    def sheet(self, title: str) -> "Sheet":
        """A new sheet, named after `title` as far as Excel allows (31 characters, unique)."""
        base = SHEET_NAME_FORBIDDEN.sub(" ", title)[:31].strip().strip("'") or "Ark"
        name, n = base, 2
        while name.lower() in self._names:
            suffix = f" {n}"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        self._names.add(name.lower())
        sheet = Sheet(self, self._book.add_worksheet(name))
        self._sheets.append(sheet)
        return sheet

    def save(self) -> bytes:
        for sheet in self._sheets:
            sheet._set_widths()
        self._book.close()
        return self._out.getvalue()

    def formats(self, style: Style) -> "_Formats":
        found = self._formats.get(style)
        if found is None:
            found = self._formats[style] = _Formats(self, style)
        return found

    def format(self, style: Style, kind: int) -> Format | None:
        properties = self._properties(style, kind)
        return self._book.add_format(properties) if properties else None

    def _properties(self, style: Style, kind: int) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        if style.bold:
            properties["bold"] = True
        if style.size:
            properties["font_size"] = style.size
        if style.color:
            properties["font_color"] = style.color
        if style.fill:
            properties["bg_color"] = style.fill
            properties["pattern"] = 1
        if style.center:
            properties["align"] = "center"
        if kind == QUOTED:
            properties["quote_prefix"] = True
        number_format = style.number_format or {
            DECIMAL: DECIMAL_FORMAT,
            DATE: DATE_FORMAT,
            DATETIME: DATETIME_FORMAT,
            MONTH: self._month_format,
        }.get(kind)
        if number_format and kind not in (TEXT, QUOTED):
            properties["num_format"] = number_format
        return properties


class Sheet:
    """One sheet; rows are appended in order (so a large workbook can stream them)."""

    def __init__(self, book: Workbook, worksheet: Worksheet):
        self._book = book
        self._worksheet = worksheet
        self._next_row = 0
        self._content_widths: dict[int, int] = {}  # column -> widest content, in characters
        self._fixed_widths: dict[int, float] = {}

    @property
    def rows_written(self) -> int:
        return self._next_row

    def row(self, values: Iterable[Any], style: Style = NORMAL) -> int:
        """Append a row; returns its index (0 is the first row).

        Each value is written by its type: a text (escaped, see the module), an int or float or
        Decimal (a number; floats with one decimal), a date, a datetime (in Danish time), a
        `Month`, a bool, None or "" (no cell), a `Styled` value (its own style), and anything
        else as its text (a withheld count "<5").
        """
        row = self._next_row
        self._next_row += 1
        book, widths = self._book, self._content_widths
        formats = book.formats(style)
        for column, value in enumerate(values):
            if type(value) is Styled:
                width = self._write(row, column, value.value, book.formats(value.style))
            else:
                width = self._write(row, column, value, formats)
            if width > widths.get(column, 0):
                widths[column] = width
        return row

    def _write(self, row: int, column: int, value: Any, formats: "_Formats") -> int:
        """Write one cell; its width in characters (0 for no cell)."""
        sheet = self._worksheet
        kind = type(value)
        # The common types first: this runs for each of hundreds of thousands of cells.
        if kind is str:
            return self._write_text(row, column, value, formats)
        if kind is int:
            sheet.write_number(row, column, value, formats.number)
            return len(str(value))
        if kind is datetime.date:
            sheet.write_datetime(row, column, value, formats.date)
            return 10
        if kind is float:
            sheet.write_number(row, column, value, formats.decimal)
            return len(f"{value:.1f}")
        if value is None:
            if formats.style.fill:  # an empty cell with a background (a bar in a timeline)
                sheet.write_blank(row, column, None, formats.text)
            return 0
        if kind is Month:
            sheet.write_datetime(row, column, value.first, formats.month)
            return len(str(value))
        if isinstance(value, bool):
            sheet.write_boolean(row, column, value, formats.number)
            return 5
        if isinstance(value, int):
            sheet.write_number(row, column, int(value), formats.number)
            return len(str(value))
        if isinstance(value, float | decimal.Decimal):
            sheet.write_number(row, column, float(value), formats.decimal)
            return len(f"{float(value):.1f}")
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value).replace(tzinfo=None)
            sheet.write_datetime(row, column, value, formats.date_time)
            return 16
        if isinstance(value, datetime.date):
            sheet.write_datetime(row, column, value, formats.date)
            return 10
        return self._write_text(row, column, str(value), formats)

    def _write_text(self, row: int, column: int, text: str, formats: "_Formats") -> int:
        quoted = looks_like_formula(text)
        text = _cell_text(text)
        if not text:
            return 0
        text_format = formats.quoted if quoted else formats.text
        if text.startswith("<r>") and text.endswith("</r>"):
            # XlsxWriter takes such a text for its own rich-string XML and writes it unescaped
            # (a broken file); as runs of one format (it needs three) it is escaped and reads
            # the same.
            runs: list[Any] = [text[:1], text[1:2], text[2:]]
            if text_format is not None:
                runs = [part for run in runs for part in (text_format, run)] + [text_format]
            self._worksheet.write_rich_string(row, column, *runs)
        else:
            self._worksheet.write_string(row, column, text, text_format)
        if "\n" in text:
            return max(len(line) for line in text.split("\n"))
        return len(text)

    def skip(self) -> None:
        """An empty row."""
        self._next_row += 1

    def widths(self, widths: dict[int, float]) -> None:
        """Fixed column widths in characters, by column index; other columns fit their content."""
        self._fixed_widths.update(widths)

    def freeze(self, row: int, column: int = 0) -> None:
        """Keep the rows above `row` and the columns left of `column` in view when scrolling."""
        self._worksheet.freeze_panes(row, column)

    def _set_widths(self) -> None:
        widths: dict[int, float] = {
            c: min(MAX_WIDTH, w + 2) for c, w in self._content_widths.items()
        }
        widths.update(self._fixed_widths)
        for column, width in sorted(widths.items()):
            self._worksheet.set_column(column, column, width)


class _Formats:
    """The formats of one style, by the kind of value, each made when first used."""

    __slots__ = ("_book", "style", "_made")

    def __init__(self, book: Workbook, style: Style):
        self._book = book
        self.style = style
        self._made: dict[int, Format | None] = {}

    def _get(self, kind: int) -> Format | None:
        if kind not in self._made:
            self._made[kind] = self._book.format(self.style, kind)
        return self._made[kind]

    text = property(lambda self: self._get(TEXT))
    quoted = property(lambda self: self._get(QUOTED))
    number = property(lambda self: self._get(NUMBER))
    decimal = property(lambda self: self._get(DECIMAL))
    date = property(lambda self: self._get(DATE))
    date_time = property(lambda self: self._get(DATETIME))
    month = property(lambda self: self._get(MONTH))
