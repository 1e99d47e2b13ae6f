"""The database down, busy or too slow: 503 with Retry-After, problem JSON or a Danish page,
never a 500 (core/unavailable.py); the statement and lock limits of web requests."""

import json
import os
import subprocess
import sys
import threading

import psycopg
import pytest
from django.db import OperationalError, connection
from django.http import JsonResponse
from django.test import Client, override_settings
from django.urls import path

from tests.sites.factories import SiteFactory
from tests.visits.factories import TallyCategoryFactory, event

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _down(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.fixture
def database_down(monkeypatch):
    """Every query from here on fails as when PostgreSQL is stopped (and is undone before the
    test database is rolled back)."""
    with monkeypatch.context() as patch:
        patch.setattr(connection, "ensure_connection", _down)
        yield


@pytest.fixture
def logged_in(staff_user):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    return client


@pytest.mark.allow_error_log
def test_it_answers_a_page_with_503_in_danish_when_the_session_cannot_be_read(
    logged_in, database_down
):
    response = logged_in.get("/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    assert response.headers["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Prøv igen om et øjeblik" in page
    assert 'class="header"' in page  # the site's look, from base.html
    assert "Der skete en fejl" not in page
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.allow_error_log
def test_it_answers_the_sync_api_with_problem_json(logged_in, monkeypatch):
    site, category = SiteFactory(), TallyCategoryFactory()
    with monkeypatch.context() as patch:
        patch.setattr(connection, "ensure_connection", _down)
        response = logged_in.post(
            "/visits/api/events/",
            json.dumps({"events": [event(site, category)]}),
            content_type="application/json",
        )
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.headers["Retry-After"] == "10"
    body = response.json()
    assert body["status"] == 503 and body["title"] == "Service Unavailable"
    assert "øjeblik" in body["detail"]


@pytest.mark.allow_error_log
@pytest.mark.parametrize(
    "url", ["/sw.js", "/feedback/kiosk/sw.js", "/healthz/jobs", "/manifest.webmanifest"]
)
def test_the_pwa_files_and_monitors_get_json_not_a_page(url, logged_in, database_down):
    response = logged_in.get(url)
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/problem+json"


@pytest.mark.allow_error_log
def test_a_client_that_asks_for_json_gets_json(logged_in, database_down):
    response = logged_in.get("/volunteers/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json()["status"] == 503


@pytest.mark.allow_error_log
def test_any_other_error_is_still_the_500_page(logged_in, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "ensure_connection", broken)
        response = logged_in.get("/volunteers/")
    assert response.status_code == 500
    assert "Der skete en fejl" in response.content.decode()


@pytest.mark.postgres_only
def test_a_real_outage_answers_503_not_500():
    """A server process whose DATABASE_URL points where nothing listens, DEBUG off."""
    script = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False, HTTP_HOST="varmestue.example")
client.cookies["sessionid"] = "x" * 32
page = client.get("/volunteers/", secure=True)
api = client.post("/visits/api/events/", "{}", content_type="application/json", secure=True)
print(json.dumps([page.status_code, page["Content-Type"], api.status_code, api["Content-Type"],
                  "Prøv igen" in page.content.decode()]))
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "varmestue.settings",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        "DEBUG": "False",
        "SECRET_KEY": "a-test-key-that-is-long-enough-for-the-checks-0123456789",
        "ALLOWED_HOSTS": "varmestue.example",
        "LOG_LEVEL": "CRITICAL",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    page_status, page_type, api_status, api_type, danish = json.loads(result.stdout)
    assert (page_status, api_status) == (503, 503)
    assert page_type.startswith("text/html") and danish
    assert api_type == "application/problem+json"


def show_timeouts(request):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        statement = cursor.fetchone()[0]
        cursor.execute("SHOW lock_timeout")
        lock = cursor.fetchone()[0]
    return JsonResponse({"statement_timeout": statement, "lock_timeout": lock})


urlpatterns = [path("timeouts/", show_timeouts)]


@pytest.mark.postgres_only
@override_settings(ROOT_URLCONF=__name__, LOGIN_REQUIRED_URLS=None)
def test_a_web_request_has_a_statement_and_a_lock_timeout(staff_client):
    response = staff_client.get("/timeouts/")
    assert response.json() == {"statement_timeout": "30s", "lock_timeout": "5s"}


@pytest.mark.postgres_only
def test_a_management_command_has_no_statement_timeout():
    script = (
        "from django.db import connection\n"
        "c = connection.cursor(); c.execute('SHOW statement_timeout'); s = c.fetchone()[0]\n"
        "c.execute('SHOW lock_timeout'); print(s, c.fetchone()[0])\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == ["0", "5s"]


@pytest.mark.postgres_only
@pytest.mark.allow_error_log
@pytest.mark.django_db(transaction=True)
def test_a_held_lock_answers_503_after_the_lock_timeout_instead_of_hanging(staff_user):
    site, category = SiteFactory(), TallyCategoryFactory()
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    settings_dict = connection.settings_dict
    held = threading.Event()
    release = threading.Event()

    def hold_the_lock():
        with (
            psycopg.connect(
                dbname=settings_dict["NAME"],
                user=settings_dict["USER"] or None,
                password=settings_dict["PASSWORD"] or None,
                host=settings_dict["HOST"] or None,
                port=settings_dict["PORT"] or None,
            ) as other,
            other.transaction(),
        ):
            other.execute("LOCK TABLE visits_dailycount IN ACCESS EXCLUSIVE MODE")
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert held.wait(10)
        response = client.post(
            "/visits/api/events/",
            json.dumps({"events": [event(site, category)]}),
            content_type="application/json",
        )
    finally:
        release.set()
        holder.join()
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_session_that_cannot_be_saved_is_the_database_s_error_not_a_deleted_session(
    staff_client, monkeypatch
):
    """Django reports any error while updating a session as "deleted in a concurrent request"
    (400); the database being down must reach handler500 as what it is."""
    from core.sessions import SessionStore

    store = SessionStore(staff_client.session.session_key)
    store["x"] = 1
    with monkeypatch.context() as patch:
        patch.setattr(connection, "ensure_connection", _down)
        with pytest.raises(OperationalError):
            store.save()
