"""No export runs a text as a formula: every CSV and XLSX download, read back with csv and
openpyxl, with names and titles starting with = + - @, tab and carriage return.

Each app writes its files through core.spreadsheets; the last test keeps it that way.
"""

import ast
import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.spreadsheets import FORMULA_STARTS
from planning.quarters import Quarter
from tests.planning.factories import PlanFactory, TaskFactory, WorkstreamFactory
from tests.sites.factories import SiteFactory
from tests.trust.axe_pages import FILE, NOT_PAGES
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from tests.volunteers.factories import ShiftAssignmentFactory, ShiftFactory, VolunteerFactory, at
from visits.models import CategoryGroup

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A number in a Danish CSV: a negative one starts with "-" and must stay a number.
CSV_NUMBER = re.compile(r"-?\d+(,\d+)?")


def dangerous(what: str) -> list[str]:
    """A text for each start a spreadsheet reads as a formula (or that OWASP warns of)."""
    return [
        f'=HYPERLINK("http://example.invalid/?{what}","{what}")',
        f"+45 {what}",
        f"-{what}",
        f"@SUM({what})",
        f"\t{what}",
        f"\r{what}",
    ]


def xlsx_texts(content: bytes) -> list[str]:
    """Every text cell of every sheet; fails on a formula, or a formula-like text without
    Excel's quote prefix."""
    book = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if cell.data_type == "s":
                    if cell.value.startswith(FORMULA_STARTS):
                        assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    texts.append(cell.value)
                elif cell.value is not None:
                    assert isinstance(cell.value, int | float | datetime.datetime), cell.value
    return texts


def csv_cells(content: bytes) -> list[str]:
    """Every cell; fails on a cell that starts like a formula and is not a (negative) number."""
    assert content.startswith("\ufeff".encode())
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";")
    cells = [cell for row in reader for cell in row]
    for cell in cells:
        if cell.startswith(FORMULA_STARTS):
            assert CSV_NUMBER.fullmatch(cell), cell
    return cells


def assert_in_xlsx(content: bytes, expected: list[str]) -> None:
    texts = xlsx_texts(content)
    for text in expected:
        shown = text.replace("\r", "\n")  # a line break in a cell is a line feed
        assert any(shown in t for t in texts), (shown, texts)


def assert_in_csv(content: bytes, expected: list[str]) -> None:
    cells = csv_cells(content)
    for text in expected:
        assert "'" + text in cells, (text, cells)


@pytest.fixture
def sites():
    visits = TallyCategoryFactory(code="visits", group=CategoryGroup.VISITORS, order=1)
    shower = TallyCategoryFactory(
        code="shower", name_da="-Bad", name_en="-Shower", group=CategoryGroup.HYGIENE, order=2
    )
    found = []
    for n, name in enumerate(dangerous("sted")):
        site = SiteFactory(slug=f"sted-{n}", name=name)
        for day, count in ((6, 30), (13, 8 + n), (20, 2)):
            DailyCountFactory(
                site=site, date=datetime.date(2025, 1, day), category=visits, count=count
            )
        # Fewer visits than a year earlier: the change in percent is a negative number.
        DailyCountFactory(site=site, date=datetime.date(2024, 1, 8), category=visits, count=90)
        DailyCountFactory(site=site, date=datetime.date(2025, 1, 6), category=shower, count=7)
        found.append(site)
    return found


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_usb_report(manager_client, sites, fmt):
    response = manager_client.get(
        reverse("reports:usb_download", kwargs={"format": fmt}),
        {"period": "month:2025-01", "sites": [s.slug for s in sites]},
    )
    assert response.status_code == 200
    names = [s.name for s in sites]
    if fmt == "csv":
        assert_in_csv(response.content, [*names, "-Bad"])
        assert any(
            CSV_NUMBER.fullmatch(c) and c.startswith("-") for c in csv_cells(response.content)
        )
    else:
        assert response["Content-Type"] == XLSX
        assert_in_xlsx(response.content, [*names, "-Bad"])
        book = load_workbook(io.BytesIO(response.content))
        numbers = [c for s in book for r in s.iter_rows(values_only=True) for c in r]
        assert any(isinstance(c, float) and c < 0 for c in numbers)  # a negative change %


@pytest.fixture
def volunteers(sites):
    # A volunteer's name is stripped of surrounding white space (the site names keep the tab
    # and the carriage return in these files).
    names = [name for name in dangerous("frivillig") if not name[0].isspace()]
    people = [VolunteerFactory(first_name=name, last_name="") for name in names]
    for n, site in enumerate(sites):  # one shift of 3¼ hours at every site
        shift = ShiftFactory(site=site, starts=at(-3, 9), ends=at(-3, 12, 15))
        ShiftAssignmentFactory(volunteer=people[n % len(people)], shift=shift)
    return names


def _hours_query() -> dict:
    today = timezone.localdate()
    return {"start": today - datetime.timedelta(days=10), "end": today}


def test_the_volunteer_hours_csv(coordinator_client, volunteers, sites):
    response = coordinator_client.get(reverse("volunteers:export_csv"), _hours_query())
    assert response.status_code == 200
    assert_in_csv(response.content, [*volunteers, *[s.name for s in sites]])
    assert "3,25" in csv_cells(response.content)  # hours stay a number


def test_the_volunteer_hours_xlsx(coordinator_client, volunteers, sites):
    response = coordinator_client.get(reverse("volunteers:export_xlsx"), _hours_query())
    assert response.status_code == 200
    assert_in_xlsx(response.content, [*volunteers, *[s.name for s in sites]])
    book = load_workbook(io.BytesIO(response.content))
    hours = [r[3] for r in book.worksheets[0].iter_rows(min_row=3, values_only=True)]
    assert hours == [3.25] * len(sites)


def test_the_action_plan_xlsx(staff_client):
    plan = PlanFactory(name='=HYPERLINK("http://example.invalid","plan")')
    titles = dangerous("opgave")
    workstream = WorkstreamFactory(plan=plan, name="@Korsør")
    for title in titles:
        TaskFactory(
            workstream=workstream,
            title=title,
            start_quarter=Quarter(2021, 3),
            end_quarter=Quarter(2021, 4),
        )
    response = staff_client.get(reverse("planning:export_xlsx"))
    assert response.status_code == 200
    assert_in_xlsx(response.content, [plan.name, "@Korsør", *titles])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_usb_report_command(sites, fmt, tmp_path):
    output = tmp_path / f"usb.{fmt}"
    call_command(
        "export_usb_report",
        "--from=2025-01-01",
        "--to=2025-01-31",
        f"--format={fmt}",
        f"--output={output}",
        *[f"--site={s.slug}" for s in sites],
        stdout=io.StringIO(),
    )
    names = [s.name for s in sites]
    if fmt == "csv":
        assert_in_csv(output.read_bytes(), [*names, "-Bad"])
    else:
        assert_in_xlsx(output.read_bytes(), [*names, "-Bad"])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_visit_figures(staff_client, sites, fmt):
    query = {"period": "week", "start": "2025-01-01", "end": "2025-01-31"}
    response = staff_client.get(reverse(f"visits:figures_{fmt}"), query)
    assert response.status_code == 200
    names = [s.name for s in sites]
    if fmt == "csv":
        assert_in_csv(response.content, ["-Bad"])
    else:
        assert_in_xlsx(response.content, [*names, "-Bad"])


@pytest.fixture
def status_document(sites):
    """A reporting period whose texts, written by those who draft it, start like formulas."""
    from tests.planning.factories import (
        ReportingPeriodFactory,
        StrategicTargetFactory,
        SubGoalFactory,
        SubGoalStatusFactory,
    )

    texts = [t for t in dangerous("status") if not t[0].isspace()]  # the forms strip these
    period = ReportingPeriodFactory(
        title="@USB januar 2025",
        starts=datetime.date(2025, 1, 1),
        ends=datetime.date(2025, 1, 31),
        summary=texts[0],
    )
    period.sites.add(*sites)
    target = StrategicTargetFactory(title=texts[1])
    for number, text in enumerate(texts[2:], start=1):
        goal = SubGoalFactory(target=target, number=number, title=text)
        SubGoalStatusFactory(sub_goal=goal, period=period, status_text=text)
    return period, ["@USB januar 2025", *texts]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_status_document(manager_client, status_document, fmt):
    period, texts = status_document
    url = reverse("reports:usb_download", kwargs={"format": fmt})
    response = manager_client.get(url, {"document": period.pk})
    assert response.status_code == 200
    if fmt == "csv":
        assert_in_csv(response.content, texts)
    else:
        assert_in_xlsx(response.content, texts)


def test_the_frozen_files_of_a_sent_document(manager_client, status_document):
    from reports.models import DocumentFile
    from tests.dom import parse

    period, texts = status_document
    send = reverse("planning:period_send", args=[period.pk])
    form = parse(manager_client.get(send).content).one("main form")
    data = {field.get("name"): field.get("value") or "" for field in form.select("input")}
    data["meeting_date"] = "2025-02-20"
    assert manager_client.post(send, data).status_code == 302
    files = {f.format: f for f in DocumentFile.objects.all()}
    for fmt, check in (("csv", assert_in_csv), ("xlsx", assert_in_xlsx)):
        response = manager_client.get(reverse("reports:frozen_file", args=[files[fmt].pk]))
        assert response.status_code == 200
        check(b"".join(response), texts)


# The downloads above; a new CSV or XLSX download (see tests/trust/axe_pages.py) is added here.
TESTED_DOWNLOADS = {
    "reports:usb_download",
    "reports:frozen_file",
    "volunteers:export_csv",
    "volunteers:export_xlsx",
    "planning:export_xlsx",
    "visits:figures_csv",
    "visits:figures_xlsx",
}


def test_every_spreadsheet_download_is_tested_here():
    spreadsheets = {
        name
        for name, (kind, what) in NOT_PAGES.items()
        if kind == FILE and re.search(r"\b(CSV|XLSX)\b", what)
    }
    assert spreadsheets == TESTED_DOWNLOADS


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_only_core_spreadsheets_writes_csv_and_xlsx():
    """One writer, one escaping rule: no app module imports csv, xlsxwriter or openpyxl."""
    root = Path(settings.BASE_DIR)
    writers = {"csv", "xlsxwriter", "openpyxl"}
    found = {
        str(path.relative_to(root)): sorted(_imports(path) & writers)
        for path in root.glob("*/**/*.py")
        if path.parts[len(root.parts)] not in {"tests", "bench", ".venv", "node_modules"}
        and "migrations" not in path.parts
    }
    offenders = {path: names for path, names in found.items() if names}
    assert offenders == {"core/spreadsheets.py": ["csv", "xlsxwriter"]}
