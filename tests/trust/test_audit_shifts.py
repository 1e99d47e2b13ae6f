"""Shifts through the real pages: who created, changed, filled and emptied a shift, and when.

Coordinators and managers read it in the audit history; staff, volunteers and visitors who
are not logged in do not.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.audit import history_for
from tests.sites.factories import SiteFactory
from tests.trust.auditpages import (
    assert_hidden_from,
    assert_recent,
    history,
    object_history,
    shown_time,
    submit,
)
from tests.volunteers.factories import (
    ShiftFactory,
    ShiftTemplateFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
    at,
)
from volunteers.models import Shift, ShiftAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def host():
    return VolunteerRoleFactory(name="Vært")


@pytest.fixture
def others(staff_client, volunteer_client, client):
    return [staff_client, volunteer_client, client]


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _roster(shift: Shift) -> str:
    day = timezone.localdate(shift.starts).isoformat()
    return f"{reverse('volunteers:roster')}?site={shift.site_id}&date={day}"


def test_creating_a_shift_is_recorded(coordinator_client, manager_client, others, host):
    site = SiteFactory(name="Pavillonen")
    response = submit(
        coordinator_client,
        f"{reverse('volunteers:shift_create')}?site={site.pk}",
        {
            "starts": _local(at(10, 9)),
            "ends": _local(at(10, 13)),
            "outside_hours_reason": "Ekstra vagt til julefrokost",
            "needs-0-role": str(host.pk),
            "needs-0-count": "2",
        },
    )
    assert response.status_code == 302
    shift = Shift.objects.get(site=site)
    entry = history_for(shift).get()
    assert (entry.action, entry.actor.username) == ("create", "bob")
    assert_recent(entry)
    assert entry.changes["outside_hours_reason"] == [None, "Ekstra vagt til julefrokost"]
    assert entry.changes["needs"] == [[], ["2 × Vært"]]
    for client in (coordinator_client, manager_client):
        page = object_history(client, shift)
        assert str(shift) in page and "bob" in page and shown_time(entry) in page
        assert "2 × Vært" in page
    assert_hidden_from(others, "Ekstra vagt til julefrokost", instance=shift)


def test_editing_a_shift_and_its_roles_needed_is_recorded(coordinator_client, others, host):
    shift = ShiftFactory(needs={host: 1}, outside_hours_reason="Ekstra")
    response = submit(
        coordinator_client,
        reverse("volunteers:shift_update", args=[shift.pk]),
        {"note": "Husk nøglen til skuret", "needs-0-count": "3"},
    )
    assert response.status_code == 302
    entry = history_for(shift).get()
    assert (entry.action, entry.actor.username) == ("update", "bob")
    assert entry.changes == {
        "note": ["", "Husk nøglen til skuret"],
        "needs": [["1 × Vært"], ["3 × Vært"]],
    }
    page = history(coordinator_client)
    assert "Husk nøglen til skuret" in page and "3 × Vært" in page
    assert_hidden_from(others, "Husk nøglen til skuret", instance=shift)


def test_a_shift_a_template_generates_is_recorded(coordinator_client, others, host):
    template = ShiftTemplateFactory(outside_hours_reason="Altid", needs={host: 1})
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    response = submit(
        coordinator_client,
        reverse("volunteers:template_generate", args=[template.pk]),
        {"start": monday.isoformat(), "end": (monday + datetime.timedelta(days=13)).isoformat()},
    )
    assert response.status_code == 302
    shifts = list(Shift.objects.filter(template=template))
    assert len(shifts) == 2
    for shift in shifts:
        entry = history_for(shift).get()
        assert (entry.action, entry.actor.username) == ("create", "bob")
        assert entry.changes == {"template": [None, str(template)]}
    assert str(shifts[0]) in history(coordinator_client)
    assert_hidden_from(others, str(shifts[0]), instance=shifts[0])


def test_assigning_and_unassigning_on_the_roster_are_recorded(
    coordinator_client, manager_client, others, host
):
    shift = ShiftFactory(starts=at(3, 9), needs={host: 1})
    anna = VolunteerFactory(first_name="Anna", last_name="Assignsen", roles=[host])
    response = submit(
        coordinator_client,
        _roster(shift),
        {"volunteer": str(anna.pk), "role": str(host.pk)},
        action=reverse("volunteers:assign", args=[shift.pk]),
    )
    assert response.status_code == 302
    assignment = ShiftAssignment.objects.get(shift=shift, volunteer=anna)
    response = submit(
        coordinator_client,
        _roster(shift),
        {},
        action=reverse("volunteers:unassign", args=[assignment.pk]),
    )
    assert response.status_code == 302
    assert not ShiftAssignment.objects.exists()

    removed, added = history_for(shift)
    reference = {"ref": "volunteers.volunteer", "pk": anna.pk}
    assert added.changes == {"assigned": [None, [reference, "Vært"]]}
    assert removed.changes == {"assigned": [[reference, "Vært"], None]}
    assert {added.actor.username, removed.actor.username} == {"bob"}
    for client in (coordinator_client, manager_client):
        page = object_history(client, shift)
        assert page.count("Anna Assignsen, Vært") == 2
        assert shown_time(added) in page
    assert_hidden_from(others, "Assignsen", instance=shift)


def test_a_volunteer_signing_up_and_cancelling_on_my_shifts_is_recorded(
    volunteer_client, volunteer_user, coordinator_client, staff_client, client, host
):
    me = VolunteerFactory(user=volunteer_user, first_name="Charlie", last_name="Selv", roles=[host])
    shift = ShiftFactory(starts=at(5, 10), needs={host: 1})
    my_shifts = reverse("volunteers:my_shifts")
    response = submit(
        volunteer_client,
        my_shifts,
        {"role": str(host.pk)},
        action=reverse("volunteers:sign_up", args=[shift.pk]),
    )
    assert response.status_code == 302
    assignment = ShiftAssignment.objects.get(shift=shift, volunteer=me)
    response = submit(
        volunteer_client, my_shifts, {}, action=reverse("volunteers:cancel", args=[assignment.pk])
    )
    assert response.status_code == 302
    assert not ShiftAssignment.objects.exists()

    cancelled, signed_up = history_for(shift)
    assert {signed_up.actor, cancelled.actor} == {volunteer_user}
    assert (signed_up.note, cancelled.note) == ("self sign-up", "self cancellation")
    assert signed_up.changes["assigned"][1][0] == {"ref": "volunteers.volunteer", "pk": me.pk}
    page = object_history(coordinator_client, shift)
    assert page.count("charlie") == 2
    # The note is kept as its English source text and shown in the reader's language (19.6).
    assert "Charlie Selv, Vært" in page and "tilmeldt af den frivillige selv" in page
    assert "self sign-up" not in page
    # The volunteer sees only their own page of data, never the history of the shift.
    assert_hidden_from(
        [volunteer_client, staff_client, client], "tilmeldt af den frivillige selv", instance=shift
    )


def test_a_recurring_shift_and_its_roles_needed_are_recorded(coordinator_client, others, host):
    template = ShiftTemplateFactory(needs={host: 1})
    response = submit(
        coordinator_client,
        reverse("volunteers:template_update", args=[template.pk]),
        {"needs-0-count": "2"},
    )
    assert response.status_code == 302
    entry = history_for(template).get()
    assert entry.changes == {"needs": [["1 × Vært"], ["2 × Vært"]]}
    assert "2 × Vært" in history(coordinator_client)
    assert_hidden_from(others, "2 × Vært", instance=template)
