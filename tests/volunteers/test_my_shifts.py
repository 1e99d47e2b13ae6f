"""Mine vagter: upcoming and past, sign-up rules, cancellation notice, unavailability, privacy."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    TrainingSessionFactory,
    TrainingTopicFactory,
    UnavailabilityFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
    at,
)
from volunteers.models import ShiftAssignment, Unavailability

pytestmark = pytest.mark.django_db

MY_SHIFTS = "/volunteers/my-shifts/"


@pytest.fixture
def role():
    return VolunteerRoleFactory(name="Social host")


@pytest.fixture
def me(volunteer_user, role):
    return VolunteerFactory(user=volunteer_user, first_name="Charlie", roles=[role])


def test_the_page_lists_upcoming_and_past_shifts(volunteer_client, me, role):
    ShiftAssignmentFactory(
        volunteer=me, role=role, shift=ShiftFactory(starts=at(5, 10), note="Future shift note")
    )
    ShiftAssignmentFactory(
        volunteer=me, role=role, shift=ShiftFactory(starts=at(-5, 10), note="Past shift note")
    )
    response = volunteer_client.get(MY_SHIFTS, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    upcoming, past = response.text.split("Past shifts")
    assert "Future shift note" in upcoming
    assert "Past shift note" not in upcoming
    assert "Past shift note" in past


def test_a_volunteer_without_profile_is_told_to_ask(volunteer_client):
    response = volunteer_client.get(MY_SHIFTS, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "not linked to a volunteer profile" in response.text


def test_others_on_a_shared_shift_appear_by_first_name_only(volunteer_client, me, role):
    shift = ShiftFactory(needs={role: 2})
    ShiftAssignmentFactory(volunteer=me, role=role, shift=shift)
    other = VolunteerFactory(
        first_name="Ottilie", last_name="Privatsen", email="ottilie@example.invalid", phone="+4599"
    )
    ShiftAssignmentFactory(volunteer=other, role=role, shift=shift)
    response = volunteer_client.get(MY_SHIFTS)
    assert "Ottilie" in response.text
    assert "Privatsen" not in response.text
    assert "ottilie@example.invalid" not in response.text
    assert "+4599" not in response.text


def test_open_shifts_fit_roles_training_and_availability(volunteer_client, me, role):
    trained = TrainingTopicFactory()
    specialist = VolunteerRoleFactory(name="Foot care", required_training=trained)
    me.roles.add(specialist)
    fits = ShiftFactory(starts=at(3, 9), needs={role: 1}, note="fits-me")
    ShiftFactory(starts=at(3, 14), needs={VolunteerRoleFactory(): 1}, note="other-role")
    ShiftFactory(starts=at(4, 9), needs={specialist: 1}, note="needs-training")
    full = ShiftFactory(starts=at(5, 9), needs={role: 1}, note="is-full")
    ShiftAssignmentFactory(shift=full, role=role)
    ShiftFactory(starts=at(10, 9), needs={role: 1}, note="while-away")
    UnavailabilityFactory(
        volunteer=me,
        starts_on=timezone.localdate() + datetime.timedelta(days=9),
        ends_on=timezone.localdate() + datetime.timedelta(days=11),
    )
    text, waiting_lists = volunteer_client.get(MY_SHIFTS).text.split('id="full"')
    assert "fits-me" in text
    assert reverse("volunteers:sign_up", args=[fits.pk]) in text
    for hidden in ("other-role", "needs-training", "is-full", "while-away"):
        assert hidden not in text
    # The full shift in a role that fits is offered with its waiting list instead.
    assert "is-full" in waiting_lists
    assert reverse("volunteers:waiting_join", args=[full.pk]) in waiting_lists
    for hidden in ("other-role", "needs-training", "while-away"):
        assert hidden not in waiting_lists


def test_a_volunteer_signs_up_for_an_open_shift(volunteer_client, me, role):
    shift = ShiftFactory(needs={role: 1})
    response = volunteer_client.post(
        reverse("volunteers:sign_up", args=[shift.pk]), {"role": role.pk}
    )
    assert response.status_code == 302
    assert ShiftAssignment.objects.filter(shift=shift, volunteer=me, role=role).exists()


def test_sign_up_is_refused_without_the_required_training(volunteer_client, me):
    topic = TrainingTopicFactory()
    specialist = VolunteerRoleFactory(required_training=topic)
    me.roles.add(specialist)
    shift = ShiftFactory(needs={specialist: 1})
    url = reverse("volunteers:sign_up", args=[shift.pk])
    response = volunteer_client.post(
        url, {"role": specialist.pk}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert not ShiftAssignment.objects.exists()
    assert "has not had the training" in response.text
    TrainingSessionFactory(topic=topic, attendees=[me])
    volunteer_client.post(url, {"role": specialist.pk})
    assert ShiftAssignment.objects.filter(volunteer=me).exists()


def test_sign_up_is_refused_for_a_role_one_does_not_have(volunteer_client, me):
    other = VolunteerRoleFactory()
    shift = ShiftFactory(needs={other: 1})
    volunteer_client.post(reverse("volunteers:sign_up", args=[shift.pk]), {"role": other.pk})
    assert not ShiftAssignment.objects.exists()


def test_sign_up_is_refused_when_full_or_unavailable_or_started(volunteer_client, me, role):
    full = ShiftFactory(needs={role: 1})
    ShiftAssignmentFactory(shift=full, role=role)
    away = ShiftFactory(starts=at(10, 9), needs={role: 1})
    UnavailabilityFactory(
        volunteer=me,
        starts_on=timezone.localdate() + datetime.timedelta(days=10),
        ends_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    started = ShiftFactory(starts=timezone.now() - datetime.timedelta(hours=1), needs={role: 1})
    for shift in (full, away, started):
        volunteer_client.post(reverse("volunteers:sign_up", args=[shift.pk]), {"role": role.pk})
    assert not ShiftAssignment.objects.filter(volunteer=me).exists()


def test_sign_up_with_bad_input_saves_nothing(volunteer_client, me, role):
    shift = ShiftFactory(needs={role: 1})
    response = volunteer_client.post(reverse("volunteers:sign_up", args=[shift.pk]), {"role": "x"})
    assert response.status_code == 302
    assert not ShiftAssignment.objects.exists()


def test_a_volunteer_cancels_before_the_notice_period(volunteer_client, me, role, settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "SHIFT_CANCEL_NOTICE_HOURS": 48}
    assignment = ShiftAssignmentFactory(
        volunteer=me,
        role=role,
        shift=ShiftFactory(starts=timezone.now() + datetime.timedelta(hours=49)),
    )
    volunteer_client.post(reverse("volunteers:cancel", args=[assignment.pk]))
    assert not ShiftAssignment.objects.filter(pk=assignment.pk).exists()


def test_after_the_notice_period_the_page_says_call_the_coordinator(
    volunteer_client, me, role, settings
):
    settings.VARMESTUE = {**settings.VARMESTUE, "SHIFT_CANCEL_NOTICE_HOURS": 48}
    assignment = ShiftAssignmentFactory(
        volunteer=me,
        role=role,
        shift=ShiftFactory(starts=timezone.now() + datetime.timedelta(hours=47)),
    )
    page = volunteer_client.get(MY_SHIFTS, HTTP_ACCEPT_LANGUAGE="en")
    assert "please call the coordinator" in page.text
    assert reverse("volunteers:cancel", args=[assignment.pk]) not in page.text
    response = volunteer_client.post(
        reverse("volunteers:cancel", args=[assignment.pk]), HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert ShiftAssignment.objects.filter(pk=assignment.pk).exists()
    assert "Please call the coordinator" in response.text


def test_the_notice_period_is_configurable(volunteer_client, me, role, settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "SHIFT_CANCEL_NOTICE_HOURS": 2}
    assignment = ShiftAssignmentFactory(
        volunteer=me,
        role=role,
        shift=ShiftFactory(starts=timezone.now() + datetime.timedelta(hours=3)),
    )
    volunteer_client.post(reverse("volunteers:cancel", args=[assignment.pk]))
    assert not ShiftAssignment.objects.filter(pk=assignment.pk).exists()


def test_a_volunteer_cannot_cancel_another_volunteers_shift(volunteer_client, me):
    theirs = ShiftAssignmentFactory()
    response = volunteer_client.post(reverse("volunteers:cancel", args=[theirs.pk]))
    assert response.status_code == 404
    assert ShiftAssignment.objects.filter(pk=theirs.pk).exists()


def test_unavailability_is_added_and_removed(volunteer_client, me):
    today = timezone.localdate()
    volunteer_client.post(
        reverse("volunteers:unavailability_add"),
        {
            "starts_on": today + datetime.timedelta(days=1),
            "ends_on": today + datetime.timedelta(days=5),
        },
    )
    period = Unavailability.objects.get(volunteer=me)
    assert period.ends_on == today + datetime.timedelta(days=5)
    volunteer_client.post(reverse("volunteers:unavailability_delete", args=[period.pk]))
    assert not Unavailability.objects.exists()


def test_an_unavailability_ending_before_it_starts_is_refused(volunteer_client, me):
    today = timezone.localdate()
    response = volunteer_client.post(
        reverse("volunteers:unavailability_add"),
        {
            "starts_on": today + datetime.timedelta(days=5),
            "ends_on": today + datetime.timedelta(days=1),
        },
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert response.status_code == 200
    assert "cannot end before it starts" in response.text
    assert not Unavailability.objects.exists()


def test_a_volunteer_cannot_remove_another_volunteers_unavailability(volunteer_client, me):
    theirs = UnavailabilityFactory()
    response = volunteer_client.post(reverse("volunteers:unavailability_delete", args=[theirs.pk]))
    assert response.status_code == 404
    assert Unavailability.objects.filter(pk=theirs.pk).exists()


def test_volunteers_cannot_open_the_roster_or_registry(volunteer_client, me):
    other = VolunteerFactory()
    assert volunteer_client.get(reverse("volunteers:roster")).status_code == 403
    assert (
        volunteer_client.get(reverse("volunteers:volunteer_detail", args=[other.pk])).status_code
        == 403
    )
    assert (
        volunteer_client.get(reverse("volunteers:volunteer_update", args=[me.pk])).status_code
        == 403
    )


def test_the_dashboard_shows_a_volunteers_next_shifts(volunteer_client, me, role):
    ShiftAssignmentFactory(volunteer=me, role=role, shift=ShiftFactory(note="x"))
    response = volunteer_client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert "My next shifts" in response.text
    assert "Social host" in response.text
