"""The report as an Excel workbook: a front sheet, then one sheet per section.

Numbers are stored as numbers (a suppressed count is the text "<5"), dates as dates; each
table has a bold header row, and the columns are as wide as their content.

The workbook is written directly as Office Open XML (SpreadsheetML: a zip of a few XML
parts), not through openpyxl: five years of twenty sites are some 230,000 cells, and
openpyxl's per-cell objects and XML serialisation took seconds for them, in its write-only
mode too. Only what the report needs is written: text (as shared strings), numbers, dates,
four fonts, three number formats and column widths.
"""

import datetime
import decimal
import io
import math
import re
import zipfile
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from django.utils import timezone
from django.utils.translation import gettext as _

from reports.formats.csvfile import escape
from reports.report import Report
from reports.smallnumbers import Withheld

MAX_WIDTH = 60

# Fonts and number formats; every combination is a cell style (STYLES).
NORMAL, BOLD, TITLE, SUBTITLE = range(4)
FONTS = (
    '<font><sz val="11"/><name val="Calibri"/></font>',
    '<font><b/><sz val="11"/><name val="Calibri"/></font>',
    '<font><b/><sz val="14"/><name val="Calibri"/></font>',
    '<font><b/><sz val="12"/><name val="Calibri"/></font>',
)
GENERAL, DATE, DECIMAL, DATE_TIME = range(4)
NUMBER_FORMATS = (None, "DD-MM-YYYY", "0.0", "DD-MM-YYYY HH:MM")  # None: Excel's General


def _style(font: int, number_format: int) -> int:
    """The index of a font and number format combination in the styles' cellXfs."""
    return font * len(NUMBER_FORMATS) + number_format


# A cell's style attribute by font and number format (none for the default style).
STYLES = [
    [f' s="{_style(font, f)}"' if _style(font, f) else "" for f in range(len(NUMBER_FORMATS))]
    for font in range(len(FONTS))
]

EXCEL_EPOCH = datetime.datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system
EXCEL_EPOCH_DAY = EXCEL_EPOCH.date()
# Characters XML 1.0 does not allow (a spreadsheet cell cannot hold them either).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


COLUMNS = [_column_name(i) for i in range(26 * 27)]  # A to ZZ


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Ark"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _text(value: str) -> str:
    # A carriage return would be read back as a line feed unless written as a reference.
    return xml_escape(NOT_XML.sub("", value)).replace("\r", "&#13;")


class _SharedStrings:
    """Each distinct text once; cells refer to it by its index."""

    def __init__(self):
        self.index: dict[str, int] = {}
        self.count = 0

    def add(self, text: str) -> int:
        self.count += 1
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{_text(text)}</t></si>' for text in self.index
        )
        return (
            f'{XML_DECLARATION}<sst xmlns="{MAIN}" count="{self.count}" '
            f'uniqueCount="{len(self.index)}">{items}</sst>'
        )


class _Sheet:
    def __init__(self, title: str, strings: _SharedStrings):
        self.title = title
        self.strings = strings
        self.rows: list[str] = []
        self.row = 0  # the number of the last row
        self.widths: dict[int, int] = {}  # column index -> widest content in characters

    def skip(self) -> None:
        """An empty row."""
        self.row += 1

    def append(self, values, font: int = NORMAL) -> None:
        self.row += 1
        row = str(self.row)
        general, date, decimal_ = STYLES[font][GENERAL], STYLES[font][DATE], STYLES[font][DECIMAL]
        widths, add = self.widths, self.strings.add
        cells = []
        # The common types inline: this runs for each of hundreds of thousands of cells.
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if not value:
                    continue  # an empty text is no cell, as in openpyxl
                text = escape(value)  # data, never a formula
                cell, width = f' t="s"{general}><v>{add(text)}</v>', len(text)
            elif kind is int:
                digits = str(value)
                cell, width = f"{general}><v>{digits}</v>", len(digits)
            elif kind is datetime.date:
                cell, width = f"{date}><v>{(value - EXCEL_EPOCH_DAY).days}</v>", 10
            elif kind is float and math.isfinite(value):
                cell, width = f"{decimal_}><v>{value!r}</v>", len(str(value))
            elif value is None:
                continue
            else:
                cell, width = self._cell(value, font)
            if width > widths.get(column, 0):
                widths[column] = width
            name = COLUMNS[column] if column < len(COLUMNS) else _column_name(column)
            cells.append(f'<c r="{name}{row}"{cell}</c>')
        self.rows.append(f'<row r="{row}">{"".join(cells)}</row>')

    def _cell(self, value, font: int) -> tuple[str, int]:
        """Any other value: the cell's attributes and value, and its width in characters."""
        styles = STYLES[font]
        if isinstance(value, bool):
            return f' t="b"{styles[GENERAL]}><v>{int(value)}</v>', len(str(value))
        if isinstance(value, int):
            return f"{styles[GENERAL]}><v>{int(value)}</v>", len(str(value))
        if isinstance(value, decimal.Decimal) and value.is_finite():
            value = float(value)
        if isinstance(value, float) and math.isfinite(value):
            return f"{styles[DECIMAL]}><v>{float(value)!r}</v>", len(str(value))
        if isinstance(value, datetime.datetime):
            serial = (value.replace(tzinfo=None) - EXCEL_EPOCH) / datetime.timedelta(days=1)
            return f"{styles[DATE_TIME]}><v>{serial!r}</v>", 10
        if isinstance(value, datetime.date):
            return f"{styles[DATE]}><v>{(value - EXCEL_EPOCH_DAY).days}</v>", 10
        # Text: a withheld count ("<5", ".."), or data that must never run as a formula.
        text = str(value) if isinstance(value, Withheld | float) else escape(str(value))
        return f' t="s"{styles[GENERAL]}><v>{self.strings.add(text)}</v>', len(text)

    def xml(self) -> str:
        columns = "".join(
            f'<col min="{c + 1}" max="{c + 1}" width="{min(MAX_WIDTH, w + 2)}" customWidth="1"/>'
            for c, w in sorted(self.widths.items())
        )
        return "".join(
            [
                f'{XML_DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">',
                f"<cols>{columns}</cols>" if columns else "",
                "<sheetData>",
                *self.rows,
                "</sheetData></worksheet>",
            ]
        )


class _Workbook:
    def __init__(self):
        self.strings = _SharedStrings()
        self.sheets: list[_Sheet] = []
        self.used: set[str] = set()

    def sheet(self, title: str) -> _Sheet:
        sheet = _Sheet(_sheet_title(title, self.used), self.strings)
        self.sheets.append(sheet)
        return sheet

    def save(self) -> bytes:
        out = io.BytesIO()
        # Level 1: the XML is so repetitive that more effort buys little.
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.writestr("[Content_Types].xml", self._content_types())
            archive.writestr("_rels/.rels", _package_relationships())
            archive.writestr("xl/workbook.xml", self._workbook())
            archive.writestr("xl/_rels/workbook.xml.rels", self._workbook_relationships())
            archive.writestr("xl/styles.xml", _styles())
            archive.writestr("xl/sharedStrings.xml", self.strings.xml())
            for n, sheet in enumerate(self.sheets, start=1):
                archive.writestr(f"xl/worksheets/sheet{n}.xml", sheet.xml())
        return out.getvalue()

    def _content_types(self) -> str:
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
            f'ContentType="{CONTENT}.worksheet+xml"/>'
            for n in range(1, len(self.sheets) + 1)
        )
        return (
            f"{XML_DECLARATION}"
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CONTENT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{CONTENT}.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{CONTENT}.sharedStrings+xml"/>'
            f"{sheets}</Types>"
        )

    def _workbook(self) -> str:
        sheets = "".join(
            f'<sheet name={quoteattr(sheet.title)} sheetId="{n}" r:id="rId{n}"/>'
            for n, sheet in enumerate(self.sheets, start=1)
        )
        return (
            f'{XML_DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            f"<sheets>{sheets}</sheets></workbook>"
        )

    def _workbook_relationships(self) -> str:
        n = len(self.sheets)
        sheets = "".join(
            f'<Relationship Id="rId{i}" Type="{RELATIONSHIPS}/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        return (
            f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE}">{sheets}'
            f'<Relationship Id="rId{n + 1}" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{n + 2}" Type="{RELATIONSHIPS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'
        )


def _package_relationships() -> str:
    return (
        f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )


def _styles() -> str:
    # Custom number formats are numbered from 164; 0 is General.
    format_ids = [0 if code is None else 163 + n for n, code in enumerate(NUMBER_FORMATS)]
    custom = [(i, code) for i, code in zip(format_ids, NUMBER_FORMATS, strict=True) if code]
    number_formats = "".join(
        f'<numFmt numFmtId="{i}" formatCode={quoteattr(code)}/>' for i, code in custom
    )
    cell_styles = "".join(
        f'<xf numFmtId="{format_ids[f]}" fontId="{font}" fillId="0" borderId="0" xfId="0"'
        f"{' applyFont="1"' if font else ''}{' applyNumberFormat="1"' if f else ''}/>"
        for font in range(len(FONTS))
        for f in range(len(NUMBER_FORMATS))
    )
    return (
        f'{XML_DECLARATION}<styleSheet xmlns="{MAIN}">'
        f'<numFmts count="{len(custom)}">{number_formats}</numFmts>'
        f'<fonts count="{len(FONTS)}">{"".join(FONTS)}</fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        f'<cellXfs count="{len(FONTS) * len(NUMBER_FORMATS)}">{cell_styles}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def render_xlsx(report: Report) -> bytes:
    book = _Workbook()
    front = book.sheet(_("Report"))
    front.append([_("USB report")], TITLE)
    front.append([_("Period"), report.period.start, report.period.end])
    front.append([_("A year earlier"), report.year_earlier.start, report.year_earlier.end])
    front.append([_("Sites"), report.site_names])
    front.append(
        [
            _("Small numbers"),
            _(
                "Counts below %(n)s are shown as <%(n)s in breakdowns finer than site and month, "
                "and one more count as .. where the month's total would otherwise give such a "
                "count away."
            )
            % {"n": report.threshold},
        ]
    )
    front.append([_("Made"), timezone.localtime(report.generated_at).replace(tzinfo=None)])

    for section in report.sections:
        sheet = book.sheet(section.title)
        sheet.append([section.title], TITLE)
        if not section.available:
            sheet.append([section.note])
            continue
        for fact in section.facts:
            sheet.append([fact.label, fact.value])
        for table in section.tables:
            sheet.skip()
            sheet.append([table.title], SUBTITLE)
            if table.note:
                sheet.append([table.note])
            sheet.append([c.label for c in table.columns], BOLD)
            for row in table.rows:
                sheet.append(row)
            if table.total:
                sheet.append(table.total, BOLD)
        for heading, items in section.lists:
            sheet.skip()
            sheet.append([heading], SUBTITLE)
            for item in items:
                sheet.append([item])
    return book.save()
