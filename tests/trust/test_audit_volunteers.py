"""Volunteers through the real pages: the registry and training records in the history, and
anonymising (the page or the nightly command) taking the person out of the history.

Decision (docs/decisions.md): other objects' entries refer to a volunteer by id and show the
current name; the volunteer's own entries lose their values when anonymised.
"""

import datetime
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import history_for
from core.models import AuditEntry
from core.roles import Role
from tests.core.factories import UserFactory
from tests.trust.auditpages import (
    assert_hidden_from,
    assert_recent,
    history,
    object_history,
    shown_time,
    submit,
)
from tests.trust.test_two_factor import code
from tests.volunteers.factories import (
    ShiftFactory,
    TrainingSessionFactory,
    TrainingTopicFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
    at,
)
from volunteers.models import TrainingSession, Volunteer

pytestmark = pytest.mark.django_db

REFERENCE = "volunteers.volunteer"


@pytest.fixture
def others(staff_client, volunteer_client, client):
    return [staff_client, volunteer_client, client]


def test_creating_a_volunteer_is_recorded(coordinator_client, manager_client, others):
    response = submit(
        coordinator_client,
        reverse("volunteers:volunteer_create"),
        {"first_name": "Ingrid", "last_name": "Nyborg", "phone": "+45 20 30 40 50"},
    )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(last_name="Nyborg")
    entry = history_for(volunteer).get()
    assert (entry.action, entry.actor.username) == ("create", "bob")
    assert_recent(entry)
    assert entry.changes["phone"] == [None, "+45 20 30 40 50"]
    page = object_history(coordinator_client, volunteer)
    assert "Ingrid Nyborg" in page and "+45 20 30 40 50" in page
    assert shown_time(entry) in page
    # Managers read the history but do not edit volunteers: which fields, not their values.
    page = object_history(manager_client, volunteer)
    assert "Ingrid Nyborg" in page and shown_time(entry) in page
    assert "+45 20 30 40 50" not in page and "•••" in page
    assert_hidden_from(others, "Nyborg", instance=volunteer)


def test_editing_a_volunteer_is_recorded(coordinator_client, others):
    volunteer = VolunteerFactory(first_name="Ove", last_name="Redigeret", phone="+45 1111 1111")
    response = submit(
        coordinator_client,
        reverse("volunteers:volunteer_update", args=[volunteer.pk]),
        {"phone": "+45 2222 2222", "is_key_holder": "on"},
    )
    assert response.status_code == 302
    entry = history_for(volunteer).get()
    assert (entry.action, entry.actor.username) == ("update", "bob")
    assert entry.changes == {
        "phone": ["+45 1111 1111", "+45 2222 2222"],
        "is_key_holder": [False, True],
    }
    page = history(coordinator_client)
    assert "+45 1111 1111 → +45 2222 2222" in page
    assert_hidden_from(others, "+45 2222 2222", instance=volunteer)


def test_training_records_are_recorded_with_who_attended(coordinator_client, others):
    topic = TrainingTopicFactory(name="Førstehjælp")
    anna = VolunteerFactory(first_name="Anna", last_name="Kursist")
    held_on = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    response = submit(
        coordinator_client,
        reverse("volunteers:training_create"),
        {"topic": str(topic.pk), "held_on": held_on, "attendees": [str(anna.pk)]},
    )
    assert response.status_code == 302
    session = TrainingSession.objects.get(topic=topic)
    response = submit(
        coordinator_client,
        reverse("volunteers:training_update", args=[session.pk]),
        {"attendees": [], "held_by": "Røde Kors"},
    )
    assert response.status_code == 302

    removed, added = history_for(session)
    assert added.action == "create"
    assert added.changes["attendees"] == [None, [{"ref": REFERENCE, "pk": anna.pk}]]
    assert removed.changes["attendees"] == [[{"ref": REFERENCE, "pk": anna.pk}], []]
    page = object_history(coordinator_client, session)
    assert page.count("Anna Kursist") == 2 and "Røde Kors" in page
    assert_hidden_from(others, "Kursist", instance=session)


PERSON = {
    "first_name": "Ingeborg",
    "last_name": "Hemmelighedsfuld",
    "email": "ingeborg.h@example.invalid",
    "phone": "+45 98 76 54 32",
    "notes": "Bor hos sin søster i Halsskov",
    "languages": "færøsk",
}


def _a_volunteer_with_a_history(coordinator_client, host, topic):
    """Everything a year with us leaves in the history, made through the pages."""
    login = UserFactory(username="ingeborg.login", role=Role.VOLUNTEER)
    started = timezone.localdate() - datetime.timedelta(days=800)
    response = submit(
        coordinator_client,
        reverse("volunteers:volunteer_create"),
        {
            **PERSON,
            "status": "active",
            "started_on": started.isoformat(),
            "roles": [str(host.pk)],
            "user": str(login.pk),
        },
    )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(last_name=PERSON["last_name"])

    # She turns on two-factor login and signs up for a shift herself.
    own = Client()
    own.force_login(login)
    own.get(reverse("core:two_factor_setup"))
    device = TOTPDevice.objects.get(user=login)
    data = {"token": code(device), "password": "correct horse battery staple"}
    assert own.post(reverse("core:two_factor_setup"), data).status_code == 302
    shift = ShiftFactory(starts=at(5, 10), needs={host: 1})
    submit(own, reverse("volunteers:my_shifts"), {"role": str(host.pk)})
    assert volunteer.assignments.count() == 1

    # The coordinator records her training, looks at her record, and she leaves.
    session = TrainingSessionFactory(topic=topic)
    submit(
        coordinator_client,
        reverse("volunteers:training_update", args=[session.pk]),
        {"attendees": [str(volunteer.pk)]},
    )
    coordinator_client.get(reverse("volunteers:volunteer_detail", args=[volunteer.pk]))
    left_on = timezone.localdate() - datetime.timedelta(days=400)
    response = submit(
        coordinator_client,
        reverse("volunteers:volunteer_update", args=[volunteer.pk]),
        {"status": "left", "left_on": left_on.isoformat(), "phone": "+45 11 11 11 11"},
    )
    assert response.status_code == 302
    return volunteer, shift, session


def _anonymise_through_the_page(client, volunteer):
    response = client.post(reverse("volunteers:volunteer_anonymise", args=[volunteer.pk]))
    assert response.status_code == 302


def _anonymise_with_the_command(client, volunteer):
    call_command("anonymise_volunteers", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("anonymise", [_anonymise_through_the_page, _anonymise_with_the_command])
def test_anonymising_takes_the_person_out_of_the_history(
    anonymise, coordinator_client, manager_client, settings
):
    settings.VARMESTUE = {**settings.VARMESTUE, "VOLUNTEER_ANONYMISE_AFTER_DAYS": 365}
    host = VolunteerRoleFactory(name="Vært")
    topic = TrainingTopicFactory(name="Førstehjælp")
    volunteer, shift, session = _a_volunteer_with_a_history(coordinator_client, host, topic)
    secrets = [*PERSON.values(), "+45 11 11 11 11", "ingeborg.login"]
    page = history(coordinator_client)
    assert all(secret in page for secret in (PERSON["last_name"], "ingeborg.login"))
    before = AuditEntry.objects.count()  # with the views of her data the page just logged

    anonymise(coordinator_client, volunteer)

    volunteer.refresh_from_db()
    assert volunteer.is_anonymised
    # Nothing stored in the history still names her, contacts her or describes her ...
    stored = json.dumps(
        list(AuditEntry.objects.values("object_repr", "changes", "note")), ensure_ascii=False
    )
    for secret in secrets:
        assert secret not in stored, secret
    # ... nor does any page of it, whole or per object, for coordinators or managers.
    with translation.override("da"):
        anonymised = str(volunteer)
    assert AuditEntry.objects.count() < 50  # one page of history holds them all
    pages = [history(coordinator_client), history(manager_client)] + [
        object_history(coordinator_client, obj) for obj in (shift, session, volunteer)
    ]
    for page in pages:
        for secret in secrets:
            assert secret not in page, secret
    # Who did what, and when, stays: every entry is kept, plus the anonymisation itself.
    assert AuditEntry.objects.count() == before + 1
    shift_page = object_history(coordinator_client, shift)
    assert f"{anonymised}, Vært" in shift_page and "tilmeldt af den frivillige selv" in shift_page
    assert anonymised in object_history(coordinator_client, session)
    assert history_for(session).get().actor.username == "bob"
    last = history_for(volunteer).first()
    assert last.note == "anonymised"
    assert_recent(last)


def test_anonymising_keeps_other_volunteers_names(coordinator_client, settings):
    host = VolunteerRoleFactory(name="Vært")
    topic = TrainingTopicFactory()
    volunteer, _, session = _a_volunteer_with_a_history(coordinator_client, host, topic)
    colleague = VolunteerFactory(first_name="Kollega", last_name="Bliversen")
    submit(
        coordinator_client,
        reverse("volunteers:training_update", args=[session.pk]),
        {"attendees": [str(volunteer.pk), str(colleague.pk)]},
    )
    _anonymise_through_the_page(coordinator_client, volunteer)
    page = object_history(coordinator_client, session)
    assert "Kollega Bliversen" in page
    assert PERSON["last_name"] not in page


def test_a_volunteer_marking_themselves_unavailable_is_recorded(
    volunteer_client, volunteer_user, coordinator_client, manager_client, others
):
    me = VolunteerFactory(user=volunteer_user, first_name="Charlie", last_name="Fraværsen")
    my_shifts = reverse("volunteers:my_shifts")
    first = timezone.localdate() + datetime.timedelta(days=3)
    last = first + datetime.timedelta(days=4)
    response = submit(
        volunteer_client,
        my_shifts,
        {"starts_on": first.isoformat(), "ends_on": last.isoformat(), "note": "Sommerferie"},
        action=reverse("volunteers:unavailability_add"),
    )
    assert response.status_code == 302
    period = me.unavailabilities.get()
    response = submit(
        volunteer_client,
        my_shifts,
        {},
        action=reverse("volunteers:unavailability_delete", args=[period.pk]),
    )
    assert response.status_code == 302
    assert not me.unavailabilities.exists()

    removed, added = history_for(me)
    text = f"{first:%Y-%m-%d} – {last:%Y-%m-%d}: Sommerferie"
    assert (added.note, added.changes) == ("unavailability added", {"unavailable": [None, text]})
    assert (removed.note, removed.changes) == (
        "unavailability removed",
        {"unavailable": [text, None]},
    )
    assert {added.actor, removed.actor} == {volunteer_user}
    assert_recent(removed)
    page = object_history(coordinator_client, me)
    assert page.count("Sommerferie") == 2 and "charlie" in page
    page = object_history(manager_client, me)
    assert "Sommerferie" not in page and "charlie" in page and "•••" in page
    assert_hidden_from(others, "Sommerferie", instance=me)
