"""The timeline exports open as a PDF and a spreadsheet, with the plan's values."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from core.models import AuditEntry
from planning import services
from planning.quarters import Quarter
from tests.pdfs import assert_tagged
from tests.planning.factories import PlanFactory, TaskFactory, WorkstreamFactory


@pytest.fixture
def plan(db, coordinator_user):
    plan = PlanFactory(name="Tids- og handleplan 2021")
    ws = WorkstreamFactory(plan=plan, name="Korsør")
    TaskFactory(
        workstream=ws,
        title="Rekruttering af fagpersonale",
        start_quarter=Quarter(2021, 3),
        end_quarter=Quarter(2021, 4),
        quarters_inferred=True,
    )
    TaskFactory(
        workstream=ws,
        title="Opstart af permanent tilbud",
        start_quarter=Quarter(2022, 1),
        end_quarter=Quarter(2022, 1),
        milestone_date=datetime.date(2022, 1, 1),
    )
    services.freeze_baseline(plan=plan, actor=coordinator_user)
    return plan


def test_the_xlsx_opens_and_holds_the_tasks(staff_client, plan):
    response = staff_client.get(reverse("planning:export_xlsx"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Tids- og handleplan 2021"
    header = rows[3]
    assert header[:2] == ("Workstream", "Task")
    assert header[12:] == (
        "Q2 2021",
        "Q3 2021",
        "Q4 2021",
        "Q1 2022",
        "Q2 2022",
        "Q3 2022",
        "Q4 2022",
        "Q1 2023",
        "Q1 2024",
    )
    task = rows[4]
    assert task[:6] == (
        "Korsør",
        "Rekruttering af fagpersonale",
        "Not started",
        "Rusmiddelcenter Slagelse",
        "Q3 2021",
        "Q4 2021",
    )
    assert task[9] == 0  # no slip
    assert task[11] == "Yes"
    assert task[12:16] == (None, "■", "■", None)
    milestone = rows[5]
    assert milestone[6] == datetime.datetime(2022, 1, 1)
    assert milestone[15] == "◆"
    # The bars are filled cells, the header row and task names stay in view when scrolling.
    cells = list(sheet.iter_rows(min_row=5, max_row=5))[0]
    assert cells[13].fill.fgColor.rgb.endswith("0059B3") and cells[13].font.color.rgb.endswith(
        "FFFFFF"
    )
    assert cells[12].fill.fill_type is None
    assert sheet.freeze_panes == "C5"
    assert sheet["A1"].font.b and sheet["A4"].font.b


def test_the_pdf_opens_in_landscape_with_the_tasks(staff_client, plan):
    response = staff_client.get(reverse("planning:export_pdf"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    assert round(float(page.mediabox.width)) == 842  # A4: 297 mm
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Tids- og handleplan 2021" in text
    assert "Rekruttering af fagpersonale" in text
    assert "Q1 2024" in text


def test_the_pdf_is_tagged_with_the_plans_title_and_the_tasks_as_a_table(staff_client, plan):
    response = staff_client.get(reverse("planning:export_pdf"))
    counts = assert_tagged(
        response.content,
        title="Tids- og handleplan 2021",
        lang="da",
        elements={"/H1": 1, "/H2": 1, "/Table": 1, "/THead": 1, "/TH": 3, "/TD": 2},
    )
    assert counts["/TR"] >= 3  # the header and the two tasks


def test_no_task_row_splits_across_pages(staff_client, db):
    """Rows of different heights (a long title, a long responsible) fill several pages, as in
    the seed's plan; each row stays on one page."""
    plan = PlanFactory(name="Lang plan")
    ws = WorkstreamFactory(plan=plan, name="Skælskør")
    for n in range(40):
        TaskFactory(
            workstream=ws,
            title=f"T{n:02d}start Rekruttering af frivillige " + "i samarbejde " * (n % 3) + "med",
            responsible_name="Rusmiddelcenter Slagelse og Frivilligcenter Slagelse " * (n % 4)
            + f"T{n:02d}slut",
        )
    response = staff_client.get(reverse("planning:export_pdf"))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    assert len(pages) >= 3
    for n in range(40):
        starts = [i for i, text in enumerate(pages) if f"T{n:02d}start" in text]
        ends = [i for i, text in enumerate(pages) if f"T{n:02d}slut" in text]
        assert starts == ends and len(starts) == 1, f"task {n} on pages {starts} and {ends}"


def test_exports_follow_the_filters(staff_client, plan):
    response = staff_client.get(reverse("planning:export_xlsx"), {"status": "done"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 4  # title, date, blank, header: no task is done


def test_exports_are_recorded(staff_client, staff_user, plan):
    staff_client.get(reverse("planning:export_xlsx"))
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == staff_user and entry.object_repr == plan.name


def test_volunteers_cannot_export(volunteer_client, plan):
    assert volunteer_client.get(reverse("planning:export_xlsx")).status_code == 403
    assert volunteer_client.get(reverse("planning:export_pdf")).status_code == 403
