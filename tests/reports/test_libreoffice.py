"""The report's XLSX (reports/formats/xlsx.py, through core.spreadsheets) opens in a real
spreadsheet program.

LibreOffice Calc, headless, reads the workbook and writes every sheet as CSV with text cells
quoted: numbers and dates must arrive unquoted (as numbers), texts quoted and never run as
formulas. CI installs LibreOffice (.ci/run sets REQUIRE_OFFICE_TESTS=1); elsewhere the test
is skipped with the reason when `soffice` is missing.
"""

import csv
import datetime
import subprocess

import pytest

from core.spreadsheets import Month
from reports.formats import render
from tests.reports.factories import sample_report
from tests.tools import required_program

# Comma, double quote, UTF-8, from line 1, default cell format, default language, quote every
# text cell, -, raw values (not as shown), no formulas, keep spaces, every sheet (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1"


@pytest.fixture
def soffice():
    return required_program("soffice", "libreoffice", package="libreoffice-calc-nogui")


def _sheets_as_csv(soffice, content: bytes, tmp_path) -> dict[str, list[str]]:
    """{sheet name: its CSV lines}, as LibreOffice Calc reads the workbook."""
    (tmp_path / "report.xlsx").write_bytes(content)
    profile = (tmp_path / "profile").as_uri()
    completed = subprocess.run(  # noqa: S603 - LibreOffice on our own file
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "report.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return {
        path.stem.removeprefix("report-"): path.read_text(encoding="utf-8").splitlines()
        for path in sorted((tmp_path / "out").glob("report-*.csv"))
    }


def _cells(line: str) -> list[str]:
    return next(csv.reader([line]))


def test_libreoffice_reads_every_sheet_with_numbers_as_numbers_and_texts_as_texts(
    soffice, tmp_path
):
    report = sample_report()
    rows = report.sections[0].tables[0].rows
    rows.append(["<b>Café & Bar</b>\x07", 1, None])
    rows.append(["<r>Rå</r>", 2, None])  # XlsxWriter's own markup for rich text
    rows.append([Month(datetime.date(2025, 3, 1)), 3, -4.5])
    sheets = _sheets_as_csv(soffice, render(report, "xlsx"), tmp_path)

    assert set(sheets) == {"Rapport", "Besøg", "Frivillige"}
    visits = sheets["Besøg"]
    # Text quoted, numbers bare: Calc took 1234 and 7.5 as numbers.
    assert '"Pavillonen",1234,7.5' in visits
    assert '"I alt",1289,' in visits
    assert '"Besøg i alt",4321' in [line.rstrip(",") for line in visits]
    # A formula-looking text stays text (a formula would have been exported as its result).
    assert '"=HYPERLINK(""x"")",55,' in visits
    # Markup is text; the control character is gone.
    assert '"<b>Café & Bar</b>",1,' in visits
    assert '"<r>Rå</r>",2,' in visits
    # A month is a date (unquoted); a negative number is a number.
    month = next(line for line in visits if line.endswith(",3,-4.5"))
    assert not month.startswith('"') and "2025" in month, month
    # A suppressed small count is the text "<5"; its day is a date, so unquoted.
    line = next(line for line in visits if '"<5"' in line)
    day, shown = _cells(line)[:2]
    assert shown == "<5"
    assert not line.startswith('"') and "2025" in day, line
    assert "3" not in _cells(line)  # the suppressed count is nowhere
    assert any('"Ingen data."' in line for line in sheets["Frivillige"])
    front = sheets["Rapport"]
    assert front[0].startswith('"USB-rapport"')
