"""Each volunteer chooses which messages come by e-mail; must-get messages always do (issue 20)."""

import re

import pytest
from django.core import mail

from core.models import AuditEntry
from tests.volunteers.factories import ShiftAssignmentFactory, ShiftFactory, VolunteerFactory, at
from volunteers import messaging, outbox, reminders, services
from volunteers.models import Delivery, Message

pytestmark = pytest.mark.django_db

PAGE = "/volunteers/my-shifts/email/"


@pytest.fixture
def me(volunteer_user):
    return VolunteerFactory(user=volunteer_user, first_name="Charlie", email="c@example.invalid")


def test_the_page_shows_every_kind_with_the_must_gets_locked_on(volunteer_client, me):
    response = volunteer_client.get(PAGE)
    assert response.status_code == 200
    form = response.context["form"]
    for kind in Message.Kind:
        assert form.fields[kind.value].initial is True
        assert form.fields[kind.value].disabled is (kind in Message.MUST_GET)
    inputs = {m[1]: m[0] for m in re.findall(r'(<input[^>]*name="(\w+)"[^>]*>)', response.text)}
    assert "disabled" in inputs["shift_cancelled"] and "checked" in inputs["shift_cancelled"]
    assert "disabled" not in inputs["reminder"] and "checked" in inputs["reminder"]


def test_switching_reminders_off_sends_them_in_the_app_only(volunteer_client, me, settings):
    response = volunteer_client.post(PAGE, {"coordinator": "on"})
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.email_off == [Message.Kind.REMINDER]
    assert AuditEntry.objects.filter(object_id=str(me.pk), note="e-mail preferences").exists()
    ShiftAssignmentFactory(volunteer=me, shift=ShiftFactory(starts=at(1, 10), ends=at(1, 14)))
    assert reminders.send_reminders() == 1
    delivery = Delivery.objects.get(volunteer=me)
    assert delivery.channel == Delivery.Channel.APP
    assert delivery.state == Delivery.State.IN_APP
    outbox.send_due()
    assert mail.outbox == []
    # The reminder still shows on "Mine vagter".
    assert "Påmindelse" in volunteer_client.get("/volunteers/my-shifts/").text


def test_coordinators_messages_follow_the_choice_too(coordinator_user, me):
    services.set_email_preferences(volunteer=me, email_off=["coordinator"], actor=None)
    other = VolunteerFactory(email="o@example.invalid")
    shift = ShiftFactory(starts=at(3, 9), ends=at(3, 13))
    for v in (me, other):
        ShiftAssignmentFactory(volunteer=v, shift=shift)
    messaging.send(
        audience=messaging.Audience(shift=shift),
        subject="Husk nøglen",
        text="Tekst",
        sender=coordinator_user,
        key=messaging.new_key(),
    )
    outbox.send_due()
    assert [m.to for m in mail.outbox] == [["o@example.invalid"]]
    assert Delivery.objects.get(volunteer=me).state == Delivery.State.IN_APP


def test_a_cancelled_shift_cannot_be_switched_off(volunteer_client, me, coordinator_user):
    # Everything unticked, and a forged value for the must-get: it stays on.
    volunteer_client.post(PAGE, {"shift_cancelled": ""})
    me.refresh_from_db()
    assert set(me.email_off) == set(Message.CHOOSABLE)
    services.set_email_preferences(volunteer=me, email_off=["shift_cancelled", "bogus"], actor=None)
    me.refresh_from_db()
    assert "shift_cancelled" not in me.email_off and "bogus" not in me.email_off
    shift = ShiftFactory(starts=at(3, 9), ends=at(3, 13))
    ShiftAssignmentFactory(volunteer=me, shift=shift)
    services.cancel_shift(shift=shift, reason="Storm", actor=coordinator_user)
    outbox.send_due()
    assert [m.to for m in mail.outbox] == [["c@example.invalid"]]


def test_a_volunteer_without_a_profile_is_told_to_ask(volunteer_client):
    response = volunteer_client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "not linked to a volunteer profile" in response.text
