"""Issue 18: the status document for USB (seed 002): a front page with the summary, each
target's sub-goals in three columns, the statistics as an appendix, in every format."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from planning.models import ReportingPeriod
from reports.builder import build_document_report
from reports.formats import render
from tests.planning.factories import (
    ReportingPeriodFactory,
    StrategicTargetFactory,
    SubGoalFactory,
    SubGoalStatusFactory,
)
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    site = SiteFactory(name="Pavillonen")
    SiteFactory(name="Et andet sted")
    period = ReportingPeriodFactory(
        title="USB 2026",
        starts=datetime.date(2026, 1, 1),
        ends=datetime.date(2026, 6, 30),
        summary="Året har budt på meget.\n\nVarmestuen i Korsør er i drift.",
    )
    period.sites.add(site)
    target = StrategicTargetFactory(title="Udsathed og Hjemløshed", description="Medborgerpolitik.")
    goal = SubGoalFactory(
        target=target, number=1, title="Boliger og boligstrategi", description="Boligløsninger."
    )
    SubGoalFactory(target=target, number=2, title="Ældre udsatte", description="CSÆ.")
    SubGoalStatusFactory(
        sub_goal=goal,
        period=period,
        status_text="Skæve boliger er opført.",
        committee_follow_up="Projektet følges tæt af USB",
    )
    # A status of an overlapping period does not belong in this document.
    other = ReportingPeriodFactory(
        title="USB 2025-2026", starts=datetime.date(2025, 1, 1), ends=datetime.date(2026, 12, 31)
    )
    SubGoalStatusFactory(sub_goal=goal, period=other, status_text="Fra en anden periode.")
    return period


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_document_holds_the_front_page_the_three_columns_and_the_appendix(period):
    report = build_document_report(period)
    assert [s.name for s in report.sites] == ["Pavillonen"]
    assert (report.period.start, report.period.end) == (period.starts, period.ends)
    document = report.document
    assert document.summary_paragraphs() == [
        "Året har budt på meget.",
        "Varmestuen i Korsør er i drift.",
    ]
    goals = document.targets[0].goals
    assert [(g.number, g.title, g.aim) for g in goals] == [
        (1, "Boliger og boligstrategi", "Boligløsninger."),
        (2, "Ældre udsatte", "CSÆ."),
    ]
    assert goals[0].status_text == "Skæve boliger er opført."
    assert goals[0].recommendations == "Projektet følges tæt af USB"
    assert goals[1].status_text == ""

    text = _pdf_text(render(report, "pdf"))
    assert "Status på arbejdet med pejlemærkerne USB 2026" in text
    assert "Varmestuen i Korsør er i drift." in text
    assert "Pejlemærket, Udsathed og Hjemløshed" in text
    assert "Anbefalinger fra USB" in text
    assert "Skæve boliger er opført." in text
    assert "Fra en anden periode." not in text
    assert (
        text.index("Pejlemærket, Udsathed")
        < text.index("Bilag: statistik")
        < text.index("Besøg og ydelser")
    )


def test_the_spreadsheet_and_the_csv_carry_the_document(period):
    report = build_document_report(period)
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    assert "Pejlemærker" in book.sheetnames
    rows = [list(r) for r in book["Pejlemærker"].iter_rows(values_only=True)]
    assert [
        "Udsathed og Hjemløshed",
        1,
        "Boliger og boligstrategi",
        "Boligløsninger.",
        "Skæve boliger er opført.",
        None,
        "Projektet følges tæt af USB",
    ] in rows
    front = [list(r) for r in book["Rapport"].iter_rows(values_only=True)]
    assert ["Sammendrag", "Varmestuen i Korsør er i drift."] in [r[:2] for r in front]

    content = render(report, "csv")
    rows = list(csv.reader(io.StringIO(content[3:].decode("utf-8")), delimiter=";"))
    assert ["Rapporteringsperiode", "USB 2026"] in rows
    assert any(r[:3] == ["Udsathed og Hjemløshed", "1", "Boliger og boligstrategi"] for r in rows)
    # The statistics follow as before.
    assert ["Besøg og ydelser"] in rows


def test_a_manager_opens_and_downloads_the_document(manager_client, period):
    url = reverse("reports:usb")
    page = manager_client.get(url, {"document": period.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Status på arbejdet med pejlemærkerne USB 2026" in html
    assert "Året har budt på meget." in html
    response = manager_client.get(
        reverse("reports:usb_download", args=["pdf"]), {"document": period.pk}
    )
    assert response.status_code == 200
    assert "usb-status-2026-01-01-2026-06-30.pdf" in response["Content-Disposition"]


def test_an_unknown_document_is_a_clear_message(manager_client, period):
    response = manager_client.get(reverse("reports:usb"), {"document": "9999"})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode() or "form-error" in response.content.decode()


def test_the_command_exports_a_reporting_periods_document(period, tmp_path: Path):
    target = tmp_path / "status.pdf"
    call_command(
        "export_usb_report", "--document", "USB 2026", "--format", "pdf", "--output", str(target)
    )
    assert "Pejlemærket, Udsathed og Hjemløshed" in _pdf_text(target.read_bytes())


def test_the_command_refuses_an_unknown_document(period, tmp_path: Path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No reporting period"):
        call_command(
            "export_usb_report", "--document", "USB 1999", "--format", "csv",
            "--output", str(tmp_path / "x.csv"),
        )  # fmt: skip
    assert not (tmp_path / "x.csv").exists()
    assert ReportingPeriod.objects.count() == 2
