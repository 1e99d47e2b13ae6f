"""Login protection: lockout per username and address, cool-off, the failure log, idle expiry."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _fail(client, username="alice", times=1, **extra):
    for _ in range(times):
        client.post(reverse("login"), {"username": username, "password": "wrong"}, **extra)


def _login(client, username="alice", **extra):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD}, **extra)


def test_it_locks_the_user_at_that_address_after_the_failure_limit(client, staff_user):
    _fail(client, times=settings.AXES_FAILURE_LIMIT)
    response = _login(client, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 429
    assert "For mange mislykkede login" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_failure_short_of_the_limit_still_lets_the_right_password_in(client, staff_user):
    _fail(client, times=settings.AXES_FAILURE_LIMIT - 1)
    assert _login(client).status_code == 302


def test_the_lockout_is_per_username_and_address(client, staff_user, coordinator_user):
    _fail(client, times=settings.AXES_FAILURE_LIMIT, REMOTE_ADDR="203.0.113.7")
    assert _login(client, REMOTE_ADDR="203.0.113.7").status_code == 429
    # The same user from another address, and another user from the same address, get in.
    assert _login(client, REMOTE_ADDR="203.0.113.8").status_code == 302
    client.logout()
    assert _login(client, "bob", REMOTE_ADDR="203.0.113.7").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, staff_user):
    _fail(client, times=settings.AXES_FAILURE_LIMIT)
    assert _login(client).status_code == 429
    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME)
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - timedelta(minutes=1))
    assert _login(client).status_code == 302


def test_a_lockout_is_still_in_force_just_before_the_cool_off_ends(client, staff_user):
    _fail(client, times=settings.AXES_FAILURE_LIMIT)
    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME)
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off + timedelta(minutes=2))
    assert _login(client).status_code == 429


def test_failures_and_the_lockout_are_logged(client, staff_user):
    _fail(client, times=settings.AXES_FAILURE_LIMIT, REMOTE_ADDR="203.0.113.7")
    log = AccessFailureLog.objects.filter(username="alice", ip_address="203.0.113.7")
    assert log.count() == settings.AXES_FAILURE_LIMIT
    assert log.filter(locked_out=True).count() == 1
    attempt = AccessAttempt.objects.get(username="alice")
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT
    assert "wrong" not in attempt.post_data  # the password is never stored


# Sessions end after inactivity (SESSION_COOKIE_AGE, renewed on every request).


def _session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_every_request_renews_the_idle_timeout(staff_client):
    staff_client.get(reverse("core:dashboard"))
    session = _session(staff_client)
    session.expire_date = timezone.now() + timedelta(minutes=1)
    session.save()
    assert staff_client.get(reverse("core:dashboard")).status_code == 200
    remaining = _session(staff_client).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_an_idle_session_expires_and_the_user_must_log_in_again(staff_client):
    staff_client.get(reverse("core:dashboard"))
    session = _session(staff_client)
    session.expire_date = timezone.now() - timedelta(seconds=1)
    session.save()
    response = staff_client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_session_cookie_is_an_idle_timeout_not_a_browser_lifetime(staff_client):
    response = staff_client.get(reverse("core:dashboard"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
    assert cookie["httponly"]
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


# Behind the reverse proxy (BEHIND_TLS_PROXY, PROXY_COUNT): every request comes from the
# proxy's address; the client's is the one the proxy appended to X-Forwarded-For.

PROXY = "127.0.0.1"


def _via_proxy(forwarded_for: str) -> dict:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded_for}


@pytest.fixture
def behind_one_proxy(settings):
    settings.PROXY_COUNT = 1


def test_behind_the_proxy_five_failures_never_lock_the_user_at_another_address(
    client, staff_user, behind_one_proxy
):
    _fail(client, times=settings.AXES_FAILURE_LIMIT, **_via_proxy("198.51.100.66"))
    assert _login(client, **_via_proxy("198.51.100.66")).status_code == 429
    # The shared tablet at the pavilion, behind the same proxy, still logs in.
    assert _login(client, **_via_proxy("203.0.113.8")).status_code == 302
    failures = AccessFailureLog.objects.values_list("ip_address", flat=True)
    assert set(failures) == {"198.51.100.66"}


def test_behind_the_proxy_a_forged_forwarded_address_is_not_believed(
    client, staff_user, behind_one_proxy
):
    """An attacker who sends X-Forwarded-For naming the tablet's address: nginx appends the
    attacker's real address, and that is the one counted."""
    forged = _via_proxy("203.0.113.8, 198.51.100.66")
    _fail(client, times=settings.AXES_FAILURE_LIMIT, **forged)
    assert _login(client, **forged).status_code == 429
    assert _login(client, **_via_proxy("203.0.113.8")).status_code == 302
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}


def test_behind_two_proxies_the_client_is_the_second_address_from_the_right(
    client, staff_user, settings
):
    settings.PROXY_COUNT = 2
    _fail(
        client, times=settings.AXES_FAILURE_LIMIT, **_via_proxy("9.9.9.9, 198.51.100.66, 10.0.0.2")
    )
    assert _login(client, **_via_proxy("198.51.100.66, 10.0.0.2")).status_code == 429
    assert _login(client, **_via_proxy("203.0.113.8, 10.0.0.2")).status_code == 302


def test_without_a_proxy_x_forwarded_for_is_ignored(client, staff_user, settings):
    """Direct to the app (PROXY_COUNT 0): a client cannot dodge the lockout by inventing
    a new forwarded address for each guess."""
    settings.PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert (
        _login(client, REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code
        == 429
    )


@pytest.mark.parametrize("forwarded_for", ["", "not-an-address", " , "])
def test_a_request_that_did_not_pass_the_proxy_counts_as_the_proxy_address(
    client, staff_user, behind_one_proxy, forwarded_for
):
    _fail(client, **_via_proxy(forwarded_for))
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {PROXY}


def test_the_deployment_settings_read_the_client_behind_one_proxy():
    """BEHIND_TLS_PROXY=True, as the README's deployment sets it, means one proxy unless
    PROXY_COUNT says otherwise; without it X-Forwarded-For is never read."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.PROXY_COUNT, settings.AXES_CLIENT_IP_CALLABLE)"
    )
    base = {k: v for k, v in os.environ.items() if k not in {"PROXY_COUNT", "BEHIND_TLS_PROXY"}}
    for extra, expected in (
        ({"BEHIND_TLS_PROXY": "True"}, "1"),
        ({"BEHIND_TLS_PROXY": "True", "PROXY_COUNT": "2"}, "2"),
        ({}, "0"),
    ):
        result = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code],
            cwd=settings.BASE_DIR,
            env={**base, "DJANGO_SETTINGS_MODULE": "varmestue.settings", **extra},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == [expected, "core.client_ip.client_ip"]
