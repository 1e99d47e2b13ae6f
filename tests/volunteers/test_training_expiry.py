"""Training that expires (issue 20): warned before, refused after, renewed by a later session."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.dom import parse
from tests.volunteers.factories import (
    ShiftFactory,
    TrainingSessionFactory,
    TrainingTopicFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
    at,
)
from volunteers import messaging, selectors, services, training
from volunteers.models import Delivery, Message, QualificationWarning, ShiftAssignment

pytestmark = pytest.mark.django_db


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def first_aid():
    return TrainingTopicFactory(name="Førstehjælp", valid_months=24)


@pytest.fixture
def helper(first_aid):
    return VolunteerRoleFactory(name="Førstehjælper", required_training=first_aid)


@pytest.fixture
def rita(volunteer_user, helper):
    return VolunteerFactory(
        user=volunteer_user, first_name="Rita", email="rita@example.invalid", roles=[helper]
    )


def attended(volunteer, topic, on: datetime.date):
    return TrainingSessionFactory(topic=topic, held_on=on, attendees=[volunteer])


def test_months_are_added_as_on_a_calendar():
    assert training.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert training.add_months(datetime.date(2024, 2, 29), 24) == datetime.date(2026, 2, 28)
    assert training.add_months(datetime.date(2026, 3, 15), -3) == datetime.date(2025, 12, 15)
    assert training.valid_until(datetime.date(2026, 12, 7), 24) == datetime.date(2028, 12, 6)
    day = datetime.date(2026, 12, 7)
    earliest = training.earliest_valid_session(day, 24)
    assert training.valid_until(earliest, 24) >= day
    assert training.valid_until(earliest - datetime.timedelta(days=1), 24) < day


def test_an_expired_training_refuses_sign_up_and_assignment_in_danish(
    volunteer_client, coordinator_client, rita, first_aid, helper
):
    attended(rita, first_aid, training.add_months(days_ago(10), -24))
    shift = ShiftFactory(starts=at(5, 17), ends=at(5, 21), needs={helper: 1})
    response = volunteer_client.post(
        reverse("volunteers:sign_up", args=[shift.pk]), {"role": helper.pk}, follow=True
    )
    assert "Kurset “Førstehjælp” for Rita" in response.text
    assert "Deltagelse i et nyt kursus fornyer det." in response.text
    # A coordinator is refused too (a missing training only warns them).
    response = coordinator_client.post(
        reverse("volunteers:assign", args=[shift.pk]),
        {"volunteer": rita.pk, "role": helper.pk, "next": "/volunteers/roster/"},
        follow=True,
    )
    assert "Kurset “Førstehjælp” for Rita" in response.text
    assert not ShiftAssignment.objects.filter(shift=shift).exists()


def test_a_training_running_out_before_the_shift_refuses_that_shift_only(rita, first_aid, helper):
    attended(
        rita, first_aid, training.add_months(timezone.localdate(), -24) + datetime.timedelta(3)
    )
    soon = ShiftFactory(starts=at(1, 17), ends=at(1, 21), needs={helper: 1})
    later = ShiftFactory(starts=at(4, 17), ends=at(4, 21), needs={helper: 1})
    services.assign(shift=soon, volunteer=rita, role=helper, actor=None, self_service=True)
    with pytest.raises(services.ShiftError, match="før denne vagt"):
        services.assign(shift=later, volunteer=rita, role=helper, actor=None, self_service=True)


def test_a_later_session_renews_it(rita, first_aid, helper):
    attended(rita, first_aid, days_ago(800))
    shift = ShiftFactory(starts=at(5, 17), ends=at(5, 21), needs={helper: 1})
    with pytest.raises(services.ShiftError):
        services.assign(shift=shift, volunteer=rita, role=helper, actor=None)
    attended(rita, first_aid, days_ago(1))
    result = services.assign(shift=shift, volunteer=rita, role=helper, actor=None)
    assert result.warnings == []


def test_a_training_without_validity_never_runs_out(rita, helper):
    intro = TrainingTopicFactory(name="Introduktion")
    helper.required_training = intro
    helper.save()
    attended(rita, intro, days_ago(3000))
    shift = ShiftFactory(starts=at(5, 17), ends=at(5, 21), needs={helper: 1})
    services.assign(shift=shift, volunteer=rita, role=helper, actor=None, self_service=True)


def test_a_key_holders_expired_training_refuses_a_shift_that_needs_a_key_holder(first_aid):
    naloxone = TrainingTopicFactory(name="Naloxon", valid_months=24, required_for_key_holders=True)
    host = VolunteerRoleFactory(name="Vært")
    keys = VolunteerFactory(first_name="Kim", is_key_holder=True, roles=[host])
    attended(keys, naloxone, days_ago(900))
    needs_keys = ShiftFactory(
        starts=at(5, 17), ends=at(5, 21), needs={host: 1}, key_holder_required=True
    )
    with pytest.raises(services.ShiftError, match="Naloxon"):
        services.assign(shift=needs_keys, volunteer=keys, role=host, actor=None)
    other = ShiftFactory(starts=at(6, 17), ends=at(6, 21), needs={host: 1})
    services.assign(shift=other, volunteer=keys, role=host, actor=None)


def test_we_need_someone_leaves_out_an_expired_training(rita, first_aid, helper):
    valid = VolunteerFactory(first_name="Vera", roles=[helper])
    attended(valid, first_aid, days_ago(30))
    attended(rita, first_aid, days_ago(800))
    shift = ShiftFactory(starts=at(5, 17), ends=at(5, 21), needs={helper: 1})
    assert list(messaging.fitting(shift=shift, role=helper)) == [valid]


def _warn() -> None:
    call_command("send_shift_reminders", stdout=io.StringIO())
    call_command("send_outbox", stdout=io.StringIO())


def test_the_volunteer_and_the_coordinator_are_warned_once_before_it_runs_out(
    coordinator_user, rita, first_aid
):
    session = attended(rita, first_aid, training.add_months(days_ago(-30), -24))
    _warn()
    sent = {m.to[0]: m for m in mail.outbox}
    assert set(sent) == {"rita@example.invalid", coordinator_user.email}
    last_day = training.in_words(training.valid_until(session.held_on, 24))
    assert last_day in sent["rita@example.invalid"].subject
    assert "Kære Rita" in sent["rita@example.invalid"].body
    assert "Rita" in sent[coordinator_user.email].subject
    message = Message.objects.get(kind=Message.Kind.TRAINING_EXPIRES)
    assert message.deliveries.filter(user=coordinator_user).exists()
    assert not rita.deliveries.exclude(message=message).exists()
    _warn()  # the next day's run
    assert len(mail.outbox) == 2
    # Renewed, it runs out later and is warned of again when that comes near.
    attended(rita, first_aid, days_ago(700 - 30))
    _warn()
    assert QualificationWarning.objects.count() == 2
    assert len(mail.outbox) == 4


def test_a_message_waits_for_the_mail_server_and_is_sent_once(monkeypatch, rita, first_aid):
    attended(rita, first_aid, training.add_months(days_ago(-10), -24))

    def down(delivery):
        raise ConnectionRefusedError("mail server down")

    from volunteers import outbox

    monkeypatch.setitem(outbox.SENDERS, Delivery.Channel.EMAIL, down)
    _warn()
    assert mail.outbox == []
    monkeypatch.undo()
    Delivery.objects.update(next_attempt_at=timezone.now())
    _warn()
    assert [m.to for m in mail.outbox] == [["rita@example.invalid"]]


def test_no_warning_for_a_training_nobody_needs(rita, first_aid, helper):
    rita.roles.clear()
    attended(rita, first_aid, training.add_months(days_ago(-10), -24))
    _warn()
    assert mail.outbox == []
    assert training.running_out() == []


def test_the_dashboards_show_what_runs_out(
    coordinator_client, volunteer_client, rita, first_aid, helper
):
    attended(rita, first_aid, training.add_months(days_ago(-20), -24))
    kim = VolunteerFactory(first_name="Kim", roles=[helper])
    attended(kim, first_aid, days_ago(800))
    panel = parse(coordinator_client.get("/").text).one("section[aria-labelledby=panel-training]")
    items = [li.text for li in panel.select("li")]
    assert items[0].startswith("Kim Test: Førstehjælp – udløb")
    assert items[1].startswith("Rita Test: Førstehjælp – gyldigt til")
    mine = parse(volunteer_client.get("/").text).one("section[aria-labelledby=panel-my-training]")
    assert "Førstehjælp – gyldigt til" in mine.text
    detail = coordinator_client.get(reverse("volunteers:volunteer_detail", args=[kim.pk])).text
    assert "udløb" in parse(detail).one("section[aria-labelledby=training]").text


def test_a_coordinator_sets_the_validity_of_a_topic(coordinator_client):
    response = coordinator_client.post(
        reverse("volunteers:topic_create"),
        {"name": "Naloxon", "code": "naloxon", "valid_months": "24"},
    )
    assert response.status_code == 302
    page = coordinator_client.get(reverse("volunteers:role_list")).text
    assert "gyldigt 24 måneder" in page
    bad = coordinator_client.post(
        reverse("volunteers:topic_create"), {"name": "X", "code": "x", "valid_months": "-1"}
    )
    assert bad.status_code == 200


def test_mine_vagter_offers_no_shift_the_training_has_run_out_for(rita, first_aid, helper):
    attended(
        rita, first_aid, training.add_months(timezone.localdate(), -24) + datetime.timedelta(3)
    )
    soon = ShiftFactory(starts=at(1, 17), ends=at(1, 21), needs={helper: 1})
    ShiftFactory(starts=at(4, 17), ends=at(4, 21), needs={helper: 1})
    assert [shift for shift, _roles in selectors.open_shifts_for(rita)] == [soon]
