"""Issue 18: when a period is marked sent, the exact PDF, XLSX and CSV the committee receives
are frozen with their checksums; a later correction never changes them, and a new version is
issued with a note of what changed."""

import csv
import datetime
import hashlib
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from core.audit import history_for
from planning.models import ReportingPeriod
from reports.models import DocumentFile, DocumentVersion
from tests.dom import parse
from tests.planning.factories import (
    ReportingPeriodFactory,
    StrategicTargetFactory,
    SubGoalFactory,
    SubGoalStatusFactory,
)
from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits.models import CategoryGroup, CorrectionReason, DailyCount
from visits.services import correct_counts

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def period():
    site = SiteFactory(slug="korsoer", name="Varmestuen i Korsør", town="Korsør")
    visits = TallyCategoryFactory(
        code="visits", name_da="Besøg i alt", group=CategoryGroup.VISITORS, order=1
    )
    for day, count in ((6, 30), (13, 25), (20, 14)):
        DailyCountFactory(site=site, date=D(2025, 3, day), category=visits, count=count)
    period = ReportingPeriodFactory(
        title="USB marts 2025", starts=D(2025, 3, 1), ends=D(2025, 3, 31), summary="Et travlt år."
    )
    period.sites.add(site)
    goal = SubGoalFactory(target=StrategicTargetFactory(title="Udsathed"), number=1)
    SubGoalStatusFactory(sub_goal=goal, period=period, status_text="Varmestuen er åben.")
    return period


MEETING = D(2025, 4, 20)


def _send(client, period, meeting=MEETING):
    response = client.get(reverse("planning:period_send", args=[period.pk]))
    form = parse(response.content).one("main form")
    data = {field.get("name"): field.get("value") or "" for field in form.select("input")}
    data["meeting_date"] = meeting.isoformat()
    return client.post(reverse("planning:period_send", args=[period.pk]), data)


def _csv_visits(content: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    return [row for row in rows if row and row[0] == "Varmestuen i Korsør"]


def test_marking_sent_freezes_the_pdf_xlsx_and_csv_with_checksums_and_who(
    manager_client, manager_user, period
):
    assert _send(manager_client, period).status_code == 302
    version = DocumentVersion.objects.get(period=period)
    assert (version.number, version.issued_by, version.note) == (1, manager_user, "")
    files = {f.format: f for f in version.files.all()}
    assert set(files) == {"pdf", "xlsx", "csv"}
    for frozen in files.values():
        content = bytes(frozen.content)
        assert frozen.size == len(content)
        assert frozen.sha256 == hashlib.sha256(content).hexdigest()
    # Real files: the PDF is the status document, sent; the spreadsheet opens.
    pdf = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(bytes(files["pdf"].content))).pages
    )
    assert "USB marts 2025" in pdf and "Sendt til USB" in pdf
    assert load_workbook(io.BytesIO(bytes(files["xlsx"].content))).sheetnames
    assert files["csv"].file_name == "usb-status-2025-03-01-2025-03-31-v1.csv"
    period.refresh_from_db()
    assert period.state == ReportingPeriod.State.SENT
    assert version.issued_at == period.sent_at
    assert files["pdf"].sha256 in history_for(version).get().note


def test_a_later_correction_never_changes_what_the_committee_received(
    manager_client, manager_user, period
):
    _send(manager_client, period)
    frozen = {f.format: (bytes(f.content), f.sha256) for f in DocumentFile.objects.all()}
    before = _csv_visits(frozen["csv"][0])
    visits = DailyCount.objects.get(date=D(2025, 3, 6)).category
    site = period.sites.get()
    correct_counts(
        site=site,
        day=D(2025, 3, 6),
        expected={visits: 30},
        wanted={visits: 3},
        reason=CorrectionReason.MISCOUNT,
        user=manager_user,
    )
    # The live document has the correction...
    live = manager_client.get(
        reverse("reports:usb_download", args=["csv"]), {"document": period.pk}
    ).content
    assert _csv_visits(live) != before
    # ...the frozen files are byte for byte what was sent, and still download as such.
    for file in DocumentFile.objects.all():
        response = manager_client.get(reverse("reports:frozen_file", args=[file.pk]))
        assert response.status_code == 200
        assert response.content == frozen[file.format][0]
        assert hashlib.sha256(response.content).hexdigest() == frozen[file.format][1]
        assert response["Content-Disposition"] == f'attachment; filename="{file.file_name}"'
    assert _csv_visits(frozen["csv"][0]) == before


def test_a_new_version_carries_the_correction_and_a_note_and_keeps_the_first(
    manager_client, manager_user, period
):
    _send(manager_client, period)
    first = {f.format: bytes(f.content) for f in DocumentFile.objects.all()}
    count = DailyCount.objects.get(date=D(2025, 3, 13))
    correct_counts(
        site=count.site,
        day=count.date,
        expected={count.category: 25},
        wanted={count.category: 26},
        reason=CorrectionReason.MISCOUNT,
        user=manager_user,
    )
    url = reverse("reports:document_versions", args=[period.pk])
    response = manager_client.post(url, {"note": "Rettet optælling 13. marts."})
    assert response.status_code == 302
    versions = list(DocumentVersion.objects.for_period(period.pk))
    assert [(v.number, v.note) for v in versions] == [(1, ""), (2, "Rettet optælling 13. marts.")]
    second = {f.format: bytes(f.content) for f in versions[1].files.all()}
    assert _csv_visits(second["csv"]) != _csv_visits(first["csv"])
    assert {f.format: bytes(f.content) for f in versions[0].files.all()} == first
    # The version list, on its page and on the period's page, links every frozen file.
    for page in (url, reverse("planning:targets") + f"?period={period.pk}"):
        dom = parse(manager_client.get(page).content)
        rows = dom.select("table.vs-versions tbody tr")
        assert [r.one("th").text for r in rows] == ["1", "2"]
        assert "Rettet optælling 13. marts." in rows[1].text
        links = {a.get("href") for a in dom.select("table.vs-versions a")}
        assert links == {
            reverse("reports:frozen_file", args=[f.pk]) for f in DocumentFile.objects.all()
        }


def test_a_new_version_needs_a_note_and_a_sent_period(manager_client, period):
    url = reverse("reports:document_versions", args=[period.pk])
    response = manager_client.post(url, {"note": "Noget."}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Mark the period sent to USB before issuing a new version." in response.content.decode()
    _send(manager_client, period)
    response = manager_client.post(url, {"note": "  "})
    assert response.status_code == 400
    assert DocumentVersion.objects.filter(period=period).count() == 1


def test_a_period_whose_document_cannot_be_published_is_not_sent(manager_client):
    today = datetime.date.today()
    period = ReportingPeriodFactory(starts=today, ends=today)
    response = _send(manager_client, period, meeting=today)
    assert response.status_code == 200
    period.refresh_from_db()
    assert period.is_draft
    assert not DocumentVersion.objects.exists()


def test_a_coordinator_may_send_but_not_see_or_issue_versions(coordinator_client, period):
    assert _send(coordinator_client, period).status_code == 302
    file = DocumentFile.objects.first()
    url = reverse("reports:document_versions", args=[period.pk])
    assert coordinator_client.get(url).status_code == 403
    assert coordinator_client.post(url, {"note": "x"}).status_code == 403
    assert coordinator_client.get(reverse("reports:frozen_file", args=[file.pk])).status_code == 403
    page = parse(coordinator_client.get(reverse("planning:targets")).content)
    assert not page.select("table.vs-versions")
    assert DocumentVersion.objects.count() == 1
