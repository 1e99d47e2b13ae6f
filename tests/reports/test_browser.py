"""The USB report page in chromium: the download buttons export what the form shows, whether
or not "Vis rapport" was pressed first (issue 19 item 3)."""

import datetime

import pytest
from django.utils import timezone
from pypdf import PdfReader

from reports.models import ReportExport
from reports.periods import Period
from tests.planning.factories import ReportingPeriodFactory

pytestmark = pytest.mark.browser
DOWNLOAD_TIMEOUT_MS = 60_000  # the server renders the PDF before the download starts


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_hent_pdf_exports_the_period_chosen_without_showing_it_first(
    transactional_db, page, log_in, manager_user, width
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(manager_user)
    page.goto("/reports/usb/")  # shows last month
    year = timezone.localdate().year - 1
    page.get_by_role("combobox", name="Periode").select_option(f"year:{year}")
    downloads = page.get_by_role("group", name="Hent")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download:
        downloads.get_by_role("button", name="Hent PDF").click()
    chosen = Period.year(year)
    assert download.value.suggested_filename == f"usb-rapport-{chosen.slug()}.pdf"
    text = "".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert f"01.01.{year} til 31.12.{year}" in text
    export = ReportExport.objects.get()
    assert (export.format, export.period_start, export.period_end) == (
        "pdf",
        chosen.start,
        chosen.end,
    )


def test_a_status_document_chosen_is_what_hent_csv_exports(
    transactional_db, page, log_in, manager_user
):
    ReportingPeriodFactory(
        title="USB 2025", starts=datetime.date(2025, 1, 1), ends=datetime.date(2025, 12, 31)
    )
    log_in(manager_user)
    page.goto("/reports/usb/?period=year:2024")
    page.get_by_role("combobox", name="Statusdokument").select_option(label="USB 2025")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download:
        page.get_by_role("button", name="Hent CSV").click()
    assert download.value.suggested_filename == "usb-status-2025-01-01-2025-12-31.csv"
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert "USB 2025" in content


@pytest.mark.parametrize("width", [320, 390, 768, 1280])
def test_the_sent_versions_pass_axe_and_fit_the_width(
    transactional_db, page, log_in, manager_user, width
):
    from planning.models import ReportingPeriod
    from reports.services import issue_new_version
    from tests.browser.axe import axe_violations, describe

    period = ReportingPeriodFactory(
        title="USB 2025",
        starts=datetime.date(2025, 1, 1),
        ends=datetime.date(2025, 3, 31),
        state=ReportingPeriod.State.SENT,
        meeting_date=datetime.date(2025, 4, 20),
    )
    for note in ("Dokumentet som sendt.", "Rettet optælling af besøg i marts."):
        issue_new_version(period=period, note=note, actor=manager_user)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(manager_user)
    for url in (f"/reports/usb/sent/{period.pk}/", f"/planning/targets/?period={period.pk}"):
        page.goto(url)
        assert page.locator("table.vs-versions tbody tr").count() == 2
        violations = axe_violations(page)
        assert not violations, describe(violations)
        wide = page.evaluate(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        assert not wide, f"{url} scrolls sideways at {width} px"


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_indicators_and_the_document_with_them_pass_axe_and_fit(
    transactional_db, page, log_in, coordinator_user, manager_user, width
):
    from reports.models import IndicatorValue, TargetIndicator
    from tests.browser.axe import axe_violations, describe
    from tests.planning.factories import StrategicTargetFactory

    target = StrategicTargetFactory(title="Udsathed og Hjemløshed")
    periods = [
        ReportingPeriodFactory(
            title=f"USB K{q} 2025",
            starts=datetime.date(2025, 3 * q - 2, 1),
            ends=datetime.date(2025, 3 * q, 28),
        )
        for q in (1, 2)
    ]
    TargetIndicator.objects.create(
        target=target, name="Besøg", definition="Besøg i alt.", kind="computed", source="visits"
    )
    housed = TargetIndicator.objects.create(
        target=target,
        name="Borgere i egen bolig",
        definition="Som partnerne melder det.",
        kind="manual",
        baseline_value=4,
        goal_value=12,
    )
    for period, value in zip(periods, (5, 7), strict=True):
        IndicatorValue.objects.create(indicator=housed, period=period, value=value)
    page.set_viewport_size({"width": width, "height": 900})
    for user, url in (
        (coordinator_user, "/reports/indicators/"),
        (manager_user, f"/reports/usb/?document={periods[1].pk}"),
    ):
        log_in(user)
        page.goto(url)
        violations = axe_violations(page)
        assert not violations, describe(violations)
        wide = page.evaluate(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        assert not wide, f"{url} scrolls sideways at {width} px"
    assert page.locator(".vs-doc-indicator svg[role=img]").count() == 2
