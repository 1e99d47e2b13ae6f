"""Each format opens, keeps numbers as numbers, shows "<5" and escapes formulas."""

import csv
import datetime
import io
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.formats import render
from tests.pdfs import assert_tagged
from tests.reports.factories import sample_report


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
    # A text, never a formula, shown as written with Excel's quote prefix.
    link = next(r for r in book["Besøg"].iter_rows() if r[1].value == 55)[0]
    assert link.value == '=HYPERLINK("x")' and link.data_type == "s" and link.quotePrefix
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


def test_pdf_is_tagged_with_its_title_language_headings_and_tables():
    report = sample_report()
    counts = assert_tagged(
        render(report, "pdf"),
        title=f"USB-rapport {report.period.label()}",
        lang="da",
        elements={"/H1": 1, "/H2": 2, "/Table": 1, "/THead": 1, "/TH": 4, "/TD": 4},
    )
    assert counts["/Figure"] == 1  # the chart, named by its <title>
    # The total is the body's last row, not a foot a PDF repeats on every page (issue 19.11).
    assert counts["/TFoot"] == 0


def test_xlsx_cells_keep_their_formats_and_fonts():
    book = load_workbook(io.BytesIO(render(sample_report(), "xlsx")))
    front = book["Rapport"]
    assert front["A1"].value == "USB-rapport" and front["A1"].font.bold
    assert front["A1"].font.size == 14
    assert front["B2"].value == datetime.datetime(2025, 1, 1)
    assert front["B2"].number_format == "dd-mm-yyyy"
    made = next(r for r in front.iter_rows() if r[0].value == "Dannet")
    assert made[1].value == datetime.datetime(2026, 1, 2, 10, 30)  # Copenhagen time
    assert made[1].number_format == "dd-mm-yyyy hh:mm"
    sheet = book["Besøg"]
    rows = {r[0].value: r for r in sheet.iter_rows() if r[0].value is not None}
    header, total, pavilion = rows["Sted"], rows["I alt"], rows["Pavillonen"]
    assert header[0].font.bold and header[1].font.bold and total[1].font.bold
    assert not pavilion[0].font.bold and not pavilion[1].font.bold
    assert rows["Pr. åbningstime"][1].number_format == "0.0"
    assert pavilion[2].value == 7.5 and pavilion[2].number_format == "0.0"
    day = rows[datetime.datetime(2025, 1, 2)]
    assert day[0].number_format == "dd-mm-yyyy" and day[1].value == "<5"
    # As wide as the widest text, and a little (XlsxWriter rounds to whole pixels).
    assert sheet.column_dimensions["A"].width == pytest.approx(len("Forsinkede opgaver") + 2, abs=1)


def test_xlsx_text_is_never_markup_and_unprintable_characters_are_left_out():
    report = sample_report()
    table = report.sections[0].tables[0]
    table.rows.append(["<b>Café & Bar</b>\x07", 1, None])
    table.rows.append(["Linje 1\r\nLinje 2", 2, None])
    table.rows.append(["Tom", "", 4])
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    rows = [list(r) for r in book["Besøg"].iter_rows(values_only=True)]
    values = [r[0] for r in rows]
    assert "<b>Café & Bar</b>" in values
    assert "Linje 1\nLinje 2" in values  # a line break in a cell, as Excel makes it
    assert ["Tom", None, 4] in rows  # an empty text is an empty cell


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_small_number_rule_reads_as_plain_text_in_every_file(language):
    """ "<5" in the files, never the HTML escape "&lt;5" (a translation made for the page)."""
    with translation.override(language):
        report = sample_report()
        book = load_workbook(io.BytesIO(render(report, "xlsx")))
        csv_text = render(report, "csv").decode("utf-8-sig")
    front = {
        r[0]: r[1]
        for r in book["Rapport" if language == "da" else "Report"].iter_rows(values_only=True)
    }
    rule = front["Små tal" if language == "da" else "Small numbers"]
    assert "<5" in rule
    cells = [c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert not any(isinstance(c, str) and re.search(r"&(lt|gt|amp|quot|#\d+);", c) for c in cells)
    assert not re.search(r"&(lt|gt|amp|quot|#\d+);", csv_text)
