"""Journey 4: a manager exports last quarter's USB report for Korsør as PDF and XLSX."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from core.roles import Role
from reports.models import ReportExport
from reports.periods import Period
from sites.models import Site
from tests.browser.journeys.drivers import follow_main_menu
from tests.core.factories import UserFactory
from tests.visits.factories import DailyCountFactory
from visits.models import TallyCategory

pytestmark = pytest.mark.browser

KORSOR = "Varmestuen i Korsør"
VISITS_PER_MONTH = [23, 31, 19]  # one counted day in each month of the quarter
# The server renders the PDF before the download starts: on a loaded 2-core CI machine that
# alone can take longer than the fixtures' 10 s.
DOWNLOAD_TIMEOUT_MS = 60_000


@pytest.fixture
def quarter(live_url) -> Period:
    """Last quarter's counts: Korsør's, Skælskør's, and Korsør's the day before it began."""
    call_command("load_reference_data", stdout=io.StringIO())
    period = Period.last_quarter(timezone.localdate())
    korsor, skaelskor = (Site.objects.get(slug=s) for s in ("korsoer", "skaelskoer"))
    visits, lunch = (TallyCategory.objects.get(code=c) for c in ("visits", "hot-lunch"))
    for month, count in zip(period.months(), VISITS_PER_MONTH, strict=True):
        day = month + datetime.timedelta(days=9)
        DailyCountFactory(site=korsor, date=day, category=visits, count=count)
        DailyCountFactory(site=korsor, date=day, category=lunch, count=count - 4)
        DailyCountFactory(site=skaelskor, date=day, category=visits, count=12)
    before = period.start - datetime.timedelta(days=1)
    DailyCountFactory(site=korsor, date=before, category=visits, count=500)
    return period


@pytest.fixture
def manager(live_url):
    return UserFactory(username="lene", first_name="Lene", last_name="Dahl", role=Role.MANAGER)


def sheet_rows(sheet) -> list[list]:
    """A sheet's rows without the empty cells at their ends."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        rows.append(cells)
    return rows


def midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time())  # how openpyxl reads a date


def quarter_label(period: Period) -> str:
    return f"K{(period.start.month - 1) // 3 + 1} {period.start.year}"


def test_a_manager_exports_the_usb_report_as_pdf_and_xlsx(driver, page, manager, quarter, tmp_path):
    driver.start(manager)
    follow_main_menu(driver, page, "Rapporter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapporter til USB")

    driver.choose(page.get_by_role("combobox", name="Periode"), quarter_label(quarter))
    driver.tick(page.get_by_role("checkbox", name=KORSOR))
    driver.go(page.get_by_role("button", name="Vis rapport"))

    period_text = f"{quarter.start:%d.%m.%Y} til {quarter.end:%d.%m.%Y}"
    report = page.get_by_role("article", name="Rapport")
    expect(report).to_contain_text(f"Periode: {period_text}")
    total = sum(VISITS_PER_MONTH)  # 73; Skælskør's and the day before are left out
    per_site = report.locator("table", has_text="Besøg pr. sted").first
    expect(per_site.get_by_role("row", name=re.compile(f"^{KORSOR}"))).to_contain_text(str(total))

    downloads = page.get_by_role("group", name="Hent")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as pdf_download:
        driver.activate(downloads.get_by_role("button", name="Hent PDF"))
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as xlsx_download:
        driver.activate(downloads.get_by_role("button", name="Hent Excel (XLSX)"))

    # Saved as the browser names them, as on the USB stick.
    usb = tmp_path / "usb"
    for download in (pdf_download.value, xlsx_download.value):
        download.save_as(usb / download.suggested_filename)
    assert sorted(path.name for path in usb.iterdir()) == [
        f"usb-rapport-{quarter.slug()}.pdf",
        f"usb-rapport-{quarter.slug()}.xlsx",
    ]

    text = "\n".join(
        p.extract_text() for p in PdfReader(usb / f"usb-rapport-{quarter.slug()}.pdf").pages
    )
    assert period_text in text
    assert re.search(rf"{KORSOR}\s+{total}\b", text), text[:2000]
    assert not re.search(r"\b500\b", text) and "Varmestuen i Skælskør" not in text

    book = load_workbook(usb / f"usb-rapport-{quarter.slug()}.xlsx")
    front = sheet_rows(book["Rapport"])
    assert front[1] == ["Periode", midnight(quarter.start), midnight(quarter.end)]
    assert front[3] == ["Steder", KORSOR]
    rows = sheet_rows(book["Besøg og ydelser"])
    assert ["Besøg", total] in rows
    assert [KORSOR, total, 0] in rows  # visits per site: numbers, not text
    per_month = rows.index(["Besøg pr. sted og måned"])
    assert rows[per_month + 1][:3] == ["Sted", "Måned", "Besøg"]
    assert [row[2] for row in rows[per_month + 2 : per_month + 5]] == VISITS_PER_MONTH
    assert rows[per_month + 5][:3] == ["I alt", None, total]

    exports = ReportExport.objects.order_by("at")
    assert [(e.format, e.via, e.actor) for e in exports] == [
        ("pdf", "web", manager),
        ("xlsx", "web", manager),
    ]
    assert {(e.period_start, e.period_end) for e in exports} == {(quarter.start, quarter.end)}
