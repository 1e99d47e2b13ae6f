"""The roster for the notice board (issue 20): a print view and an A4 PDF of a week or a
month; first names only, full names when a coordinator chooses them."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.dom import parse
from tests.pdfs import assert_tagged
from tests.sites.factories import SiteFactory
from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2027, 3, 1)  # a fixed week, independent of the clock: week 9


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def week():
    host = VolunteerRoleFactory(name="Vært")
    korsor, bus = SiteFactory(name="Korsør"), SiteFactory(name="Bussen")
    tuesday = MONDAY + datetime.timedelta(days=1)
    staffed = ShiftFactory(
        site=korsor, starts=_at(tuesday, 17), ends=_at(tuesday, 21), needs={host: 2}
    )
    ShiftAssignmentFactory(
        shift=staffed, role=host, volunteer=VolunteerFactory(first_name="Rita", last_name="Juhl")
    )
    ShiftFactory(site=bus, starts=_at(tuesday, 9), ends=_at(tuesday, 12), needs={host: 1})
    cancelled = ShiftFactory(
        site=bus, starts=_at(MONDAY, 9), ends=_at(MONDAY, 12), needs={host: 1},
        cancelled_at=_at(MONDAY, 0), cancel_reason="Storm",
    )  # fmt: skip
    ShiftAssignmentFactory(
        shift=cancelled, role=host, volunteer=VolunteerFactory(first_name="Ole", last_name="Berg")
    )
    ShiftFactory(site=korsor, starts=_at(MONDAY + datetime.timedelta(days=8), 9))  # next week
    return korsor, bus


def _url(name: str, **query) -> str:
    params = {"view": "week", "date": MONDAY.isoformat(), **query}
    return reverse(f"volunteers:{name}") + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def test_the_print_view_shows_first_names_gaps_and_sites(manager_client, week):
    page = parse(manager_client.get(_url("roster_print")).text)
    sheet = page.one(".roster-sheet")
    assert sheet.one("h1").text == "Vagtplan, uge 9"
    assert [h.text for h in sheet.select("h2")] == ["Mandag 1. marts", "Tirsdag 2. marts"]
    rows = [
        [cell.text for cell in row.children if not isinstance(cell, str)]
        for row in sheet.select("tbody tr")
    ]
    assert rows[0] == ["09:00–12:00", "Bussen", "Aflyst"]  # not Ole: the shift is off
    assert rows[1] == ["09:00–12:00", "Bussen", "Vært: – 1 × Vært mangler"]
    assert rows[2][:2] == ["17:00–21:00", "Korsør"]
    assert rows[2][2] == "Vært: Rita 1 × Vært mangler"
    assert "Juhl" not in sheet.text
    # A manager cannot ask for full names.
    full = parse(manager_client.get(_url("roster_print", names="full")).text)
    assert "Juhl" not in full.one(".roster-sheet").text


def test_a_coordinator_chooses_full_names_for_one_site(coordinator_client, week):
    korsor, _bus = week
    page = parse(coordinator_client.get(_url("roster_print", site=korsor.pk, names="full")).text)
    sheet = page.one(".roster-sheet")
    assert "Rita Juhl" in sheet.text and "Bussen" not in sheet.text
    assert [c.text for c in sheet.select("thead th")] == ["Tid", "Frivillige"]  # no site column
    assert "fulde navn" in sheet.one(".roster-sheet-foot").text
    pdf_link = page.one("a.button-primary").attrs["href"]
    assert "names=full" in pdf_link


def test_the_pdf_is_a_tagged_a4_roster_with_first_names(coordinator_client, week):
    response = coordinator_client.get(_url("roster_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="vagtplan-2027-uge-09.pdf"'
    assert_tagged(
        response.content,
        title="Vagtplan, uge 9",
        lang="da",
        elements={"/H1": 1, "/H2": 2, "/Table": 2, "/TH": 4},
    )
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Rita" in text and "Juhl" not in text and "Korsør" in text


def test_a_month_pdf_for_the_notice_board(staff_client, week):
    response = staff_client.get(_url("roster_pdf", view="month"))
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "Vagtplan, marts 2027"
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Tirsdag 9. marts" in text  # the next week's shift is in the month
    assert response["Content-Disposition"] == 'inline; filename="vagtplan-2027-03.pdf"'


def test_volunteers_may_not_print_the_roster(volunteer_client, week):
    assert volunteer_client.get(_url("roster_print")).status_code == 403
    assert volunteer_client.get(_url("roster_pdf")).status_code == 403


def test_the_roster_links_to_the_print_view_with_its_filters(coordinator_client, week):
    korsor, _bus = week
    page = parse(coordinator_client.get(_url("roster", site=korsor.pk)).text)
    links = [a.attrs["href"] for a in page.select("nav.vs-actions a")]
    printed = next(link for link in links if link.startswith("/volunteers/roster/print/"))
    assert f"site={korsor.pk}" in printed and f"date={MONDAY.isoformat()}" in printed
