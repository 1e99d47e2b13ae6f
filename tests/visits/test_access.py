"""Every visits URL answers each role as tests/visits/access.py declares.

The trust helper's walker runs the whole project's matrix; this runs ours on its own, so
the visits app is checked even before that walker lands.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.access import ROLES
from tests.visits.access import ACCESS

STATUS = {
    "ok": range(200, 400),
    "forbidden": [403],
    "not_found": [404],
    "method_not_allowed": [405],
}


@pytest.fixture
def users(volunteer_user, staff_user, coordinator_user, manager_user, superuser):
    return {
        "anonymous": None,
        "volunteer": volunteer_user,
        "staff": staff_user,
        "coordinator": coordinator_user,
        "manager": manager_user,
        "superuser": superuser,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("entry", ACCESS, ids=lambda e: f"{e.url_name}[{e.method}]")
def test_visits_urls_answer_each_role_as_declared(entry, role, users):
    url = reverse(entry.url_name, kwargs=entry.kwargs(users) if entry.kwargs else {})
    if entry.query:
        url = f"{url}?{entry.query}"
    client = Client()
    if users[role] is not None:
        client.force_login(users[role])
    response = getattr(client, entry.method)(url, data=entry.data)
    expected = entry.expect[role]
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")
    elif expected == "denied":
        assert response.status_code in (401, 403)
        assert response["Content-Type"] == "application/json"
    elif expected == "ok":
        assert 200 <= response.status_code < 400
        assert not response.get("Location", "").startswith("/login/")
    else:
        assert response.status_code in STATUS[expected]
