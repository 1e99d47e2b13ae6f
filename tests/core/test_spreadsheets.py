"""The shared CSV and XLSX writers (core/spreadsheets.py), read back with csv and openpyxl."""

import csv
import datetime
import decimal
import io
import zoneinfo

import pytest
from django.utils import translation
from openpyxl import load_workbook

from core.spreadsheets import (
    BOLD,
    TITLE,
    Month,
    Style,
    Styled,
    Workbook,
    csv_file,
    csv_text,
)

# Every start that a spreadsheet takes for a formula (or that OWASP lists for CSV injection).
DANGEROUS = [
    '=HYPERLINK("http://x","klik")',
    "+45 12 34 56 78",
    "-Opgave",
    "@SUM(A1)",
    "\tx",
    "\rx",
]


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
        ("", ""),
    ],
)
def test_csv_text_escapes_formula_starts_only(raw, escaped):
    assert csv_text(raw) == escaped


def _read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # Danish Excel needs the byte-order mark
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_file_escapes_every_text_and_keeps_numbers_numbers():
    content = csv_file(
        [["Navn", "Tal"], *[[text, -2] for text in DANGEROUS], [None, 2.5]],
        format_value=lambda value: str(value).replace(".", ","),
    )
    assert b"\r\n" in content
    rows = _read_csv(content)
    assert rows[0] == ["Navn", "Tal"]
    assert [row[0] for row in rows[1:-1]] == ["'" + text for text in DANGEROUS]
    assert {row[1] for row in rows[1:-1]} == {"-2"}  # a negative number is not text
    assert rows[-1] == ["", "2,5"]


def test_csv_file_treats_lazy_translations_as_text():
    from django.utils.translation import gettext_lazy

    rows = _read_csv(csv_file([[gettext_lazy("-%(n)s") % {"n": 1}]]))
    assert rows == [["'-1"]]


@pytest.fixture(params=[False, True], ids=["in memory", "constant memory"])
def large(request):
    return request.param


def _load(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_xlsx_text_is_never_a_formula_and_shows_as_written(large):
    book = Workbook(large=large)
    sheet = book.sheet("Ark")
    for text in DANGEROUS:
        sheet.row([text, -2, -2.5])
    rows = list(_load(book.save())["Ark"].iter_rows())
    for row, text in zip(rows, DANGEROUS, strict=True):
        cell, number, decimal_number = row
        assert cell.data_type == "s", text  # a string cell, not a formula ("f")
        # Shown as written (a carriage return is a line break), with Excel's quote prefix,
        # so that editing the cell keeps it text too.
        assert cell.value == text.replace("\r", "\n")
        assert cell.quotePrefix
        assert number.data_type == "n" and number.value == -2  # a negative number is a number
        assert decimal_number.value == -2.5


def test_xlsx_plain_text_has_no_quote_prefix():
    book = Workbook()
    book.sheet("Ark").row(["Pavillonen", "a=b"])
    cells = next(_load(book.save())["Ark"].iter_rows())
    assert [c.value for c in cells] == ["Pavillonen", "a=b"]
    assert not any(c.quotePrefix for c in cells)


def test_xlsx_text_that_looks_like_the_writers_own_markup_stays_text(large):
    # XlsxWriter writes a text "<r>…</r>" unescaped, as rich-string XML: a broken file.
    texts = ["<r><t>x</t></r>", "<r>Café & Bar</r>", "=<r>x</r>"]
    book = Workbook(large=large)
    sheet = book.sheet("Ark")
    for text in texts:
        sheet.row([text])
    sheet.row(["<r>fed</r>"], BOLD)
    values = [row[0] for row in _load(book.save())["Ark"].iter_rows(values_only=True)]
    assert values == [*texts, "<r>fed</r>"]


def test_xlsx_leaves_out_characters_no_cell_can_hold():
    book = Workbook()
    book.sheet("Ark").row(["Linje 1\r\nLinje 2\x07", "\x00", "", None, "x"])
    cells = next(_load(book.save())["Ark"].iter_rows())
    assert [c.value for c in cells] == ["Linje 1\nLinje 2", None, None, None, "x"]


def test_xlsx_values_keep_their_types_and_danish_formats(large, settings):
    settings.TIME_ZONE = "Europe/Copenhagen"
    made = datetime.datetime(2026, 1, 2, 9, 30, tzinfo=datetime.UTC)
    book = Workbook(large=large)
    with translation.override("da"):
        book.sheet("Ark").row(
            [
                datetime.date(2026, 3, 9),
                made,
                Month(datetime.date(2026, 3, 1)),
                decimal.Decimal("3.25"),
                7.5,
                12,
                True,
            ]
        )
    date, when, month, hours, ratio, count, flag = next(_load(book.save())["Ark"].iter_rows())
    assert date.value == datetime.datetime(2026, 3, 9) and date.number_format == "dd-mm-yyyy"
    assert when.value == datetime.datetime(2026, 1, 2, 10, 30)  # Copenhagen time
    assert when.number_format == "dd-mm-yyyy hh:mm"
    # A month is a date (it sorts and charts) shown with Danish month names.
    assert month.is_date and month.value == datetime.datetime(2026, 3, 1)
    assert month.number_format == "[$-406]mmmm yyyy"
    assert hours.value == 3.25 and hours.data_type == "n"
    assert ratio.value == 7.5 and ratio.number_format == "0.0"
    assert count.value == 12 and isinstance(count.value, int)
    assert flag.value is True


def test_a_month_reads_as_its_name_in_the_active_language():
    march = Month(datetime.date(2026, 3, 1))
    with translation.override("da"):
        assert str(march) == "marts 2026"
    with translation.override("en"):
        assert str(march) == "March 2026"
        book = Workbook()
        book.sheet("Ark").row([march])
    assert next(_load(book.save())["Ark"].iter_rows())[0].number_format == "[$-809]mmmm yyyy"
    assert Month(datetime.date(2025, 12, 1)) < march


def test_xlsx_styles_fonts_fills_and_number_formats():
    book = Workbook(title="Prøve")
    sheet = book.sheet("Ark")
    sheet.row(["Titel"], TITLE)
    sheet.row(["Sted", "Besøg"], BOLD)
    bar = Style(fill="#0059B3", color="#FFFFFF", center=True)
    sheet.row(
        [
            "Pavillonen",
            Styled("■", bar),
            Styled(None, bar),
            Styled(3.25, Style(number_format="0.00")),
        ]
    )
    loaded = _load(book.save())
    assert loaded.properties.title == "Prøve"
    rows = list(loaded["Ark"].iter_rows())
    assert rows[0][0].font.b and rows[0][0].font.sz == 14
    assert rows[1][1].font.b and not rows[2][0].font.b
    marked, empty, hours = rows[2][1:4]
    assert marked.fill.fgColor.rgb.endswith("0059B3") and marked.font.color.rgb.endswith("FFFFFF")
    assert marked.alignment.horizontal == "center"
    assert empty.value is None and empty.fill.fgColor.rgb.endswith("0059B3")
    assert hours.number_format == "0.00"


def test_xlsx_sheet_names_are_what_excel_allows():
    book = Workbook()
    for title in ["Besøg/dag: [alle]", "Besøg/dag: [alle]", "x" * 40, "", "'"]:
        book.sheet(title).row(["x"])
    names = _load(book.save()).sheetnames
    assert names[:2] == ["Besøg dag   alle", "Besøg dag   alle 2"]
    assert names[2] == "x" * 31
    assert names[3:] == ["Ark", "Ark 2"]
    assert len({n.lower() for n in names}) == len(names)


def test_xlsx_columns_fit_their_content_unless_fixed_and_panes_freeze(large):
    book = Workbook(large=large)
    sheet = book.sheet("Ark")
    assert sheet.row(["Kort", "x", "x"]) == 0
    sheet.skip()
    assert sheet.row(["Et noget længere navn", "y" * 200, "x"]) == 2
    assert sheet.rows_written == 3
    sheet.widths({2: 9})
    sheet.freeze(1, 1)
    loaded = _load(book.save())["Ark"]
    assert loaded.column_dimensions["A"].width == pytest.approx(
        len("Et noget længere navn") + 2, abs=1
    )
    assert loaded.column_dimensions["B"].width == pytest.approx(60, abs=1)  # capped
    assert loaded.column_dimensions["C"].width == pytest.approx(9, abs=1)
    assert loaded.freeze_panes == "B2"
    assert [r[0] for r in loaded.iter_rows(values_only=True)] == [
        "Kort",
        None,
        "Et noget længere navn",
    ]


def test_xlsx_datetimes_follow_the_danish_clock_across_summer_time():
    copenhagen = zoneinfo.ZoneInfo("Europe/Copenhagen")
    summer = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=copenhagen)
    book = Workbook()
    book.sheet("Ark").row([summer.astimezone(datetime.UTC)])
    assert next(_load(book.save())["Ark"].iter_rows(values_only=True))[0] == datetime.datetime(
        2026, 7, 1, 12, 0
    )
