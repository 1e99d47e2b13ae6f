"""Coordinators write to volunteers (issue 20): preview, count, record; sent once."""

import io
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.sites.factories import SiteFactory
from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
    at,
)
from volunteers.models import Delivery, Message

pytestmark = pytest.mark.django_db
URL = "/volunteers/messages/new/"


def _post(client, **data):
    return client.post(URL, {"subject": "Nøgler", "text": "Husk nøglen.", **data})


def test_preview_then_send_to_the_volunteers_of_a_shift(coordinator_client, volunteer_client):
    shift = ShiftFactory(starts=at(2, 9))
    rita = VolunteerFactory(first_name="Rita", email="rita@x.dk")
    ShiftAssignmentFactory(shift=shift, volunteer=rita)
    ShiftAssignmentFactory(shift=shift, volunteer=VolunteerFactory(first_name="Bo", email=""))
    VolunteerFactory(first_name="Ulla", email="ulla@x.dk")  # not on the shift
    form = coordinator_client.get(f"{URL}?shift={shift.pk}").text
    key = form.split('name="key" value="')[1].split('"')[0]
    preview = _post(coordinator_client, shift=shift.pk, key=key, preview="1").text
    assert "2 frivillige får denne besked" in preview
    assert "Rita" in preview and "Bo" in preview and "Ulla" not in preview
    assert "Kære Bo" in preview and "Husk nøglen." in preview  # as the first gets it
    assert not Message.objects.exists()  # a preview sends nothing
    response = _post(coordinator_client, shift=shift.pk, key=key, send="1")
    message = Message.objects.get()
    assert response["Location"] == reverse("volunteers:message_detail", args=[message.pk])
    assert message.deliveries.count() == 2 and message.shift == shift
    # The same form sent again (a double click) sends nothing more.
    _post(coordinator_client, shift=shift.pk, key=key, send="1")
    assert Message.objects.count() == 1
    call_command("send_outbox", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["rita@x.dk"]]
    assert "Husk nøglen." in mail.outbox[0].body
    # The record says what went to whom.
    record = coordinator_client.get(response["Location"]).text
    assert "Rita" in record and "rita@x.dk" in record and "Kun i appen" in record


def test_a_site_and_a_role_and_a_day(coordinator_client):
    cook, host = VolunteerRoleFactory(name="Kok"), VolunteerRoleFactory(name="Vært")
    site, other = SiteFactory(), SiteFactory()
    cook_here = VolunteerFactory(first_name="Kaj", email="k@x.dk", status="active", roles=[cook])
    host_here = VolunteerFactory(first_name="Hans", email="h@x.dk", status="active", roles=[host])
    elsewhere = VolunteerFactory(first_name="Eva", email="e@x.dk", status="active", roles=[cook])
    # The days are read from the clock once: the test passes across midnight too.
    in_two, in_three = at(2, 9), at(3, 9)
    for v, s, starts in (
        (cook_here, site, in_two),
        (host_here, site, in_three),
        (elsewhere, other, in_two),
    ):
        ShiftAssignmentFactory(shift=ShiftFactory(site=s, starts=starts), volunteer=v)

    def names(**data):
        page = _post(coordinator_client, key=uuid.uuid4(), preview="1", **data).text
        return {n for n in ("Kaj", "Hans", "Eva") if n in page.split('id="preview-heading"')[-1]}

    assert names(site=site.pk) == {"Kaj", "Hans"}
    assert names(site=site.pk, role=cook.pk) == {"Kaj"}
    assert names(role=cook.pk) == {"Kaj", "Eva"}
    assert names(site=site.pk, day=timezone.localdate(in_three).isoformat()) == {"Hans"}


@pytest.mark.parametrize(
    "data, error",
    [
        ({}, "Vælg et sted, en rolle eller begge."),
        ({"day": "2026-12-24"}, "Vælg stedet for den dag."),
        ({"site": "abc"}, "Marker en gyldig valgmulighed"),
    ],
)
def test_bad_choices_are_explained_and_nothing_is_sent(coordinator_client, data, error):
    response = _post(coordinator_client, key=uuid.uuid4(), send="1", **data)
    assert response.status_code == 200
    assert error in response.text
    assert not Message.objects.exists()


def test_nobody_to_send_to_is_said(coordinator_client):
    role = VolunteerRoleFactory()
    response = _post(coordinator_client, key=uuid.uuid4(), send="1", role=role.pk)
    assert "der er ingen at sende til" in response.text
    assert not Message.objects.exists()


def test_a_volunteer_sees_recent_messages_on_mine_vagter(volunteer_client, volunteer_user):
    from volunteers import outbox

    me = VolunteerFactory(user=volunteer_user, email="")
    outbox.queue(
        kind=Message.Kind.COORDINATOR,
        subject="Julefrokost",
        letters=[outbox.Letter(me, "Julefrokost", "Kære dig, kom til julefrokost.")],
    )
    page = volunteer_client.get(reverse("volunteers:my_shifts")).text
    assert "Seneste beskeder" in page and "Julefrokost" in page and "kom til julefrokost" in page
    assert Delivery.objects.get().state == Delivery.State.IN_APP


def test_we_need_someone_goes_to_fitting_volunteers_and_the_first_taker_gets_it(
    coordinator_client, client
):
    from core.roles import Role
    from tests.core.factories import UserFactory
    from tests.volunteers.factories import TrainingSessionFactory, TrainingTopicFactory

    naloxone = TrainingTopicFactory(name="Naloxon")
    host = VolunteerRoleFactory(name="Vært", required_training=naloxone)
    shift = ShiftFactory(starts=at(5, 9), ends=at(5, 13), needs={host: 1})

    def volunteer(name, trained=True, **kwargs):
        user = UserFactory(username=name.lower(), role=Role.VOLUNTEER)
        v = VolunteerFactory(
            first_name=name, email=f"{name}@x.dk", user=user, roles=[host], **kwargs
        )
        if trained:
            TrainingSessionFactory(topic=naloxone).attendees.add(v)
        return v

    anna, bent = volunteer("Anna"), volunteer("Bent")
    volunteer("Carl", trained=False)  # lacks the training
    volunteer("Dina", status="paused")  # not active
    busy = volunteer("Erik")  # on another shift at the same time
    ShiftAssignmentFactory(shift=ShiftFactory(starts=at(5, 10), ends=at(5, 12)), volunteer=busy)
    away = volunteer("Fie")
    away.unavailabilities.create(starts_on=at(5).date(), ends_on=at(6).date())

    url = f"{URL}?need=1&shift={shift.pk}&role={host.pk}"
    form = coordinator_client.get(url).text
    assert "Vi mangler en Vært" in form
    key = form.split('name="key" value="')[1].split('"')[0]
    data = {"shift": shift.pk, "role": host.pk, "need": "True", "key": key}
    data |= {"subject": "Vi mangler en vært", "text": "Kan du?"}
    preview = coordinator_client.post(URL, {**data, "preview": "1"}).text
    assert "2 frivillige får denne besked" in preview
    coordinator_client.post(URL, {**data, "send": "1"})
    assert set(Delivery.objects.values_list("volunteer__first_name", flat=True)) == {"Anna", "Bent"}

    # The first to take it gets it; the second is refused, and the place stays Anna's.
    sign_up = reverse("volunteers:sign_up", args=[shift.pk])
    for who in (anna, bent):
        client.force_login(who.user)
        client.post(sign_up, {"role": host.pk})
    assert list(shift.assignments.values_list("volunteer__first_name", flat=True)) == ["Anna"]
    client.force_login(bent.user)
    page = client.post(sign_up, {"role": host.pk}, follow=True).text
    assert "Alle pladser som Vært på denne vagt er taget" in page
    # Bent sees it filled: no longer among the open shifts, offered a waiting list instead.
    mine = client.get(reverse("volunteers:my_shifts")).text
    assert f'action="{sign_up}"' not in mine
    assert reverse("volunteers:waiting_join", args=[shift.pk]) in mine
