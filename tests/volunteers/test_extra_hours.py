"""Hours outside shifts (issue 20): recorded by the volunteer, approved or declined by a
coordinator, counted apart from rostered hours in the exports and the USB report."""

import csv
import datetime
import io
import uuid
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from reports.builder import build_report
from reports.periods import Period
from tests.dom import parse
from tests.sites.factories import SiteFactory
from tests.volunteers.factories import ShiftAssignmentFactory, ShiftFactory, VolunteerFactory, at
from volunteers import services
from volunteers.models import ExtraHours

pytestmark = pytest.mark.django_db
MY_SHIFTS = "/volunteers/my-shifts/"


@pytest.fixture
def me(volunteer_user):
    return VolunteerFactory(user=volunteer_user, first_name="Charlie", last_name="Hansen")


def _day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def _record(client, **data):
    form = {
        "worked_on": _day(2).isoformat(),
        "kind": "escort",
        "hours": "2.5",
        "site": "",
        "description": "Møde på jobcentret",
        "key": str(uuid.uuid4()),
        **data,
    }
    return client.post(reverse("volunteers:hours_record"), form, follow=True)


def test_a_volunteer_records_hours_on_mine_vagter_and_sees_them_wait(volunteer_client, me):
    page = parse(volunteer_client.get(MY_SHIFTS).text)
    assert page.one("form[action='/volunteers/my-shifts/hours/'] input[name=key]")
    key = str(uuid.uuid4())
    response = _record(volunteer_client, key=key)
    assert "en koordinator godkender timerne" in response.text
    _record(volunteer_client, key=key)  # the same form twice: recorded once
    entry = ExtraHours.objects.get()
    assert (entry.volunteer, entry.hours, entry.state) == (me, Decimal("2.5"), "pending")
    item = parse(response.text).one("#my-hours li")
    assert "Ledsagelse som bisidder" in item.text and "2,50 t." in item.text
    assert "Venter på godkendelse" in item.text


@pytest.mark.parametrize(
    "data, error",
    [
        ({"hours": "0"}, "mellem 0,25 og 24 timer"),
        ({"hours": "25"}, "mellem 0,25 og 24 timer"),
        ({"hours": "to"}, "Indtast et tal"),
        (
            {"worked_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "ikke før",
        ),
        ({"worked_on": "2020-01-01"}, "registreres af en koordinator"),
        ({"kind": "holiday"}, "Marker en gyldig valgmulighed"),
    ],
)
def test_bad_hours_are_explained_and_nothing_is_saved(volunteer_client, me, data, error):
    response = _record(volunteer_client, **data)
    assert response.status_code == 200
    assert error in response.text
    assert not ExtraHours.objects.exists()


def test_a_coordinator_approves_or_declines_with_a_note(coordinator_client, volunteer_client, me):
    meeting = services.record_extra_hours(
        volunteer=me, worked_on=_day(3), kind="meeting", hours=Decimal("1.5")
    )
    escort = services.record_extra_hours(
        volunteer=me, worked_on=_day(2), kind="escort", hours=Decimal(3)
    )
    page = parse(coordinator_client.get(reverse("volunteers:hours_list")).text)
    assert len(page.select("main form[method=post]")) == 2
    url = reverse("volunteers:hours_decide", args=[meeting.pk])
    coordinator_client.post(url, {"decision": "approve"})
    coordinator_client.post(
        reverse("volunteers:hours_decide", args=[escort.pk]),
        {"decision": "decline", "note": "Var det ikke en vagt?"},
    )
    meeting.refresh_from_db()
    escort.refresh_from_db()
    assert meeting.state == "approved" and escort.state == "declined"
    assert escort.note == "Var det ikke en vagt?"
    # Answered once: a second answer is refused and changes nothing.
    response = coordinator_client.post(url, {"decision": "decline"}, follow=True)
    assert "allerede godkendt eller afvist" in response.text
    meeting.refresh_from_db()
    assert meeting.state == "approved"
    mine = volunteer_client.get(MY_SHIFTS).text
    assert "Var det ikke en vagt?" in mine and "Godkendt" in mine
    # A decided record can no longer be withdrawn by the volunteer.
    volunteer_client.post(reverse("volunteers:hours_withdraw", args=[meeting.pk]))
    assert ExtraHours.objects.filter(pk=meeting.pk).exists()


def test_a_volunteer_withdraws_pending_hours_of_their_own_only(volunteer_client, me):
    mine = services.record_extra_hours(volunteer=me, worked_on=_day(1), kind="other", hours=1)
    other = services.record_extra_hours(
        volunteer=VolunteerFactory(), worked_on=_day(1), kind="other", hours=1
    )
    response = volunteer_client.post(reverse("volunteers:hours_withdraw", args=[other.pk]))
    assert response.status_code == 404
    volunteer_client.post(reverse("volunteers:hours_withdraw", args=[mine.pk]))
    assert list(ExtraHours.objects.all()) == [other]


@pytest.mark.parametrize("who", ["staff_client", "manager_client", "volunteer_client"])
def test_only_coordinators_approve(request, who, me):
    entry = services.record_extra_hours(volunteer=me, worked_on=_day(1), kind="other", hours=1)
    client = request.getfixturevalue(who)
    assert client.get(reverse("volunteers:hours_list")).status_code == 403
    response = client.post(
        reverse("volunteers:hours_decide", args=[entry.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.state == "pending"


@pytest.fixture
def worked(me):
    site = SiteFactory(name="Pavillonen")
    other = SiteFactory(name="Bussen")
    ShiftAssignmentFactory(
        volunteer=me, shift=ShiftFactory(site=site, starts=at(-4, 9), ends=at(-4, 13))
    )
    approved = [
        services.record_extra_hours(
            volunteer=me, worked_on=_day(3), kind="training", hours=Decimal(3)
        ),
        services.record_extra_hours(
            volunteer=me, worked_on=_day(2), kind="escort", hours=Decimal("1.5"), site=site
        ),
        services.record_extra_hours(
            volunteer=me, worked_on=_day(2), kind="meeting", hours=Decimal(2), site=other
        ),
    ]
    for entry in approved:
        services.decide_extra_hours(entry=entry, approve=True, actor=None)
    services.record_extra_hours(volunteer=me, worked_on=_day(1), kind="meeting", hours=5)
    declined = services.record_extra_hours(volunteer=me, worked_on=_day(1), kind="other", hours=7)
    services.decide_extra_hours(entry=declined, approve=False, actor=None)
    return site, other


def _query(site=None) -> str:
    query = f"?start={_day(10)}&end={timezone.localdate()}"
    return query + (f"&site={site.pk}" if site else "")


def test_approved_hours_appear_in_the_csv_apart_from_shift_hours(coordinator_client, worked):
    site, _other = worked
    response = coordinator_client.get(reverse("volunteers:export_csv") + _query())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][4] == "Timer uden for vagter"
    body = {r[1]: r[2:] for r in rows[1:]}
    assert body == {
        "Bussen": ["0", "0,00", "2,00"],
        "Pavillonen": ["1", "4,00", "1,50"],
        "Intet bestemt sted": ["0", "0,00", "3,00"],
    }
    # One site: its hours and those tied to no site; not the other site's.
    one = coordinator_client.get(reverse("volunteers:export_csv") + _query(site))
    rows = list(csv.reader(io.StringIO(one.content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(r[1] for r in rows[1:]) == ["Intet bestemt sted", "Pavillonen"]


def test_approved_hours_appear_in_the_xlsx(manager_client, worked):
    response = manager_client.get(reverse("volunteers:export_xlsx") + _query())
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    per_volunteer = list(book.worksheets[0].iter_rows(min_row=3, values_only=True))
    assert sum(r[3] for r in per_volunteer) == 4  # rostered
    assert sum(r[4] for r in per_volunteer) == pytest.approx(6.5)  # outside shifts
    outside = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert sorted(r[4] for r in outside) == [1.5, 2, 3]  # approved only
    assert {r[2] for r in outside} == {"Kursus", "Møde", "Ledsagelse som bisidder"}


def test_approved_hours_count_in_the_usb_report_apart(me):
    site, other = SiteFactory(name="Pavillonen"), SiteFactory(name="Bussen")
    march = datetime.date(2025, 3, 4)
    starts = timezone.make_aware(datetime.datetime(2025, 3, 4, 9))
    ShiftAssignmentFactory(
        volunteer=me,
        shift=ShiftFactory(site=site, starts=starts, ends=starts + datetime.timedelta(hours=4)),
    )
    for kind, hours, where, approve in [
        ("training", Decimal(3), None, True),
        ("escort", Decimal("1.5"), site, True),
        ("meeting", Decimal(2), other, True),  # another site
        ("other", Decimal(7), site, False),  # declined
    ]:
        entry = services.record_extra_hours(
            volunteer=me, worked_on=march, kind=kind, hours=hours, site=where
        )
        services.decide_extra_hours(entry=entry, approve=approve, actor=None)
    services.record_extra_hours(volunteer=me, worked_on=march, kind="meeting", hours=5)  # pending
    section = build_report(period=Period.year(2025), sites=[site]).section("volunteers")
    assert section.figures.hours == 4.0
    assert section.figures.extra_hours == 4.5  # the training (no site) and the escort here
    table = next(t for t in section.tables if t.key == "extra_hours")
    assert table.rows == [["Kursus", 1, 3.0], ["Ledsagelse som bisidder", 1, 1.5]]
    facts = {f.label: f.value for f in section.facts}
    assert facts["Timer uden for vagter"] == 4.5


def test_the_dashboard_counts_what_waits(coordinator_client, me):
    services.record_extra_hours(volunteer=me, worked_on=_day(1), kind="other", hours=1)
    panel = parse(coordinator_client.get("/").text).one("section[aria-labelledby=panel-hours]")
    assert "1 registrering af timer venter" in panel.text


def test_anonymising_keeps_the_hours_and_drops_the_words(me):
    entry = services.record_extra_hours(
        volunteer=me, worked_on=_day(1), kind="escort", hours=2, description="Med K. til lægen"
    )
    me.status, me.left_on = "left", _day(0)
    me.save()
    services.anonymise(volunteer=me, actor=None)
    entry.refresh_from_db()
    assert (entry.hours, entry.description) == (2, "")


def test_the_audit_history_names_the_hours_in_danish(coordinator_client, me):
    entry = services.record_extra_hours(volunteer=me, worked_on=_day(1), kind="other", hours=1)
    services.decide_extra_hours(entry=entry, approve=True, actor=None)
    doc = parse(coordinator_client.get("/audit/", HTTP_ACCEPT_LANGUAGE="da").content)
    rows = [row.cells() for row in doc.select("main tbody tr")]
    assert any(cells[4].text.startswith("Timer uden for vagter:") for cells in rows)
    notes = {cells[5].text for cells in rows}
    assert {"timer uden for vagter registreret", "timer uden for vagter godkendt"} <= notes
