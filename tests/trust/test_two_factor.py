"""Optional two-factor login (TOTP): set up with a QR code, log in in two steps, turn off."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AuditEntry
from tests.dom import parse

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or `steps_ahead` time steps later)."""
    t0 = device.t0 - steps_ahead * device.step
    value = totp(device.bin_key, step=device.step, t0=t0, digits=device.digits, drift=device.drift)
    return f"{value:0{device.digits}d}"


def wrong(device: TOTPDevice) -> str:
    return f"{(int(code(device)) + 1) % 10**6:06d}"


@pytest.fixture
def device(coordinator_user):
    return TOTPDevice.objects.create(user=coordinator_user, name="Varmestue", confirmed=True)


def _password_step(client, username="bob", next_url=""):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def test_setting_up_shows_a_qr_code_and_a_correct_code_turns_it_on(coordinator_client):
    response = coordinator_client.get(reverse("core:two_factor_setup"), HTTP_ACCEPT_LANGUAGE="da")
    body = response.content.decode()
    assert response.status_code == 200
    assert parse(body).one("img.vs-qr")["src"].startswith("data:image/svg+xml")
    assert "Slå totrinslogin til" in body
    device = TOTPDevice.objects.get(user__username="bob")
    assert not device.confirmed

    response = coordinator_client.post(
        reverse("core:two_factor_setup"), {"token": code(device), "password": PASSWORD}
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    entry = AuditEntry.objects.get(object_repr="bob")
    assert entry.note == "Two-factor login turned on"


def test_a_wrong_code_at_setup_turns_nothing_on(coordinator_client):
    coordinator_client.get(reverse("core:two_factor_setup"))
    device = TOTPDevice.objects.get(user__username="bob")
    response = coordinator_client.post(
        reverse("core:two_factor_setup"), {"token": wrong(device), "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "ikke rigtig" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


@pytest.mark.parametrize("token", ["", "12345", "abcdef", "1234567", "12 34 5x"])
def test_malformed_codes_get_a_message_not_an_error(coordinator_client, token):
    data = {"token": token, "password": PASSWORD}
    response = coordinator_client.post(reverse("core:two_factor_setup"), data)
    assert response.status_code == 200
    assert parse(response.content).one("form .form-error-message").text
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_without_a_device_the_password_alone_logs_in(client, coordinator_user):
    response = _password_step(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert client.session["_auth_user_id"] == str(coordinator_user.pk)


def test_with_a_device_the_password_leads_to_the_code_step_not_in(client, device):
    response = _password_step(client, next_url="/audit/")
    assert response["Location"] == reverse("login_verify")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("core:dashboard")).status_code == 302  # still anonymous

    response = client.post(reverse("login_verify"), {"token": code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/audit/"
    assert client.session["_auth_user_id"] == str(device.user.pk)
    assert client.get(reverse("core:audit")).status_code == 200


def test_a_wrong_code_does_not_log_in(client, device):
    _password_step(client)
    response = client.post(reverse("login_verify"), {"token": wrong(device)})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_code_cannot_be_used_twice(client, device):
    token = code(device)
    _password_step(client)
    client.post(reverse("login_verify"), {"token": token})
    client.post(reverse("logout"))
    _password_step(client)
    client.post(reverse("login_verify"), {"token": token})
    assert "_auth_user_id" not in client.session


def test_three_wrong_codes_end_the_attempt(client, device):
    _password_step(client)
    for _ in range(2):
        assert client.post(reverse("login_verify"), {"token": wrong(device)}).status_code == 200
    response = client.post(reverse("login_verify"), {"token": wrong(device)})
    assert response["Location"] == reverse("login")
    device.throttle_reset()  # django-otp's own back-off aside: the attempt itself is over
    response = client.post(reverse("login_verify"), {"token": code(device)})
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_towards_the_login_lockout(client, device, settings):
    _password_step(client)
    for _ in range(3):
        client.post(reverse("login_verify"), {"token": wrong(device)})
    _password_step(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 3):
        response = client.post(reverse("login_verify"), {"token": wrong(device)})
    assert response.status_code == 429
    assert _password_step(client).status_code == 429


def test_the_code_step_without_the_password_step_sends_to_login(client, device):
    response = client.post(reverse("login_verify"), {"token": code(device)})
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_the_admin_login_goes_through_the_two_factor_login(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=/admin/"


def test_setting_it_up_asks_for_the_password_again(coordinator_client):
    coordinator_client.get(reverse("core:two_factor_setup"))
    device = TOTPDevice.objects.get(user__username="bob")
    url = reverse("core:two_factor_setup")
    for data in ({"token": code(device)}, {"token": code(device), "password": "not it"}):
        response = coordinator_client.post(url, data, HTTP_ACCEPT_LANGUAGE="da")
        assert response.status_code == 200
        assert 'class="form-error-message"' in response.content.decode()
        device.refresh_from_db()
        assert not device.confirmed
    assert "Adgangskoden er ikke rigtig" in response.content.decode()


def test_a_wrong_password_here_counts_towards_the_login_lockout(
    coordinator_client, client, settings
):
    coordinator_client.get(reverse("core:two_factor_setup"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = coordinator_client.post(
            reverse("core:two_factor_setup"), {"token": "123456", "password": "guess"}
        )
    assert response.status_code == 429
    assert _password_step(client).status_code == 429


def test_turning_it_off_needs_the_password_and_a_current_code(coordinator_client, device):
    url = reverse("core:two_factor_disable")
    for data in (
        {"token": wrong(device), "password": PASSWORD},
        {"token": code(device)},
        {"token": code(device), "password": "not it"},
    ):
        assert coordinator_client.post(url, data).status_code == 200
        assert TOTPDevice.objects.filter(user=device.user).exists()
        device.throttle_reset()
    response = coordinator_client.post(url, {"token": code(device), "password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=device.user).exists()
    assert AuditEntry.objects.filter(note="Two-factor login turned off").count() == 1


def test_the_dashboard_recommends_it_to_coordinators_and_managers_only(
    coordinator_client, manager_client, staff_client, volunteer_client
):
    url = reverse("core:two_factor_setup")
    assert url in coordinator_client.get("/").content.decode()
    assert url in manager_client.get("/").content.decode()
    assert url not in staff_client.get("/").content.decode()
    assert url not in volunteer_client.get("/").content.decode()


def test_the_recommendation_goes_away_once_it_is_on(coordinator_client, device):
    assert reverse("core:two_factor_setup") not in coordinator_client.get("/").content.decode()
    response = coordinator_client.get(reverse("core:two_factor"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Two-factor login is on for your account" in response.content.decode()


def test_the_reset_command_removes_the_second_factor_and_records_it(client, device):
    out = io.StringIO()
    call_command("reset_two_factor", "bob", stdout=out)
    assert "removed" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=device.user).exists()
    entry = AuditEntry.objects.get(note="Two-factor login reset by an administrator")
    assert entry.object_repr == "bob"
    assert entry.actor is None
    # The next login asks for the password only.
    assert _password_step(client)["Location"] == reverse("core:dashboard")
    call_command("reset_two_factor", "bob", stdout=out)  # nothing left: no second entry
    assert AuditEntry.objects.filter(note=entry.note).count() == 1
    with pytest.raises(CommandError):
        call_command("reset_two_factor", "nobody", stdout=out)


def test_a_superuser_resets_it_in_the_admin_and_is_recorded(device, django_user_model):
    admin_user = django_user_model.objects.create_superuser("root", password=PASSWORD)
    admin_client = Client()
    admin_client.force_login(admin_user)
    url = reverse("admin:auth_user_changelist")
    response = admin_client.post(
        url, {"action": "reset_second_factor", "_selected_action": [device.user.pk]}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=device.user).exists()
    entry = AuditEntry.objects.get(note="Two-factor login reset by an administrator")
    assert entry.actor == admin_user


def test_the_reset_is_not_offered_to_staff_who_are_not_superusers(device, django_user_model):
    operator = django_user_model.objects.create_user("op", password=PASSWORD, is_staff=True)
    operator.user_permissions.add(*Permission.objects.filter(codename="change_user"))
    operator_client = Client()
    operator_client.force_login(operator)
    url = reverse("admin:auth_user_changelist")
    assert "reset_second_factor" not in operator_client.get(url).content.decode()
    operator_client.post(
        url, {"action": "reset_second_factor", "_selected_action": [device.user.pk]}
    )
    assert TOTPDevice.objects.filter(user=device.user).exists()
