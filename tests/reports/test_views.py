"""The report page, its downloads, the export log and who may use them."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from reports.models import ReportExport
from tests.dom import parse
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db

USB = reverse("reports:usb")


def download(fmt: str) -> str:
    return reverse("reports:usb_download", kwargs={"format": fmt})


@pytest.mark.parametrize(
    "client_fixture", ["staff_client", "coordinator_client", "volunteer_client"]
)
@pytest.mark.parametrize("url", [USB, download("pdf"), reverse("reports:exports")])
def test_it_forbids_roles_without_export_reports(request, client_fixture, url):
    response = request.getfixturevalue(client_fixture).get(url, {"period": "year:2025"})
    assert response.status_code == 403
    assert not ReportExport.objects.exists()


def test_it_sends_anonymous_users_to_login(client):
    response = client.get(USB)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_shows_last_month_by_default(manager_client):
    response = manager_client.get(USB)
    assert response.status_code == 200
    assert response.context["report"].period.days >= 28
    assert "Rapporter til USB" in response.text
    # The downloads submit the form itself, so they export what it shows (issue 19 item 3).
    form = parse(response.content).one("main form.vs-report-form")
    buttons = form.select("[role=group] button[type=submit]")
    assert [b.get("formaction") for b in buttons] == [
        f"/reports/usb/{fmt}/" for fmt in ("pdf", "xlsx", "csv")
    ]
    assert [b.text for b in buttons] == ["Hent PDF", "Hent Excel (XLSX)", "Hent CSV"]
    assert form.get("method") == "get"


def test_superusers_may_export(superuser_client):
    assert superuser_client.get(USB, {"period": "year:2025"}).status_code == 200


def test_the_page_explains_bad_input(manager_client):
    response = manager_client.get(
        USB, {"period": "custom", "start": "2025-02-01", "end": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "Rapportperioden kan ikke slutte, før den begynder." in response.text
    assert response.context["report"] is None


def test_a_custom_period_needs_both_dates(manager_client):
    response = manager_client.get(USB, {"period": "custom", "start": "2025-02-01"})
    assert response.status_code == 400


def test_a_download_with_bad_input_writes_no_log(manager_client):
    response = manager_client.get(download("csv"), {"period": "month:2025-13"})
    assert response.status_code == 400
    assert not ReportExport.objects.exists()


def test_an_unknown_format_is_not_found(manager_client):
    assert manager_client.get(download("docx"), {"period": "year:2025"}).status_code == 404


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("pdf", "application/pdf"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("csv", "text/csv; charset=utf-8"),
    ],
)
def test_a_download_is_a_named_file_and_is_logged(manager_client, manager_user, fmt, content_type):
    SiteFactory(slug="pavillonen", name="Pavillonen")
    response = manager_client.get(download(fmt), {"period": "year:2025", "sites": "pavillonen"})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="usb-rapport-2025-01-01-2025-12-31.{fmt}"'
    )
    export = ReportExport.objects.get()
    assert (export.actor, export.format, export.via) == (manager_user, fmt, "web")
    assert (export.period_start.isoformat(), export.period_end.isoformat()) == (
        "2025-01-01",
        "2025-12-31",
    )
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == manager_user
    assert entry.note == "2025-01-01..2025-12-31; sites: pavillonen"


def test_the_csv_download_parses(manager_client):
    SiteFactory(slug="pavillonen", name="Pavillonen")
    content = manager_client.get(download("csv"), {"period": "year:2025"}).content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "USB-rapport"
    assert rows[1] == ["Steder", "Pavillonen"]


def test_the_export_log_lists_exports(manager_client, manager_user):
    SiteFactory(slug="pavillonen", name="Pavillonen")
    manager_client.get(download("csv"), {"period": "year:2025"})
    response = manager_client.get(reverse("reports:exports"))
    assert response.status_code == 200
    assert "Pavillonen" in response.text
    assert "CSV" in response.text


def test_managers_see_the_menu_item_and_dashboard_panel(manager_client):
    response = manager_client.get(reverse("core:dashboard"))
    assert 'href="/reports/usb/"' in response.text
    assert "/reports/usb/?period=quarter%3A" in response.text
    assert "/reports/usb/?period=month%3A" in response.text


def test_staff_see_neither(staff_client):
    response = staff_client.get(reverse("core:dashboard"))
    assert "/reports/usb/" not in response.text


def test_a_custom_day_range_is_widened_to_whole_months_with_a_note(manager_client):
    query = {"period": "custom", "start": "2025-11-01", "end": "2025-11-03"}
    response = manager_client.get(USB, query)
    assert response.status_code == 200
    period = response.context["report"].period
    assert (period.start.isoformat(), period.end.isoformat()) == ("2025-11-01", "2025-11-30")
    assert "hele måneder" in period.note and period.note in response.text
    # The file for the same request covers the same whole month and says so.
    content = manager_client.get(download("csv"), query).content.decode("utf-8-sig")
    assert period.note in content
    two = manager_client.get(USB, {**query, "end": "2025-11-02"}).context["report"].period
    assert two == period  # 1-2 and 1-3 November give the same report: no day to subtract


def test_a_period_not_yet_ended_is_refused_with_a_message(manager_client):
    today = timezone.localdate()
    month = f"month:{today.year}-{today.month}"
    response = manager_client.get(USB, {"period": month})
    assert response.status_code == 400
    assert response.context["report"] is None
    assert "hele måneder" in response.text
    assert manager_client.get(download("csv"), {"period": month}).status_code == 400
    assert not ReportExport.objects.exists()
