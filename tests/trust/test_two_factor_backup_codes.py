"""One-time backup codes (django-otp's otp_static): shown once at set-up, each works once at
login in place of the app's code, made anew with the password."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AuditEntry
from core.twofactor import BACKUP_CODES, new_backup_codes, verify_code
from tests.dom import parse
from tests.trust.test_two_factor import PASSWORD, code

pytestmark = pytest.mark.django_db


def _codes_on(response) -> list[str]:
    return [c.text for c in parse(response.content.decode()).select("ol.vs-backup-codes code")]


def _set_up(client) -> tuple[TOTPDevice, list[str]]:
    client.get(reverse("core:two_factor_setup"))
    device = TOTPDevice.objects.get(user__username="bob")
    response = client.post(
        reverse("core:two_factor_setup"), {"token": code(device), "password": PASSWORD}
    )
    assert response["Location"] == reverse("core:backup_codes")
    return device, _codes_on(client.get(reverse("core:backup_codes"), HTTP_ACCEPT_LANGUAGE="da"))


def _log_in_with(client, token: str):
    client.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    return client.post(reverse("login_verify"), {"token": token}, HTTP_ACCEPT_LANGUAGE="da")


def test_setting_up_shows_the_backup_codes_once(coordinator_client):
    _device, codes = _set_up(coordinator_client)
    assert len(codes) == BACKUP_CODES == len(set(codes))
    assert all(len(c) == 8 for c in codes)
    again = coordinator_client.get(reverse("core:backup_codes"), HTTP_ACCEPT_LANGUAGE="da")
    assert again.status_code == 200
    assert _codes_on(again) == []
    assert "10 ubrugte reservekoder" in again.content.decode()


def test_a_backup_code_logs_in_once_and_never_twice(coordinator_client, client):
    _device, codes = _set_up(coordinator_client)
    response = _log_in_with(client, codes[3].upper()[:4] + " " + codes[3][4:])  # as typed
    assert response.status_code == 302
    assert client.session["_auth_user_id"]
    dashboard = client.get("/", HTTP_ACCEPT_LANGUAGE="da")
    assert dashboard.status_code == 200
    assert "Der er 9 reservekoder tilbage" in dashboard.content.decode()
    assert AuditEntry.objects.filter(note="Logged in with a backup code").count() == 1

    client.post(reverse("logout"))
    response = _log_in_with(client, codes[3])
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert StaticToken.objects.filter(device__user__username="bob").count() == BACKUP_CODES - 1


def test_a_used_backup_code_is_gone_and_an_unknown_one_does_nothing(coordinator_user):
    codes = new_backup_codes(coordinator_user)
    assert verify_code(coordinator_user, codes[0]) is not None
    assert verify_code(coordinator_user, codes[0]) is None
    assert verify_code(coordinator_user, "zzzzzzzz") is None


def test_the_required_login_accepts_a_backup_code(coordinator_client, client, settings):
    _device, codes = _set_up(coordinator_client)
    settings.TWO_FACTOR_REQUIRED = True
    _log_in_with(client, codes[0])
    assert client.get(reverse("core:audit")).status_code == 200


def test_new_codes_need_the_password_and_replace_the_old(coordinator_client, client):
    _device, old = _set_up(coordinator_client)
    url = reverse("core:backup_codes_new")
    response = coordinator_client.post(url, {"backup-password": "not it"})
    assert response.status_code == 200
    assert parse(response.content.decode()).one("form .form-error-message").text
    response = coordinator_client.post(url, {"backup-password": PASSWORD})
    assert response["Location"] == reverse("core:backup_codes")
    new = _codes_on(coordinator_client.get(reverse("core:backup_codes")))
    assert len(new) == BACKUP_CODES and not set(new) & set(old)
    assert AuditEntry.objects.filter(note="New backup codes for two-factor login").count() == 1
    assert _log_in_with(client, old[0]).status_code == 200  # the old ones are gone
    StaticDevice.objects.get().throttle_reset()  # django-otp's back-off after a wrong code
    assert _log_in_with(client, new[0]).status_code == 302


def test_new_codes_without_two_factor_login_make_none(coordinator_client):
    response = coordinator_client.post(
        reverse("core:backup_codes_new"), {"backup-password": PASSWORD}
    )
    assert response["Location"] == reverse("core:two_factor")
    assert not StaticDevice.objects.exists()


def test_turning_it_off_with_a_backup_code_removes_the_codes_too(coordinator_client):
    _device, codes = _set_up(coordinator_client)
    response = coordinator_client.post(
        reverse("core:two_factor_disable"), {"token": codes[0], "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()


def test_the_admins_reset_removes_the_backup_codes(coordinator_client):
    from django.core.management import call_command

    _set_up(coordinator_client)
    call_command("reset_two_factor", "bob")
    assert not StaticToken.objects.exists()


@pytest.mark.parametrize("token", ["abcdefg", "abcdefgh1", "abcdef01", "12345"])
def test_malformed_codes_at_login_get_a_message(coordinator_client, client, token):
    _set_up(coordinator_client)
    response = _log_in_with(client, token)
    assert response.status_code == 200
    assert parse(response.content.decode()).one("form .form-error-message").text
