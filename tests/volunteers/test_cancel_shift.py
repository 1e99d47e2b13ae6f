"""Cancelling and reinstating a shift through the real pages, and what a cancelled shift means:
no gaps, no sign-ups or assignments, no reminders, no hours, a cancelled calendar event, and an
e-mail in Danish to the volunteers on it."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.audit import history_for
from reports.builder import build_report
from reports.periods import Period
from tests.sites.factories import SiteFactory
from tests.trust.auditpages import assert_hidden_from, object_history, submit
from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
    at,
)
from volunteers import selectors
from volunteers.models import Shift, ShiftAssignment

pytestmark = pytest.mark.django_db

STORM = "Stormvarsel: stedet holder lukket"


@pytest.fixture
def host():
    return VolunteerRoleFactory(name="Vært")


@pytest.fixture
def shift(host):
    shift = ShiftFactory(starts=at(4, 9), ends=at(4, 13), needs={host: 2}, note="Morgenvagt")
    ShiftAssignmentFactory(
        shift=shift,
        role=host,
        volunteer=VolunteerFactory(first_name="Rita", email="rita@example.invalid"),
    )
    ShiftAssignmentFactory(shift=shift, role=host, volunteer=VolunteerFactory(email=""))
    return shift


def _roster(shift: Shift) -> str:
    day = timezone.localdate(shift.starts).isoformat()
    return f"{reverse('volunteers:roster')}?site={shift.site_id}&date={day}"


def _cancel(client, shift: Shift, reason: str = STORM):
    """Follow the link on the edit page to the confirmation page and submit it."""
    edit = client.get(reverse("volunteers:shift_update", args=[shift.pk]))
    cancel_url = reverse("volunteers:shift_cancel", args=[shift.pk])
    assert cancel_url in edit.text
    return submit(client, cancel_url, {"reason": reason})


def _cancelled(shift: Shift, reason: str = STORM) -> Shift:
    shift.cancelled_at = timezone.now()
    shift.cancel_reason = reason
    shift.save()
    return shift


def test_a_coordinator_cancels_a_shift_and_its_volunteers_are_emailed(
    coordinator_client,
    coordinator_user,
    manager_client,
    staff_client,
    volunteer_client,
    client,
    shift,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _cancel(coordinator_client, shift)
    assert response.status_code == 302
    page = coordinator_client.get(response["Location"]).text
    assert "Vagten er aflyst. 1 frivillig får besked på e-mail." in page
    shift.refresh_from_db()
    assert shift.is_cancelled and shift.cancel_reason == STORM
    assert shift.cancelled_by == coordinator_user
    assert shift.assignments.count() == 2  # they keep their places, marked cancelled

    entry = history_for(shift).get()
    assert (entry.action, entry.note, entry.actor) == ("update", "cancelled", coordinator_user)
    assert entry.changes == {"cancel_reason": ["", STORM]}
    for reader in (coordinator_client, manager_client):
        assert STORM in object_history(reader, shift)
    assert_hidden_from([staff_client, volunteer_client, client], STORM, instance=shift)

    # Stored first (both volunteers see it in the app), sent by the outbox: only the volunteer
    # with an address is e-mailed, in Danish, with the reason.
    assert mail.outbox == []
    assert shift.messages.get().deliveries.count() == 2
    call_command("send_outbox", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rita@example.invalid"]
    assert message.subject.startswith("Aflyst: din vagt")
    assert shift.site.name in message.subject
    assert "Kære Rita" in message.body
    assert "er aflyst" in message.body and STORM in message.body
    assert "09:00" in message.body


def test_the_reason_is_required(coordinator_client, shift):
    for reason in ("", "   "):
        response = _cancel(coordinator_client, shift, reason)
        assert response.status_code == 200
        assert "Dette felt er påkrævet" in response.text
    shift.refresh_from_db()
    assert not shift.is_cancelled
    assert not history_for(shift).exists()


def test_a_coordinator_reinstates_from_the_roster_card(
    coordinator_client, coordinator_user, shift, django_capture_on_commit_callbacks
):
    _cancelled(shift)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(
            coordinator_client,
            _roster(shift),
            {},
            action=reverse("volunteers:shift_reinstate", args=[shift.pk]),
        )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert not shift.is_cancelled and shift.cancel_reason == "" and shift.cancelled_by is None
    entry = history_for(shift).get()
    assert (entry.note, entry.actor) == ("reinstated", coordinator_user)
    assert entry.changes == {"cancel_reason": [STORM, ""]}
    call_command("send_outbox", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["rita@example.invalid"]]
    assert mail.outbox[0].subject.startswith("Gennemføres alligevel")


def test_the_edit_page_shows_a_cancelled_shift_and_offers_to_reinstate(coordinator_client, shift):
    _cancelled(shift)
    page = coordinator_client.get(reverse("volunteers:shift_update", args=[shift.pk])).text
    assert "Vagten er aflyst" in page and STORM in page
    assert reverse("volunteers:shift_reinstate", args=[shift.pk]) in page
    # Cancelling twice is refused with a message, not a second entry or e-mail.
    response = coordinator_client.post(
        reverse("volunteers:shift_cancel", args=[shift.pk]), {"reason": "Igen"}
    )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.cancel_reason == STORM
    assert not history_for(shift).exists()


@pytest.mark.parametrize("who", ["volunteer_client", "staff_client"])
def test_volunteers_and_staff_may_not_cancel_or_reinstate(request, who, shift):
    client = request.getfixturevalue(who)
    cancel_url = reverse("volunteers:shift_cancel", args=[shift.pk])
    assert client.get(cancel_url).status_code == 403
    assert client.post(cancel_url, {"reason": STORM}).status_code == 403
    shift.refresh_from_db()
    assert not shift.is_cancelled
    _cancelled(shift)
    assert client.post(reverse("volunteers:shift_reinstate", args=[shift.pk])).status_code == 403
    shift.refresh_from_db()
    assert shift.is_cancelled


def test_anonymous_visitors_are_sent_to_log_in(client, shift):
    for url in (
        reverse("volunteers:shift_cancel", args=[shift.pk]),
        reverse("volunteers:shift_reinstate", args=[shift.pk]),
    ):
        response = client.post(url, {"reason": STORM})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    shift.refresh_from_db()
    assert not shift.is_cancelled


def test_the_roster_shows_a_cancelled_shift_struck_through_without_gaps(coordinator_client, shift):
    _cancelled(shift)
    page = coordinator_client.get(_roster(shift)).text
    card = page.split(f'id="shift-{shift.pk}"')[1].split("</article>")[0]
    assert "Aflyst" in card and "<s>" in card and STORM in card
    assert "mangler" not in card  # one place as Vært is free, but that is no gap now
    assert reverse("volunteers:assign", args=[shift.pk]) not in card
    # Its volunteers are listed, but the hours table counts no hours for them.
    assert "Ingen frivillige er på vagt i perioden." in page


def test_nobody_can_be_put_on_a_cancelled_shift(
    coordinator_client, volunteer_client, volunteer_user, shift, host
):
    me = VolunteerFactory(user=volunteer_user, roles=[host])
    _cancelled(shift)
    my_shifts = volunteer_client.get(reverse("volunteers:my_shifts")).text
    assert reverse("volunteers:sign_up", args=[shift.pk]) not in my_shifts
    response = volunteer_client.post(
        reverse("volunteers:sign_up", args=[shift.pk]), {"role": host.pk}, follow=True
    )
    assert "Vagten er aflyst" in response.text
    response = coordinator_client.post(
        reverse("volunteers:assign", args=[shift.pk]),
        {"volunteer": me.pk, "role": host.pk},
        follow=True,
    )
    assert "Vagten er aflyst" in response.text
    assert not ShiftAssignment.objects.filter(volunteer=me).exists()


def test_mine_vagter_shows_the_cancelled_shift_without_a_cancel_button(
    volunteer_client, volunteer_user, host
):
    me = VolunteerFactory(user=volunteer_user, roles=[host])
    shift = ShiftFactory(starts=at(10, 9), needs={host: 1})
    assignment = ShiftAssignmentFactory(shift=shift, volunteer=me, role=host)
    _cancelled(shift)
    page = volunteer_client.get(reverse("volunteers:my_shifts")).text
    upcoming = page.split("Tidligere vagter")[0]
    assert "Aflyst" in upcoming and STORM in upcoming
    assert "du skal ikke komme" in upcoming
    assert reverse("volunteers:cancel", args=[assignment.pk]) not in upcoming


def test_no_reminder_for_a_cancelled_shift():
    ShiftAssignmentFactory(shift=_cancelled(ShiftFactory(starts=at(1, 9), ends=at(1, 13))))
    out = io.StringIO()
    call_command("send_shift_reminders", stdout=out)
    assert "Queued 0" in out.getvalue()
    assert mail.outbox == []


def test_the_calendar_event_is_cancelled_with_the_same_uid_and_a_higher_sequence(
    client, coordinator_client, shift
):
    volunteer = shift.assignments.first().volunteer
    feed = reverse("volunteers:feed", args=[volunteer.feed_token])

    def event():
        (found,) = Calendar.from_ical(client.get(feed).content).walk("VEVENT")
        return found

    before = event()
    assert "STATUS" not in before
    _cancel(coordinator_client, shift)
    after = event()
    assert str(after["uid"]) == str(before["uid"])
    assert after["status"] == "CANCELLED"
    assert after.decoded("sequence") > before.decoded("sequence")
    assert after.decoded("last-modified") is not None
    assert STORM in str(after["description"])
    submit(
        coordinator_client,
        reverse("volunteers:shift_update", args=[shift.pk]),
        {},
        action=reverse("volunteers:shift_reinstate", args=[shift.pk]),
    )
    again = event()
    assert "STATUS" not in again
    assert again.decoded("sequence") > after.decoded("sequence")


def test_hours_exclude_cancelled_shifts(coordinator_client):
    site = SiteFactory(name="Pavillonen")
    anna = VolunteerFactory(first_name="Anna", last_name="Timer")
    # In the last month that has ended, which a report may cover (core.disclosure).
    today = timezone.localdate()
    day = (today.replace(day=1) - datetime.timedelta(days=10) - today).days
    held = ShiftFactory(site=site, starts=at(day, 9), ends=at(day, 13))
    called_off = _cancelled(ShiftFactory(site=site, starts=at(day + 1, 9), ends=at(day + 1, 15)))
    ShiftAssignmentFactory(shift=held, volunteer=anna)
    ShiftAssignmentFactory(shift=called_off, volunteer=anna)
    start, end = today + datetime.timedelta(days=day - 7), today

    (row,) = selectors.hours_by_volunteer(start, end)
    assert (row.shifts, row.hours) == (1, 4.0)
    assert [(r.shifts, r.hours) for r in selectors.hours_by_site_and_month(start, end)] == [
        (1, 4.0)
    ]
    response = coordinator_client.get(
        reverse("volunteers:export_csv"), {"start": start.isoformat(), "end": end.isoformat()}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    # Rostered hours, then the approved hours outside shifts in a column of their own.
    assert rows[1] == ["Anna Timer", "Pavillonen", "1", "4,00", "0,00"]

    report = build_report(period=Period(start=start, end=end), sites=[site])
    figures = report.section("volunteers").figures
    assert (figures.shifts, figures.hours) == (1, 4.0)


def test_a_cancelled_shift_is_no_double_booking(coordinator_client, host):
    anna = VolunteerFactory(roles=[host])
    ShiftAssignmentFactory(
        volunteer=anna, role=host, shift=_cancelled(ShiftFactory(starts=at(6, 9)))
    )
    other = ShiftFactory(starts=at(6, 10), needs={host: 1})
    response = coordinator_client.post(
        reverse("volunteers:assign", args=[other.pk]),
        {"volunteer": anna.pk, "role": host.pk},
        follow=True,
    )
    assert "på en anden vagt" not in response.text
    assert ShiftAssignment.objects.filter(shift=other, volunteer=anna).exists()


def test_moving_a_shift_raises_its_calendar_sequence_and_other_edits_do_not(
    client, coordinator_client, shift
):
    volunteer = shift.assignments.first().volunteer
    feed = reverse("volunteers:feed", args=[volunteer.feed_token])
    edit = reverse("volunteers:shift_update", args=[shift.pk])
    # The factory's site has no opening hours, so every save needs the reason.
    reason = {"outside_hours_reason": "Oprydning efter lukketid"}

    def event():
        (found,) = Calendar.from_ical(client.get(feed).content).walk("VEVENT")
        return found

    before = event()
    response = submit(coordinator_client, edit, {"key_holder_required": "on"} | reason)
    assert response.status_code == 302, response.context["form"].errors
    assert event().decoded("sequence") == before.decoded("sequence")

    later = timezone.localtime(shift.ends) + datetime.timedelta(hours=1)
    response = submit(coordinator_client, edit, {"ends": later.strftime("%Y-%m-%dT%H:%M")} | reason)
    assert response.status_code == 302
    moved = event()
    assert str(moved["uid"]) == str(before["uid"])
    assert moved.decoded("sequence") > before.decoded("sequence")
    assert moved.decoded("dtend") == later
