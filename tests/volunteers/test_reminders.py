"""The day-before reminder: queued once per place, sent by the outbox, safe to run twice."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.volunteers.factories import ShiftAssignmentFactory, ShiftFactory, VolunteerFactory, at
from volunteers.models import Delivery, ShiftAssignment

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = io.StringIO()
    call_command("send_shift_reminders", stdout=out)
    call_command("send_outbox", stdout=io.StringIO())
    return out.getvalue()


def test_tomorrows_shifts_are_reminded_once():
    tomorrow = ShiftAssignmentFactory(
        shift=ShiftFactory(starts=at(1, 9), ends=at(1, 13)),
        volunteer=VolunteerFactory(first_name="Rita", email="rita@example.invalid"),
    )
    ShiftAssignmentFactory(shift=ShiftFactory(starts=at(2, 9)))  # not yet
    ShiftAssignmentFactory(shift=ShiftFactory(starts=at(0, 23, 0), ends=at(1, 1)))  # today
    assert "Queued 1" in _run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rita@example.invalid"]
    assert tomorrow.shift.site.name in message.subject
    assert "Rita" in message.body
    assert "09:00" in message.body
    tomorrow.refresh_from_db()
    assert tomorrow.reminder_sent_at is not None
    assert "Queued 0" in _run()
    assert len(mail.outbox) == 1


def test_no_reminder_without_an_email_address():
    ShiftAssignmentFactory(
        shift=ShiftFactory(starts=at(1, 9)), volunteer=VolunteerFactory(email="")
    )
    _run()
    assert mail.outbox == []


def test_a_reminder_waits_in_the_outbox_while_the_mail_server_is_down(monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    assignment = ShiftAssignmentFactory(shift=ShiftFactory(starts=at(1, 9)))

    def down(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", down)
    _run()
    assert ShiftAssignment.objects.get(pk=assignment.pk).reminder_sent_at is not None
    delivery = Delivery.objects.get(volunteer=assignment.volunteer)
    assert delivery.state == Delivery.State.QUEUED
    assert delivery.attempts == 1
    monkeypatch.undo()
    Delivery.objects.update(next_attempt_at=timezone.now())  # the back-off has passed
    _run()
    assert len(mail.outbox) == 1
    _run()
    assert len(mail.outbox) == 1
