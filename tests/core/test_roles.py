"""Each role gets its own navigation and dashboard, and a 403 on another role's page."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from core.models import AuditEntry
from core.roles import CAPABILITIES, Role

pytestmark = pytest.mark.django_db


def test_the_data_migration_creates_the_four_roles_with_their_capabilities():
    for code, (_description, roles) in CAPABILITIES.items():
        for role in Role:
            group = Group.objects.get(name=role.value)
            has = group.permissions.filter(codename=code, content_type__app_label="core").exists()
            assert has == (role in roles), (role, code)


def test_each_capability_is_named_in_the_database_as_core_roles_describes_it():
    names = dict(
        Permission.objects.filter(content_type__model="capability").values_list("codename", "name")
    )
    assert names == {code: description for code, (description, _r) in CAPABILITIES.items()}


def test_view_operations_promises_no_visit_figures_and_grants_none(manager_client):
    assert "no visit figures" in CAPABILITIES["view_operations"][0]
    assert "exact day figures" in CAPABILITIES["log_tallies"][0]
    assert manager_client.get(reverse("visits:figures")).status_code == 403
    assert manager_client.get(reverse("visits:api_counts")).status_code == 403


@pytest.mark.parametrize(
    ("fixture", "expected_role"),
    [
        ("staff_client", "Staff"),
        ("coordinator_client", "Coordinators"),
        ("volunteer_client", "Volunteers"),
        ("manager_client", "Managers"),
    ],
)
def test_dashboard_names_the_role(request, fixture, expected_role):
    client = request.getfixturevalue(fixture)
    response = client.get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert expected_role in response.content.decode()


def test_audit_history_is_in_the_coordinators_navigation_but_not_the_staffs(
    coordinator_client, staff_client
):
    audit_url = reverse("core:audit")
    assert f'href="{audit_url}"' in coordinator_client.get("/").content.decode()
    assert f'href="{audit_url}"' not in staff_client.get("/").content.decode()


@pytest.mark.parametrize("fixture", ["staff_client", "volunteer_client"])
def test_it_rejects_roles_without_the_capability_with_a_friendly_403(request, fixture):
    client = request.getfixturevalue(fixture)
    response = client.get(reverse("core:audit"), HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 403
    assert "Du har ikke adgang til denne side" in response.content.decode()


def test_managers_and_coordinators_see_the_audit_history(manager_client, coordinator_user):
    AuditEntry.objects.create(actor=coordinator_user, action="update", object_repr="Pavillonen")
    response = manager_client.get(reverse("core:audit"))
    assert response.status_code == 200
    assert "Pavillonen" in response.content.decode()


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_a_role_is_told_to_ask_for_one(client, django_user_model):
    user = django_user_model.objects.create_user("norole", password="x-long-password")
    client.force_login(user)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert "You have no role yet" in response.content.decode()
