"""Volunteer hours as CSV and XLSX: period, site, formula escaping, numbers, the access log."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from tests.sites.factories import SiteFactory
from tests.volunteers.factories import ShiftAssignmentFactory, ShiftFactory, VolunteerFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked():
    site = SiteFactory(name="Pavillonen")
    other = SiteFactory(name="Skælskør")
    evil = VolunteerFactory(first_name="=HYPERLINK(1)", last_name="")
    plain = VolunteerFactory(first_name="Åse", last_name="Ørsted")
    ShiftAssignmentFactory(
        volunteer=evil, shift=ShiftFactory(site=site, starts=at(-3, 9), ends=at(-3, 12, 30))
    )
    ShiftAssignmentFactory(
        volunteer=plain, shift=ShiftFactory(site=site, starts=at(-2, 9), ends=at(-2, 13))
    )
    ShiftAssignmentFactory(
        volunteer=plain, shift=ShiftFactory(site=other, starts=at(-2, 15), ends=at(-2, 17))
    )
    ShiftAssignmentFactory(
        volunteer=plain, shift=ShiftFactory(site=site, starts=at(5, 9))
    )  # future
    return site, other, evil, plain


def _query(site=None):
    today = timezone.localdate()
    start = today - timezone.timedelta(days=10)
    query = f"?start={start}&end={today}"
    return query + (f"&site={site.pk}" if site else "")


def test_csv_is_semicolon_separated_with_bom_and_escaped(coordinator_client, worked):
    response = coordinator_client.get(
        reverse("volunteers:export_csv") + _query(), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Volunteer", "Site", "Shifts", "Hours", "Hours outside shifts"]
    body = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert body[("'=HYPERLINK(1)", "Pavillonen")] == ["1", "3,50", "0,00"]
    assert body[("Åse Ørsted", "Pavillonen")] == ["1", "4,00", "0,00"]
    assert body[("Åse Ørsted", "Skælskør")] == ["1", "2,00", "0,00"]
    assert len(rows) == 4  # the future shift is not counted


def test_csv_for_one_site(coordinator_client, worked):
    site, other, _evil, _plain = worked
    response = coordinator_client.get(reverse("volunteers:export_csv") + _query(other))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[1] for r in rows[1:]] == ["Skælskør"]


def test_xlsx_has_numbers_as_numbers(manager_client, worked):
    response = manager_client.get(reverse("volunteers:export_xlsx") + _query())
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    by_name = {(r[0], r[1]): r for r in rows}
    assert by_name[("Åse Ørsted", "Pavillonen")][2:] == (1, 4, 0)
    assert isinstance(by_name[("Åse Ørsted", "Pavillonen")][3], int | float)
    # A text cell shown as written, never a formula (tests/trust/test_export_formulas.py).
    assert ("=HYPERLINK(1)", "Pavillonen") in by_name
    monthly = list(book.worksheets[1].iter_rows(min_row=2))
    assert sum(r[3].value for r in monthly) == pytest.approx(9.5)
    assert all(r[3].number_format == "0.00" for r in monthly)
    # Months are dates with Danish month names, so they sort and chart.
    assert all(r[1].is_date and r[1].value.day == 1 for r in monthly)
    assert {r[1].number_format for r in monthly} == {"[$-406]mmmm yyyy"}


def test_exports_are_logged_for_each_volunteer(coordinator_client, coordinator_user, worked):
    _site, _other, evil, plain = worked
    coordinator_client.get(reverse("volunteers:export_csv") + _query())
    logged = AuditEntry.objects.filter(action="export", actor=coordinator_user)
    assert sorted(e.object_id for e in logged) == sorted([str(evil.pk), str(plain.pk)])


def test_a_bad_period_gives_a_message_not_a_file(coordinator_client):
    response = coordinator_client.get(
        reverse("volunteers:export_csv") + "?start=2026-02-01&end=2026-01-01",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "cannot end before it starts" in response.text
    response = coordinator_client.get(reverse("volunteers:export_csv") + "?start=nonsense&end=")
    assert response.status_code == 400


def test_staff_and_volunteers_cannot_export(staff_client, volunteer_client):
    for client in (staff_client, volunteer_client):
        response = client.get(reverse("volunteers:export_csv") + "?start=2026-01-01&end=2026-01-31")
        assert response.status_code == 403
