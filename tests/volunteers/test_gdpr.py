"""Personal data: my data page, anonymisation (view and command), the access log."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from core.roles import Role
from tests.core.factories import UserFactory
from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    TrainingSessionFactory,
    UnavailabilityFactory,
    VolunteerFactory,
    at,
)
from volunteers import selectors
from volunteers.models import ShiftAssignment, Volunteer

pytestmark = pytest.mark.django_db


def _left(days_ago: int, **kwargs) -> Volunteer:
    left_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    return VolunteerFactory(
        status=Volunteer.Status.LEFT,
        started_on=left_on - datetime.timedelta(days=300),
        left_on=left_on,
        first_name="Lise",
        last_name="Leftsen",
        email="lise@example.invalid",
        phone="+45 12 34 56 78",
        notes="Allergic to cats",
        **kwargs,
    )


def test_my_data_shows_everything_stored(volunteer_client, volunteer_user, coordinator_client):
    me = VolunteerFactory(
        user=volunteer_user, notes="Prefers mornings", languages="dansk, polsk", phone="+45 5555"
    )
    TrainingSessionFactory(attendees=[me])
    ShiftAssignmentFactory(volunteer=me, shift=ShiftFactory(note="n"))
    UnavailabilityFactory(volunteer=me, note="Holiday in Poland")
    coordinator_client.get(reverse("volunteers:volunteer_detail", args=[me.pk]))
    response = volunteer_client.get(reverse("volunteers:my_data"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    for text in ("Prefers mornings", "dansk, polsk", "+45 5555", "Holiday in Poland", me.email):
        assert text in response.text
    log = response.text.split("Who has looked at")[1]
    assert "Viewed" in log


def test_my_data_shows_only_ones_own(volunteer_client, volunteer_user):
    VolunteerFactory(user=volunteer_user)
    VolunteerFactory(notes="Someone else's secret")
    response = volunteer_client.get(reverse("volunteers:my_data"))
    assert "Someone else's secret" not in response.text


def test_viewing_a_record_is_logged(coordinator_client, coordinator_user):
    volunteer = VolunteerFactory()
    coordinator_client.get(reverse("volunteers:volunteer_detail", args=[volunteer.pk]))
    entry = AuditEntry.objects.get(action="view")
    assert entry.actor == coordinator_user
    assert entry.object_id == str(volunteer.pk)
    assert entry.content_type.model == "volunteer"


def test_a_coordinator_anonymises_a_volunteer_who_left(coordinator_client):
    user = UserFactory(username="lise", role=Role.VOLUNTEER)
    volunteer = _left(30, user=user)
    shift = ShiftFactory(starts=at(-40, 9), ends=at(-40, 13))
    ShiftAssignmentFactory(volunteer=volunteer, shift=shift)
    TrainingSessionFactory(attendees=[volunteer])
    UnavailabilityFactory(volunteer=volunteer)
    coordinator_client.get(reverse("volunteers:volunteer_detail", args=[volunteer.pk]))
    coordinator_client.post(reverse("volunteers:volunteer_anonymise", args=[volunteer.pk]))
    volunteer.refresh_from_db()
    assert volunteer.is_anonymised
    for field in ("first_name", "last_name", "email", "phone", "notes"):
        assert getattr(volunteer, field) == ""
    assert "Lise" not in str(volunteer)
    assert not get_user_model().objects.filter(username="lise").exists()
    assert not volunteer.unavailabilities.exists()
    # The counts remain: the shift, the hours, the training, the dates.
    assert ShiftAssignment.objects.filter(volunteer=volunteer).count() == 1
    day = timezone.localdate(shift.starts)
    hours = selectors.hours_by_site_and_month(day, day)
    assert hours[0].hours == 4
    assert volunteer.training_sessions.count() == 1
    assert selectors.left_volunteers(volunteer.left_on, volunteer.left_on).count() == 1
    # Earlier audit entries no longer carry the name.
    assert not AuditEntry.objects.filter(object_repr__contains="Lise").exists()
    page = coordinator_client.get(reverse("volunteers:volunteer_detail", args=[volunteer.pk]))
    assert "Leftsen" not in page.text


def test_an_active_volunteer_cannot_be_anonymised(coordinator_client):
    volunteer = VolunteerFactory(first_name="Aktiv")
    coordinator_client.post(reverse("volunteers:volunteer_anonymise", args=[volunteer.pk]))
    volunteer.refresh_from_db()
    assert not volunteer.is_anonymised
    assert volunteer.first_name == "Aktiv"


def test_a_staff_login_is_kept_but_unlinked_when_anonymised(coordinator_user):
    from volunteers.services import anonymise

    volunteer = _left(10, user=coordinator_user)
    anonymise(volunteer=volunteer, actor=None)
    coordinator_user.refresh_from_db()
    assert coordinator_user.is_active
    volunteer.refresh_from_db()
    assert volunteer.user is None


def test_managers_and_staff_cannot_anonymise(manager_client, staff_client):
    volunteer = _left(10)
    for client in (manager_client, staff_client):
        response = client.post(reverse("volunteers:volunteer_anonymise", args=[volunteer.pk]))
        assert response.status_code == 403
    volunteer.refresh_from_db()
    assert not volunteer.is_anonymised


def test_the_command_anonymises_those_who_left_long_ago(settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "VOLUNTEER_ANONYMISE_AFTER_DAYS": 365}
    old = _left(400)
    recent = _left(100)
    active = VolunteerFactory()
    call_command("anonymise_volunteers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for v in (old, recent, active):
        v.refresh_from_db()
    assert old.is_anonymised
    assert not recent.is_anonymised
    assert not active.is_anonymised
    # Running it again changes nothing.
    stamp = old.anonymised_at
    call_command("anonymise_volunteers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    old.refresh_from_db()
    assert old.anonymised_at == stamp


def test_the_command_follows_the_setting(settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "VOLUNTEER_ANONYMISE_AFTER_DAYS": 30}
    recent = _left(100)
    call_command("anonymise_volunteers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recent.refresh_from_db()
    assert recent.is_anonymised
