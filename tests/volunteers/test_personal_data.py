"""Volunteers' personal data (issue 16): every view of it is logged, no page or file with it is
cached, and a volunteer who leaves loses the calendar feed and the login."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from core.audit import history_for
from core.models import AuditEntry
from core.roles import Role
from tests.trust.auditpages import object_history, submit
from tests.volunteers.factories import VolunteerFactory
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def views_of(volunteer) -> list[AuditEntry]:
    return list(history_for(volunteer).filter(action="view"))


def test_the_volunteer_list_logs_a_view_of_everyone_on_it(coordinator_client, coordinator_user):
    shown = [VolunteerFactory(), VolunteerFactory()]
    paused = VolunteerFactory(status=Volunteer.Status.PAUSED)
    response = coordinator_client.get(reverse("volunteers:volunteer_list"), {"status": "active"})
    assert response.status_code == 200
    for volunteer in shown:
        [entry] = views_of(volunteer)
        assert (entry.actor, entry.note) == (coordinator_user, "Set i listen over frivillige")
    assert views_of(paused) == []  # not on the page, not seen


def test_the_admin_logs_its_list_and_change_pages(superuser_client, superuser):
    volunteer = VolunteerFactory()
    assert superuser_client.get("/admin/volunteers/volunteer/").status_code == 200
    assert [e.note for e in views_of(volunteer)] == ["Set i administrationens liste"]
    response = superuser_client.get(f"/admin/volunteers/volunteer/{volunteer.pk}/change/")
    assert response.status_code == 200
    notes = sorted(e.note for e in views_of(volunteer))
    assert notes == ["Set i administrationens liste", "Åbnet i administrationen"]
    assert {e.actor for e in views_of(volunteer)} == {superuser}


def test_the_audit_history_logs_the_values_it_shows_and_masks_them_for_managers(
    coordinator_client, coordinator_user, manager_client
):
    volunteer = VolunteerFactory(phone="+45 20 30 40 50")
    submit(
        coordinator_client,
        reverse("volunteers:volunteer_update", args=[volunteer.pk]),
        {"phone": "+45 99 88 77 66"},
    )
    assert views_of(volunteer) == []
    page = object_history(manager_client, volunteer)
    assert "+45 99 88 77 66" not in page and "•••" in page
    assert views_of(volunteer) == []  # nothing of hers was shown
    page = object_history(coordinator_client, volunteer)
    assert "+45 99 88 77 66" in page
    [entry] = views_of(volunteer)
    assert (entry.actor, entry.note) == (coordinator_user, "Set i ændringsloggen")


def _no_store(response) -> bool:
    tokens = {t.strip() for t in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= tokens


def test_pages_and_files_with_personal_data_are_never_stored(
    coordinator_client, volunteer_client, volunteer_user, manager_client, superuser_client
):
    volunteer = VolunteerFactory()
    me = VolunteerFactory(user=volunteer_user)
    today = timezone.localdate()
    period = {"start": today - datetime.timedelta(days=30), "end": today}
    responses = {
        "list": coordinator_client.get(reverse("volunteers:volunteer_list")),
        "detail": coordinator_client.get(
            reverse("volunteers:volunteer_detail", args=[volunteer.pk])
        ),
        "edit": coordinator_client.get(reverse("volunteers:volunteer_update", args=[volunteer.pk])),
        "roster": coordinator_client.get(reverse("volunteers:roster")),
        "hours csv": coordinator_client.get(reverse("volunteers:export_csv"), period),
        "hours xlsx": coordinator_client.get(reverse("volunteers:export_xlsx"), period),
        "audit": coordinator_client.get(reverse("core:audit")),
        "my data": volunteer_client.get(reverse("volunteers:my_data")),
        "my shifts": volunteer_client.get(reverse("volunteers:my_shifts")),
        "feed": volunteer_client.get(reverse("volunteers:feed", args=[me.feed_token])),
        "usb report": manager_client.get(
            reverse("reports:usb_download", kwargs={"format": "csv"}), {"period": "year:2025"}
        ),
        "admin": superuser_client.get(f"/admin/volunteers/volunteer/{volunteer.pk}/change/"),
    }
    for name, response in responses.items():
        assert response.status_code == 200, name
        assert _no_store(response), (name, response.get("Cache-Control"))


def test_the_public_feed_is_not_stored_either(client, volunteer_user):
    me = VolunteerFactory(user=volunteer_user)
    response = client.get(reverse("volunteers:feed", args=[me.feed_token]))
    assert response.status_code == 200 and _no_store(response)


def _leave(coordinator_client, volunteer):
    response = submit(
        coordinator_client,
        reverse("volunteers:volunteer_update", args=[volunteer.pk]),
        {"status": "left", "left_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()


def test_leaving_stops_the_feed_and_the_login(
    coordinator_client, volunteer_client, volunteer_user, client
):
    volunteer = VolunteerFactory(user=volunteer_user)
    feed = reverse("volunteers:feed", args=[volunteer.feed_token])
    assert client.get(feed).status_code == 200
    assert volunteer_client.get(reverse("volunteers:my_shifts")).status_code == 200
    _leave(coordinator_client, volunteer)
    assert client.get(feed).status_code == 404
    assert client.get(reverse("volunteers:feed", args=[volunteer.feed_token])).status_code == 404
    volunteer_user.refresh_from_db()
    assert not volunteer_user.is_active
    # Her open session ends, and she cannot log in again.
    response = volunteer_client.get(reverse("volunteers:my_shifts"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    login = client.post(
        reverse("login"),
        {"username": volunteer_user.username, "password": "correct horse battery staple"},
    )
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    entry = history_for(volunteer).filter(note__contains="kalenderfeed").get()
    assert entry.note == "Stoppet: kalenderfeed stoppet, login deaktiveret"


def test_a_login_with_another_role_keeps_working_without_the_volunteer_role(
    coordinator_client, staff_user
):
    staff_user.groups.add(Group.objects.get(name=Role.VOLUNTEER.value))
    volunteer = VolunteerFactory(user=staff_user)
    _leave(coordinator_client, volunteer)
    staff_user.refresh_from_db()
    assert staff_user.is_active
    assert set(staff_user.groups.values_list("name", flat=True)) == {Role.STAFF.value}


def test_coming_back_makes_the_login_active_again(coordinator_client, volunteer_user):
    volunteer = VolunteerFactory(user=volunteer_user)
    _leave(coordinator_client, volunteer)
    response = submit(
        coordinator_client,
        reverse("volunteers:volunteer_update", args=[volunteer.pk]),
        {"status": "active", "left_on": ""},
    )
    assert response.status_code == 302
    volunteer_user.refresh_from_db()
    assert volunteer_user.is_active


def test_leaving_through_the_admin_does_the_same(superuser_client, volunteer_user, client):
    volunteer = VolunteerFactory(user=volunteer_user)
    old_token = volunteer.feed_token
    url = f"/admin/volunteers/volunteer/{volunteer.pk}/change/"
    response = submit(
        superuser_client, url, {"status": "left", "left_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    volunteer.refresh_from_db()
    volunteer_user.refresh_from_db()
    assert volunteer.status == "left"
    assert volunteer.feed_token != old_token and not volunteer_user.is_active
    assert client.get(reverse("volunteers:feed", args=[old_token])).status_code == 404
