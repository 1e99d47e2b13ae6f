"""The outbox (issue 20): stored first, sent by cron with retries, each e-mail exactly once."""

import datetime
import io
import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.volunteers.factories import ShiftAssignmentFactory, ShiftFactory, VolunteerFactory, at
from volunteers import outbox, services
from volunteers.models import Delivery, Message

pytestmark = pytest.mark.django_db


def _send(now=None) -> str:
    if now is not None:
        return str(outbox.send_due(now=now))
    out = io.StringIO()
    call_command("send_outbox", stdout=out)
    return out.getvalue()


@pytest.fixture
def mail_down(monkeypatch):
    """The mail server refuses connections until `.up()`."""

    class Switch:
        def up(self):
            monkeypatch.undo()

    def refused(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailBackend, "send_messages", refused)
    return Switch()


def _letter(volunteer, subject="Hej"):
    return outbox.Letter(volunteer, subject, f"Kære {volunteer.first_name}")


def test_messages_sent_while_the_mail_server_is_down_arrive_once_it_is_back(
    mail_down, coordinator_user
):
    rita, ali = VolunteerFactory(email="rita@example.invalid"), VolunteerFactory(email="ali@x.dk")
    shift = ShiftFactory(starts=at(3, 9), ends=at(3, 13))
    ShiftAssignmentFactory(shift=shift, volunteer=rita)
    services.cancel_shift(shift=shift, reason="Storm", actor=coordinator_user)
    outbox.queue(kind=Message.Kind.COORDINATOR, subject="Julefrokost", letters=[_letter(ali)])
    now = timezone.now()
    # Down: every try fails, nothing is lost, and the next try waits longer each time.
    assert "0 sent, 2 to retry" in _send()
    assert Delivery.objects.filter(state=Delivery.State.QUEUED, attempts=1).count() == 2
    assert "0 sent" in _send(now)  # too early for the next try
    assert Delivery.objects.filter(attempts=1).count() == 2
    assert "2 to retry" in _send(now + datetime.timedelta(minutes=2))
    delivery = Delivery.objects.first()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at - (now + datetime.timedelta(minutes=2)) == datetime.timedelta(
        minutes=5
    )
    assert "ConnectionRefusedError" in delivery.last_error
    assert mail.outbox == []
    # Back: each arrives, exactly once, however often cron runs.
    mail_down.up()
    later = now + datetime.timedelta(minutes=10)
    assert "2 sent" in _send(later)
    _send(later + datetime.timedelta(hours=1))
    _send()
    assert sorted(m.to[0] for m in mail.outbox) == ["ali@x.dk", "rita@example.invalid"]
    assert Delivery.objects.filter(state=Delivery.State.SENT, last_error="").count() == 2


@pytest.mark.allow_error_log  # the outbox warns when it gives up
def test_a_message_fails_after_the_last_try_and_shows_on_the_dashboard(
    mail_down, settings, coordinator_client
):
    settings.VARMESTUE = {**settings.VARMESTUE, "OUTBOX_MAX_ATTEMPTS": 3}
    rita = VolunteerFactory(first_name="Rita", email="rita@example.invalid")
    message = outbox.queue(
        kind=Message.Kind.COORDINATOR,
        subject="Nyt om nøgler",
        letters=[_letter(rita, "Nyt om nøgler")],
    )
    moment = timezone.now()
    for _ in range(5):
        _send(moment)
        moment += datetime.timedelta(hours=7)
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == (Delivery.State.FAILED, 3)
    dashboard = coordinator_client.get("/").text
    assert "Nyt om nøgler" in dashboard and "Rita" in dashboard
    page = coordinator_client.get(reverse("volunteers:message_detail", args=[message.pk])).text
    assert "Mislykkedes" in page and "ConnectionRefusedError" in page
    # Fixed: the coordinator queues it again and it goes.
    mail_down.up()
    response = coordinator_client.post(reverse("volunteers:message_retry", args=[message.pk]))
    assert response.status_code == 302
    _send()
    assert [m.to for m in mail.outbox] == [["rita@example.invalid"]]
    assert "Nyt om nøgler" not in coordinator_client.get("/").text


def test_a_volunteer_without_an_address_gets_it_in_the_app_only():
    message = outbox.queue(
        kind=Message.Kind.COORDINATOR, subject="Hej", letters=[_letter(VolunteerFactory(email=""))]
    )
    assert message.deliveries.get().state == Delivery.State.IN_APP
    assert "0 sent" in _send()
    assert mail.outbox == []


def test_nothing_is_queued_when_the_change_is_rolled_back(coordinator_user):
    from django.db import transaction

    shift = ShiftFactory(starts=at(3, 9), ends=at(3, 13))
    ShiftAssignmentFactory(shift=shift, volunteer=VolunteerFactory(email="a@b.dk"))
    with pytest.raises(RuntimeError), transaction.atomic():
        services.cancel_shift(shift=shift, reason="Storm", actor=coordinator_user)
        raise RuntimeError("rolled back")
    assert not Delivery.objects.exists()


def test_the_record_shows_who_got_what(coordinator_client, coordinator_user):
    shift = ShiftFactory(starts=at(3, 9), ends=at(3, 13))
    ShiftAssignmentFactory(
        shift=shift, volunteer=VolunteerFactory(first_name="Rita", email="r@x.dk")
    )
    ShiftAssignmentFactory(shift=shift, volunteer=VolunteerFactory(first_name="Bo", email=""))
    services.cancel_shift(shift=shift, reason="Storm", actor=coordinator_user)
    _send()
    listing = coordinator_client.get(reverse("volunteers:message_list")).text
    message = Message.objects.get()
    assert message.subject in listing
    page = coordinator_client.get(reverse("volunteers:message_detail", args=[message.pk])).text
    assert "Rita" in page and "r@x.dk" in page and "Sendt" in page
    assert "Bo" in page and "Kun i appen" in page
    assert "Storm" in page  # the text as sent


def test_anonymising_removes_address_and_text_from_the_record(coordinator_user):
    rita = VolunteerFactory(
        email="rita@example.invalid",
        status="left",
        started_on=at(-800).date(),
        left_on=at(-400).date(),
    )
    outbox.queue(kind=Message.Kind.COORDINATOR, subject="Hej", letters=[_letter(rita)])
    services.anonymise(volunteer=rita, actor=coordinator_user)
    delivery = Delivery.objects.get()
    assert (delivery.address, delivery.body) == ("", "")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_runs_at_once_send_each_message_once(monkeypatch):
    volunteers = [VolunteerFactory(email=f"v{n}@x.dk") for n in range(6)]
    outbox.queue(
        kind=Message.Kind.COORDINATOR, subject="Hej", letters=[_letter(v) for v in volunteers]
    )
    sent: list[str] = []
    lock = threading.Lock()

    def slow(delivery):
        time.sleep(0.05)
        with lock:
            sent.append(delivery.address)

    monkeypatch.setitem(outbox.SENDERS, Delivery.Channel.EMAIL, slow)

    errors: list[BaseException] = []

    def run():
        try:
            outbox.send_due()
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(sent) == sorted(v.email for v in volunteers)
    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 6
