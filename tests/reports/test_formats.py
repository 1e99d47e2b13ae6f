"""Each format opens, keeps numbers as numbers, shows "<5" and escapes formulas."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.formats import render
from reports.formats.csvfile import escape
from tests.reports.factories import sample_report


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+45 12 34", "'+45 12 34"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Pavillonen", "Pavillonen"),
        ("a=b", "a=b"),
    ],
)
def test_csv_escapes_formula_starts(raw, escaped):
    assert escape(raw) == escaped


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8")), delimiter=";"))


def test_csv_is_semicolon_separated_utf8_with_bom_and_escaped():
    rows = _csv_rows(render(sample_report(), "csv"))
    assert ["Pavillonen", "1234", "7,5"] in rows
    assert ["I alt", "1289", ""] in rows
    assert ['\'=HYPERLINK("x")', "55", ""] in rows
    assert ["02-01-2025", "<5"] in rows or ["02.01.2025", "<5"] in rows
    assert ["'+45 tlf", "8"] in rows
    assert ["'-Opgave A"] in rows and ["'@Opgave B"] in rows and ["'\tOpgave C"] in rows
    assert ["Ingen data."] in rows
    # The suppressed count is nowhere in the file.
    assert not any(row[-1:] == ["3"] for row in rows)


def test_xlsx_has_a_sheet_per_section_and_numbers_are_numbers():
    book = load_workbook(io.BytesIO(render(sample_report(), "xlsx")))
    assert book.sheetnames == ["Rapport", "Besøg", "Frivillige"]
    values = [list(r) for r in book["Besøg"].iter_rows(values_only=True)]
    assert ["Pavillonen", 1234, 7.5] in values
    assert ["I alt", 1289, None] in values
    assert any(r[:2] == ["Besøg i alt", 4321] for r in values)
    assert isinstance(next(r for r in values if r[0] == "Pavillonen")[1], int)
    day_rows = [r for r in values if r[1] == "<5"]
    assert len(day_rows) == 1
    assert ['\'=HYPERLINK("x")', 55, None] in values  # a text, never a formula
    assert book["Besøg"].column_dimensions["A"].width > 10
    assert ["Ingen data."] in [list(r)[:1] for r in book["Frivillige"].iter_rows(values_only=True)]


def test_pdf_opens_and_its_text_holds_the_figures():
    content = render(sample_report(), "pdf")
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Besøg pr. måned" in text
    assert "1.234" in text
    assert "Ingen data." in text
    assert "Side 1 af" in text
    # Detail tables are for the spreadsheet; the PDF says so.
    assert "Besøg pr. dag" not in text


def test_xlsx_cells_keep_their_formats_and_fonts():
    """Rows are formatted before they are appended (tests/perf: no quadratic row lookup)."""
    import datetime as _dt
    import io as _io

    from openpyxl import Workbook, load_workbook

    from reports.formats.xlsx import BOLD, _append

    book = Workbook()
    sheet = book.active
    _append(sheet, ["Header", "Day"], BOLD)
    _append(sheet, ["a", _dt.date(2025, 1, 2), 1.5, 3])
    out = _io.BytesIO()
    book.save(out)
    sheet = load_workbook(_io.BytesIO(out.getvalue())).active
    assert sheet["A1"].font.bold and sheet["B1"].font.bold
    assert not sheet["A2"].font.bold
    assert sheet["B2"].number_format == "DD-MM-YYYY"
    assert sheet["C2"].number_format == "0.0"
    assert sheet["D2"].value == 3
