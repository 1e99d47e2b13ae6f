"""Every e-mail names a shift's day in Danish words, lower case mid-sentence ("mandag 7.")."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
    at,
)
from volunteers import messaging, services, shift_mail

pytestmark = pytest.mark.django_db

DAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
ANY_DAY = re.compile(r"\b(" + "|".join(DAYS) + r")\b", re.IGNORECASE)


def _days_named(text: str) -> list[str]:
    found = ANY_DAY.findall(text)
    assert found, f"no day named in {text!r}"
    return found


def _all_lower(text: str) -> bool:
    return all(day.islower() for day in _days_named(text))


def test_the_reminder_names_the_day_in_lower_case():
    ShiftAssignmentFactory(
        shift=ShiftFactory(starts=at(1, 9), ends=at(1, 13)),
        volunteer=VolunteerFactory(email="rita@example.invalid"),
    )
    call_command("send_shift_reminders", stdout=io.StringIO())
    call_command("send_outbox", stdout=io.StringIO())
    assert _all_lower(mail.outbox[0].body)


@pytest.mark.parametrize("kind", [shift_mail.CANCELLED, shift_mail.REINSTATED])
def test_a_changed_shift_names_the_day_in_lower_case(kind):
    place = ShiftAssignmentFactory(
        shift=ShiftFactory(starts=at(3, 9)), volunteer=VolunteerFactory(email="a@example.invalid")
    )
    if kind == shift_mail.CANCELLED:
        services.cancel_shift(shift=place.shift, reason="Vandskade", actor=None)
    else:
        services.cancel_shift(shift=place.shift, reason="Vandskade", actor=None)
        services.reinstate_shift(shift=place.shift, actor=None)
    call_command("send_outbox", stdout=io.StringIO())
    sent = mail.outbox[-1]
    assert _all_lower(sent.subject) and _all_lower(sent.body)


@pytest.mark.parametrize(
    "kind", [shift_mail.CONFIRMED, shift_mail.DECLINED, shift_mail.WAITING_LIST]
)
def test_a_place_message_names_the_day_in_lower_case(kind):
    shift = ShiftFactory(starts=at(4, 17))
    volunteer = VolunteerFactory(email="b@example.invalid")
    message = shift_mail.queue_place_message(
        kind=kind, shift=shift, volunteer=volunteer, role=VolunteerRoleFactory()
    )
    delivery = message.deliveries.get()
    assert _all_lower(delivery.subject) and _all_lower(delivery.body)


def test_we_need_someone_names_the_day_in_lower_case():
    subject, text = messaging.need_text(
        shift=ShiftFactory(starts=at(5, 9)), role=VolunteerRoleFactory()
    )
    assert _all_lower(subject) and _all_lower(text)
