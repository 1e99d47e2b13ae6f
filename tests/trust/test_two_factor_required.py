"""Two-factor login required (TWO_FACTOR_REQUIRED) for the roles that see personal data:
end to end through the login, as each role."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import Role
from tests.core.factories import UserFactory
from tests.dom import parse
from tests.trust.test_two_factor import PASSWORD, code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def _log_in(client: Client, username: str):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


@pytest.mark.parametrize(
    "user",
    [
        {"username": "bob", "role": Role.COORDINATOR},
        {"username": "dora", "role": Role.MANAGER},
        {"username": "root", "is_superuser": True, "is_staff": True},
    ],
    ids=["coordinator", "manager", "superuser"],
)
def test_a_role_that_sees_personal_data_must_set_it_up_before_anything_else(client, user):
    UserFactory(**user)
    assert _log_in(client, user["username"])["Location"] == reverse("core:dashboard")

    for url in ("/", reverse("core:audit"), "/volunteers/", "/admin/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="da")
        assert response.status_code == 302, url
        assert response["Location"] == reverse("core:two_factor_setup"), url

    response = client.get(reverse("core:two_factor_setup"), HTTP_ACCEPT_LANGUAGE="da")
    doc = parse(response.content.decode())
    assert response.status_code == 200
    assert doc.one("h1").text == "Opsæt totrinslogin"
    assert "din konto kræver totrinslogin" in doc.one(".alert").text


def test_setting_it_up_opens_the_app_and_the_next_login_asks_for_the_code(client):
    user = UserFactory(username="bob", role=Role.COORDINATOR)
    _log_in(client, "bob")
    client.get(reverse("core:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(
        reverse("core:two_factor_setup"), {"token": code(device), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/volunteers/").status_code == 200

    client.post(reverse("logout"))
    assert _log_in(client, "bob")["Location"] == reverse("login_verify")
    assert client.get("/").status_code == 302  # not in yet
    response = client.post(reverse("login_verify"), {"token": code(device, steps_ahead=1)})
    assert response["Location"] == reverse("core:dashboard")
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("role", [Role.STAFF, Role.VOLUNTEER])
def test_roles_without_personal_data_log_in_with_the_password_alone(client, role):
    UserFactory(username="someone", role=role)
    _log_in(client, "someone")
    assert client.get("/").status_code == 200


def test_log_out_password_change_and_static_stay_open(client):
    UserFactory(username="bob", role=Role.COORDINATOR)
    _log_in(client, "bob")
    assert client.get(reverse("password_change")).status_code == 200
    assert client.get(reverse("core:two_factor")).status_code == 200
    response = client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert response["Location"] == "/login/"
    assert client.get("/login/").status_code == 200  # public pages too
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_htmx_requests_are_sent_to_the_set_up_page_as_a_whole(client):
    UserFactory(username="bob", role=Role.COORDINATOR)
    _log_in(client, "bob")
    response = client.get("/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("core:two_factor_setup")


def test_a_session_from_before_the_device_is_logged_out_to_the_code_step(client):
    user = UserFactory(username="bob", role=Role.COORDINATOR)
    client.force_login(user)  # a session that never passed the code step
    TOTPDevice.objects.create(user=user, name="Varmestue", confirmed=True)
    response = client.get(reverse("core:audit"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=" + reverse("core:audit")
    assert "_auth_user_id" not in client.session


def test_off_it_only_recommends(client, settings):
    settings.TWO_FACTOR_REQUIRED = False
    UserFactory(username="bob", role=Role.COORDINATOR)
    _log_in(client, "bob")
    assert client.get("/").status_code == 200


def test_the_setting_is_on_by_default_when_debug_is_off():
    from tests.trust.test_headers_and_errors import PRODUCTION, _run

    on = _run(
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.TWO_FACTOR_REQUIRED))",
        **PRODUCTION,
    )
    assert on is True
    off = _run(
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.TWO_FACTOR_REQUIRED))",
        DEBUG="True",
    )
    assert off is False
