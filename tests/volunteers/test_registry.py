"""The registry: volunteers, roles, training topics and sessions, and the coordinator's panel."""

import pytest
from django.urls import reverse

from core.models import AuditEntry
from core.roles import Role
from tests.core.factories import UserFactory
from tests.core.formwalk import post_edit
from tests.volunteers.factories import (
    ShiftFactory,
    TrainingTopicFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
)
from volunteers.models import TrainingSession, Volunteer, VolunteerRole

pytestmark = pytest.mark.django_db


def _volunteer_data(**extra):
    data = {
        "first_name": "Nina",
        "last_name": "Ny",
        "email": "nina@example.invalid",
        "phone": "",
        "recruited_via": "fcs",
        "status": "active",
        "interested_on": "2026-01-01",
        "introduced_on": "2026-01-10",
        "started_on": "2026-02-01",
        "left_on": "",
        "languages": "dansk",
        "notes": "",
        "consent_given_on": "2026-01-10",
        "consent_text": "Contact details for rosters",
    }
    data.update(extra)
    return data


def test_a_coordinator_registers_a_volunteer_with_roles_and_login(coordinator_client):
    role = VolunteerRoleFactory()
    login = UserFactory(username="nina", role=Role.VOLUNTEER)
    response = coordinator_client.post(
        reverse("volunteers:volunteer_create"),
        _volunteer_data(roles=[role.pk], user=login.pk, is_key_holder="on"),
    )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.user == login
    assert list(volunteer.roles.all()) == [role]
    assert volunteer.is_key_holder
    assert AuditEntry.objects.filter(action="create", object_id=str(volunteer.pk)).exists()


def test_an_active_volunteer_needs_a_start_date(coordinator_client):
    response = coordinator_client.post(
        reverse("volunteers:volunteer_create"),
        _volunteer_data(started_on=""),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Give the date the volunteer became active" in response.text
    assert not Volunteer.objects.exists()


def test_leaving_before_starting_is_refused(coordinator_client):
    response = coordinator_client.post(
        reverse("volunteers:volunteer_create"),
        _volunteer_data(status="left", left_on="2026-01-01"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "cannot leave before starting" in response.text
    assert not Volunteer.objects.exists()


def test_an_edit_is_audited(coordinator_client):
    volunteer = VolunteerFactory(first_name="Old")
    post_edit(
        coordinator_client,
        reverse("volunteers:volunteer_update", args=[volunteer.pk]),
        _volunteer_data(first_name="New"),
    )
    volunteer.refresh_from_db()
    assert volunteer.first_name == "New"
    entry = AuditEntry.objects.get(action="update")
    assert entry.changes["first_name"] == ["Old", "New"]


def test_managers_read_the_registry_but_cannot_edit(manager_client):
    volunteer = VolunteerFactory(first_name="Readable")
    assert "Readable" in manager_client.get(reverse("volunteers:volunteer_list")).text
    assert (
        manager_client.get(reverse("volunteers:volunteer_detail", args=[volunteer.pk])).status_code
        == 200
    )
    response = post_edit(
        manager_client,
        reverse("volunteers:volunteer_update", args=[volunteer.pk]),
        _volunteer_data(),
    )
    assert response.status_code == 403


def test_staff_cannot_see_the_registry(staff_client):
    volunteer = VolunteerFactory()
    assert staff_client.get(reverse("volunteers:volunteer_list")).status_code == 403
    assert (
        staff_client.get(reverse("volunteers:volunteer_detail", args=[volunteer.pk])).status_code
        == 403
    )


def test_roles_are_editable(coordinator_client):
    topic = TrainingTopicFactory()
    coordinator_client.post(
        reverse("volunteers:role_create"),
        {
            "name": "Café helper",
            "code": "cafe",
            "description": "",
            "required_training": topic.pk,
            "signup": "instant",
        },
    )
    role = VolunteerRole.objects.get(code="cafe")
    assert role.required_training == topic
    assert role.signup == VolunteerRole.SignUp.INSTANT
    post_edit(
        coordinator_client,
        reverse("volunteers:role_update", args=[role.pk]),
        {
            "name": "Café host",
            "code": "cafe",
            "description": "",
            "required_training": "",
            "signup": "confirm",
        },
    )
    role.refresh_from_db()
    assert role.name == "Café host"
    assert role.required_training is None
    assert role.signup == VolunteerRole.SignUp.CONFIRM


def test_a_training_session_records_who_attended(coordinator_client):
    topic = TrainingTopicFactory()
    a, b = VolunteerFactory(), VolunteerFactory()
    response = coordinator_client.post(
        reverse("volunteers:training_create"),
        {
            "topic": topic.pk,
            "held_on": "2026-03-01",
            "title": "",
            "held_by": "",
            "attendees": [a.pk, b.pk],
        },
    )
    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert set(session.attendees.all()) == {a, b}
    page = coordinator_client.get(reverse("volunteers:training_list"))
    assert topic.name in page.text


def test_the_coordinator_dashboard_shows_this_weeks_gaps(coordinator_client, monkeypatch):
    import datetime

    from django.utils import timezone

    # A fixed Wednesday noon: "now + a little" stays inside this week whenever the test runs
    # (on a Sunday just before midnight it fell into next week).
    wednesday_noon = timezone.make_aware(datetime.datetime(2026, 12, 2, 12, 0))
    monkeypatch.setattr(timezone, "now", lambda: wednesday_noon)
    role = VolunteerRoleFactory(name="Gap role")
    ShiftFactory(starts=wednesday_noon + datetime.timedelta(hours=2), needs={role: 1})
    ShiftFactory(starts=wednesday_noon + datetime.timedelta(days=5), needs={role: 1})  # next week
    response = coordinator_client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Gaps in this week" in response.text
    assert response.text.count("1 × Gap role missing") == 1  # next week's shift is not listed


def test_the_roster_and_registry_pages_render_in_danish(coordinator_client):
    VolunteerFactory()
    response = coordinator_client.get(reverse("volunteers:volunteer_list"))
    assert "Frivillige" in response.text
    response = coordinator_client.get(reverse("volunteers:roster"))
    assert response.status_code == 200
