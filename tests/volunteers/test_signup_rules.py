"""Sign-up per role (instant or request-and-confirm) and waiting lists on full shifts (issue 20)."""

import threading
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connections
from django.urls import reverse

from tests.volunteers.factories import ShiftAssignmentFactory, ShiftFactory, VolunteerFactory, at
from tests.volunteers.factories import VolunteerRoleFactory as RoleFactory
from volunteers import outbox, services
from volunteers.models import (
    Delivery,
    Message,
    ShiftAssignment,
    SignUpRequest,
    VolunteerRole,
    WaitingListEntry,
)

MY_SHIFTS = "/volunteers/my-shifts/"


@pytest.fixture
def bisidder(db):
    return RoleFactory(name="Bisidder", signup=VolunteerRole.SignUp.CONFIRM)


@pytest.fixture
def host(db):
    return RoleFactory(name="Social host")


@pytest.fixture
def me(volunteer_user, bisidder, host):
    return VolunteerFactory(user=volunteer_user, first_name="Charlie", roles=[bisidder, host])


@pytest.mark.django_db
def test_a_request_and_confirm_role_cannot_be_taken_without_confirmation(
    volunteer_client, me, bisidder
):
    shift = ShiftFactory(starts=at(4, 10), ends=at(4, 12), needs={bisidder: 1})
    with pytest.raises(services.ShiftError, match="bekræftelse"):
        services.assign(shift=shift, volunteer=me, role=bisidder, actor=None, self_service=True)
    # Through "Mine vagter": a request, no place.
    response = volunteer_client.post(
        reverse("volunteers:sign_up", args=[shift.pk]), {"role": bisidder.pk}, follow=True
    )
    assert "koordinator bekræfter" in response.text
    assert not ShiftAssignment.objects.filter(shift=shift).exists()
    request = SignUpRequest.objects.get(shift=shift, volunteer=me)
    assert request.state == SignUpRequest.State.PENDING
    # Asking twice is refused; the page shows the request waiting.
    with pytest.raises(services.ShiftError):
        services.request_place(shift=shift, volunteer=me, role=bisidder, actor=None)
    assert reverse("volunteers:request_withdraw", args=[request.pk]) in response.text


@pytest.mark.django_db
def test_the_coordinator_confirms_with_a_note_and_the_volunteer_is_told(
    coordinator_client, me, bisidder
):
    shift = ShiftFactory(starts=at(4, 10), ends=at(4, 12), needs={bisidder: 1})
    request = services.request_place(shift=shift, volunteer=me, role=bisidder, actor=None)
    page = coordinator_client.get(reverse("volunteers:request_list"))
    assert str(me) in page.text
    assert reverse("volunteers:request_decide", args=[request.pk]) in page.text
    coordinator_client.post(
        reverse("volunteers:request_decide", args=[request.pk]),
        {"decision": "confirm", "note": "Mød op 15 min før"},
    )
    request.refresh_from_db()
    assert request.state == SignUpRequest.State.CONFIRMED
    assert request.decided_by is not None
    assert ShiftAssignment.objects.filter(shift=shift, volunteer=me, role=bisidder).exists()
    delivery = Delivery.objects.get(volunteer=me, message__kind=Message.Kind.SIGNUP_DECIDED)
    assert delivery.subject.startswith("Bekræftet")
    assert "Mød op 15 min før" in delivery.body
    # A second answer is refused and changes nothing.
    with pytest.raises(services.ShiftError):
        services.decide_request(request=request, confirm=False, actor=None)
    outbox.send_due()
    assert [m.to for m in mail.outbox] == [[me.email]]


@pytest.mark.django_db
def test_a_declined_request_gives_no_place_and_tells_why(me, bisidder, coordinator_user):
    shift = ShiftFactory(starts=at(4, 10), ends=at(4, 12), needs={bisidder: 1})
    request = services.request_place(shift=shift, volunteer=me, role=bisidder, actor=None)
    services.decide_request(
        request=request, confirm=False, note="Vi mangler din børneattest", actor=coordinator_user
    )
    request.refresh_from_db()
    assert request.state == SignUpRequest.State.DECLINED
    assert not ShiftAssignment.objects.filter(shift=shift).exists()
    delivery = Delivery.objects.get(volunteer=me)
    assert "afvist" in delivery.body and "børneattest" in delivery.body


@pytest.mark.django_db
def test_confirming_a_full_role_is_refused_and_the_request_waits(me, bisidder):
    shift = ShiftFactory(starts=at(4, 10), ends=at(4, 12), needs={bisidder: 1})
    request = services.request_place(shift=shift, volunteer=me, role=bisidder, actor=None)
    ShiftAssignmentFactory(shift=shift, role=bisidder)
    with pytest.raises(services.ShiftError, match="taget"):
        services.decide_request(request=request, confirm=True, actor=None)
    request.refresh_from_db()
    assert request.state == SignUpRequest.State.PENDING
    assert not Delivery.objects.filter(volunteer=me).exists()


@pytest.mark.django_db
def test_a_withdrawn_request_leaves_the_coordinators_list(volunteer_client, me, bisidder):
    shift = ShiftFactory(starts=at(4, 10), ends=at(4, 12), needs={bisidder: 1})
    request = services.request_place(shift=shift, volunteer=me, role=bisidder, actor=None)
    volunteer_client.post(reverse("volunteers:request_withdraw", args=[request.pk]))
    request.refresh_from_db()
    assert request.state == SignUpRequest.State.WITHDRAWN
    with pytest.raises(services.ShiftError):
        services.decide_request(request=request, confirm=True, actor=None)


@pytest.mark.django_db
def test_the_first_on_the_waiting_list_gets_a_freed_place(volunteer_client, host, me):
    shift = ShiftFactory(starts=at(5, 10), ends=at(5, 14), needs={host: 1})
    on_it = VolunteerFactory(roles=[host])
    services.assign(shift=shift, volunteer=on_it, role=host, actor=None)
    # A free place is signed up for, not waited for.
    free = ShiftFactory(starts=at(6, 10), ends=at(6, 14), needs={host: 1})
    with pytest.raises(services.ShiftError, match="ledig"):
        services.join_waiting_list(shift=free, volunteer=me, role=host, actor=None)
    volunteer_client.post(reverse("volunteers:waiting_join", args=[shift.pk]), {"role": host.pk})
    second = VolunteerFactory(roles=[host])
    services.join_waiting_list(shift=shift, volunteer=second, role=host, actor=None)
    page = volunteer_client.get(MY_SHIFTS).text
    assert "På ventelisten" in page
    assert (
        reverse("volunteers:waiting_leave", args=[WaitingListEntry.objects.get(volunteer=me).pk])
        in page
    )
    placed = services.unassign(
        assignment=ShiftAssignment.objects.get(shift=shift, volunteer=on_it),
        actor=None,
        self_service=True,
    )
    assert placed is not None and placed.volunteer == me
    assert list(shift.assignments.values_list("volunteer", flat=True)) == [me.pk]
    assert WaitingListEntry.objects.get(volunteer=me).state == WaitingListEntry.State.PLACED
    assert WaitingListEntry.objects.get(volunteer=second).state == WaitingListEntry.State.WAITING
    delivery = Delivery.objects.get(volunteer=me, message__kind=Message.Kind.WAITING_LIST)
    assert "venteliste" in delivery.body
    assert not Delivery.objects.filter(volunteer=second).exists()


@pytest.mark.django_db
def test_the_waiting_list_skips_who_no_longer_fits_and_ignores_confirm_roles(host, bisidder, me):
    shift = ShiftFactory(starts=at(5, 10), ends=at(5, 14), needs={host: 1, bisidder: 1})
    services.assign(shift=shift, volunteer=VolunteerFactory(roles=[host]), role=host, actor=None)
    services.assign(
        shift=shift, volunteer=VolunteerFactory(roles=[bisidder]), role=bisidder, actor=None
    )
    with pytest.raises(services.ShiftError, match="bekræftelse"):
        services.join_waiting_list(shift=shift, volunteer=me, role=bisidder, actor=None)
    services.join_waiting_list(shift=shift, volunteer=me, role=host, actor=None)
    later = VolunteerFactory(roles=[host])
    services.join_waiting_list(shift=shift, volunteer=later, role=host, actor=None)
    # Meanwhile the first took another shift at the same time: the next gets the place.
    clash = ShiftFactory(starts=at(5, 11), ends=at(5, 13), needs={host: 1})
    services.assign(shift=clash, volunteer=me, role=host, actor=None)
    placed = services.unassign(
        assignment=shift.assignments.get(role=host), actor=None, self_service=False
    )
    assert placed.volunteer == later
    assert WaitingListEntry.objects.get(volunteer=me).state == WaitingListEntry.State.WAITING


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_freed_place_goes_once_while_others_sign_up_at_the_same_time(monkeypatch):
    """Someone cancels while two others try to take the place: the first on the waiting list
    gets it, nobody else, and the shift is never overfilled."""
    ContentType.objects.clear_cache()
    host = RoleFactory()
    shift = ShiftFactory(starts=at(5, 10), ends=at(5, 14), needs={host: 1})
    leaving, waiter = VolunteerFactory(roles=[host]), VolunteerFactory(roles=[host])
    takers = [VolunteerFactory(roles=[host]) for _ in range(2)]
    services.assign(shift=shift, volunteer=leaving, role=host, actor=None)
    services.join_waiting_list(shift=shift, volunteer=waiter, role=host, actor=None)
    real = services._fit_problems

    def slow(**kwargs):
        time.sleep(0.2)  # widen the window between checking and writing
        return real(**kwargs)

    monkeypatch.setattr(services, "_fit_problems", slow)
    barrier = threading.Barrier(3)
    outcomes: list[str] = []

    def run(action):
        try:
            barrier.wait()
            action()
            outcomes.append("ok")
        except services.ShiftError:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - reported through the assertion below
            outcomes.append(f"error: {error}")
        finally:
            connections.close_all()

    place = ShiftAssignment.objects.get(shift=shift)
    actions = [lambda: services.unassign(assignment=place, actor=None)] + [
        (lambda v=v: services.assign(shift=shift, volunteer=v, role=host, actor=None))
        for v in takers
    ]
    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused", "refused"]
    assert list(
        ShiftAssignment.objects.filter(shift=shift).values_list("volunteer", flat=True)
    ) == [waiter.pk]
    assert Delivery.objects.filter(volunteer=waiter, message__kind="waiting_list").count() == 1


@pytest.mark.django_db
def test_the_reference_data_makes_bisidder_request_and_confirm():
    from volunteers import reference

    reference.load(stdout=type("Out", (), {"write": lambda self, text: None})(), style=None)
    signups = dict(VolunteerRole.objects.values_list("code", "signup"))
    assert signups["bisidder"] == VolunteerRole.SignUp.CONFIRM
    assert signups["social-host"] == VolunteerRole.SignUp.INSTANT
