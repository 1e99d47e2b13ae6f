"""The day-before reminder: sent once per place, through Django's mail, safe to run twice."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from tests.volunteers.factories import ShiftAssignmentFactory, ShiftFactory, VolunteerFactory, at
from volunteers.models import ShiftAssignment

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = io.StringIO()
    call_command("send_shift_reminders", stdout=out)
    return out.getvalue()


def test_tomorrows_shifts_are_reminded_once():
    tomorrow = ShiftAssignmentFactory(
        shift=ShiftFactory(starts=at(1, 9), ends=at(1, 13)),
        volunteer=VolunteerFactory(first_name="Rita", email="rita@example.invalid"),
    )
    ShiftAssignmentFactory(shift=ShiftFactory(starts=at(2, 9)))  # not yet
    ShiftAssignmentFactory(shift=ShiftFactory(starts=at(0, 23, 0), ends=at(1, 1)))  # today
    assert "Sent 1" in _run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rita@example.invalid"]
    assert tomorrow.shift.site.name in message.subject
    assert "Rita" in message.body
    assert "09:00" in message.body
    tomorrow.refresh_from_db()
    assert tomorrow.reminder_sent_at is not None
    assert "Sent 0" in _run()
    assert len(mail.outbox) == 1


def test_no_reminder_without_an_email_address():
    ShiftAssignmentFactory(
        shift=ShiftFactory(starts=at(1, 9)), volunteer=VolunteerFactory(email="")
    )
    _run()
    assert mail.outbox == []


@pytest.mark.allow_error_log
def test_a_failed_send_is_tried_again_next_run(monkeypatch):
    assignment = ShiftAssignmentFactory(shift=ShiftFactory(starts=at(1, 9)))
    from volunteers import reminders

    def broken(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", broken)
    with pytest.raises(OSError):
        _run()
    assert ShiftAssignment.objects.get(pk=assignment.pk).reminder_sent_at is None
    monkeypatch.undo()
    _run()
    assert len(mail.outbox) == 1
