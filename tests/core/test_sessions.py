"""Sessions: read with one query, renewed on every request, by the tally API at most every
few minutes; and the user read together with their permissions (core.backends)."""

import json
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import backends
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.backends import ModelBackend
from core.middleware import RENEWED_AT
from core.permissions import has_capability
from core.roles import CAPABILITIES, Role
from core.sessions import SessionStore
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db
API = "/visits/api/events/"
HEALTHZ = "/healthz"


def _row(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def _renewed_long_ago(client) -> None:
    session = client.session
    session[RENEWED_AT] = int(time.time()) - settings.SESSION_LAZY_RENEWAL_SECONDS - 1
    session.save()


def _soon_expiring(client) -> Session:
    row = _row(client)
    row.expire_date = timezone.now() + timedelta(minutes=1)
    row.save()
    return row


def test_a_page_renews_the_session_every_time(staff_client):
    staff_client.get(reverse("core:dashboard"))
    _soon_expiring(staff_client)
    response = staff_client.get(reverse("core:dashboard"))
    assert _row(staff_client).expire_date > timezone.now() + timedelta(hours=7)
    assert settings.SESSION_COOKIE_NAME in response.cookies


def test_the_tally_api_does_not_write_a_session_renewed_minutes_ago(staff_client):
    staff_client.get(reverse("core:dashboard"))
    row = _soon_expiring(staff_client)
    response = staff_client.post(API, json.dumps({"events": []}), content_type="application/json")
    assert response.status_code == 200
    assert _row(staff_client).expire_date == row.expire_date
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_the_tally_api_renews_a_session_last_renewed_long_ago(staff_client):
    staff_client.get(reverse("core:dashboard"))
    _renewed_long_ago(staff_client)
    _soon_expiring(staff_client)
    response = staff_client.post(API, json.dumps({"events": []}), content_type="application/json")
    assert _row(staff_client).expire_date > timezone.now() + timedelta(hours=7)
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == (
        settings.SESSION_COOKIE_AGE
    )


def test_an_expired_session_is_a_401_on_the_api(staff_client):
    row = _row(staff_client)
    row.expire_date = timezone.now() - timedelta(seconds=1)
    row.save()
    response = staff_client.post(API, json.dumps({"events": []}), content_type="application/json")
    assert response.status_code == 401


def test_no_session_is_started_for_a_visitor_or_a_stale_cookie(client):
    assert settings.SESSION_COOKIE_NAME not in client.get(HEALTHZ).cookies
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session-key-0123456789ab"
    response = client.get(HEALTHZ)
    assert not Session.objects.exists()
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""  # deleted, not renewed


def test_the_store_reads_live_sessions_and_forgets_unknown_or_expired_keys():
    store = SessionStore()
    store["colour"] = "red"
    store.create()
    assert SessionStore(store.session_key).load() == {"colour": "red"}
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {}
    assert unknown.session_key is None
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert SessionStore(store.session_key).load() == {}


def _django_permissions(user) -> set[str]:
    """What Django's own ModelBackend computes, on a fresh copy of the user."""
    return backends.ModelBackend().get_all_permissions(type(user).objects.get(pk=user.pk))


def _loaded(user):
    return ModelBackend().get_user(user.pk)


@pytest.mark.parametrize("role", list(Role))
def test_the_user_is_read_with_the_permissions_django_would_give(role, django_assert_num_queries):
    user = UserFactory(role=role)
    loaded = _loaded(user)
    assert loaded == user
    assert loaded.get_all_permissions() == _django_permissions(user)
    expected = {codename: has_capability(user, codename) for codename in CAPABILITIES}
    if connection.vendor == "postgresql":
        # One statement read the user and the permissions: the checks cost nothing more.
        with django_assert_num_queries(0):
            assert {c: has_capability(loaded, c) for c in CAPABILITIES} == expected


def test_superusers_hold_everything_inactive_users_nothing_and_direct_grants_count():
    admin = _loaded(UserFactory(is_superuser=True))
    assert all(has_capability(admin, c) for c in CAPABILITIES)
    assert admin.get_all_permissions() == _django_permissions(admin)
    assert _loaded(UserFactory(role=Role.COORDINATOR, is_active=False)) is None
    direct = UserFactory()
    assert not has_capability(_loaded(direct), "export_reports")
    direct.user_permissions.add(
        Permission.objects.get(content_type__app_label="core", codename="export_reports")
    )
    granted = _loaded(direct)
    assert has_capability(granted, "export_reports")
    assert not has_capability(granted, "log_tallies")
    assert granted.get_all_permissions() == _django_permissions(direct)
    assert ModelBackend().get_user(10**9) is None


def test_a_role_taken_away_is_gone_at_the_next_request(client):
    staff = UserFactory(role=Role.STAFF)
    client.force_login(staff)
    assert client.post(API, {"events": []}, content_type="application/json").status_code == 200
    staff.groups.clear()
    assert client.post(API, {"events": []}, content_type="application/json").status_code == 403
