"""Every partner URL answers each role as tests/partners/access.py says."""

import pytest
from django.urls import reverse

from tests.partners.access import ACCESS
from tests.partners.factories import OrganisationFactory


@pytest.fixture
def users(staff_user, coordinator_user, volunteer_user, manager_user, superuser):
    return {
        "anonymous": None,
        "volunteer": volunteer_user,
        "staff": staff_user,
        "coordinator": coordinator_user,
        "manager": manager_user,
        "superuser": superuser,
    }


def _outcome(response) -> str:
    if response.status_code in (301, 302):
        return "login" if response["Location"].startswith("/login/") else "ok"
    return {200: "ok", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}.get(
        response.status_code, str(response.status_code)
    )


@pytest.mark.parametrize("access", ACCESS, ids=lambda a: f"{a.url_name}-{a.method}")
@pytest.mark.parametrize(
    "role", ["anonymous", "volunteer", "staff", "coordinator", "manager", "superuser"]
)
def test_each_role_gets_what_the_matrix_says(access, role, users, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    kwargs = access.kwargs(users) if access.kwargs else {}
    url = reverse(access.url_name, kwargs=kwargs) + access.query
    if users[role] is not None:
        client.force_login(users[role])
    response = getattr(client, access.method)(url, access.data)
    assert _outcome(response) == access.expect[role]


def test_staff_cannot_delete_an_organisation(staff_client):
    organisation = OrganisationFactory()
    response = staff_client.post(reverse("partners:organisation_delete", args=[organisation.pk]))
    assert response.status_code == 403
    assert type(organisation).objects.filter(pk=organisation.pk).exists()
