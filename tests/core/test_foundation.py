"""Health check, language, login protection, security headers and the data commands."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def _run(code: str, **env) -> subprocess.CompletedProcess:
    """Run Python in a fresh process with the given environment on top of ours."""
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "varmestue.settings", **env}
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable():
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.json()['status'])"
    )
    result = _run(
        code,
        DATABASE_URL="postgres://nobody@127.0.0.1:1/nowhere",
        DATABASE_CONNECT_TIMEOUT="2",
    )
    assert result.stdout.strip() == "503 error", result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _run(
        "import django; django.setup()", DEBUG="False", SECRET_KEY="", ALLOWED_HOSTS="x.dk"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = _run(
        "import django; django.setup()",
        DEBUG="False",
        SECRET_KEY="a" * 60,
        ALLOWED_HOSTS="",
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **os.environ,
            "DEBUG": "False",
            "SECRET_KEY": "x9!" + "k2#Lq8@Zp4%Wm7&Rt1^Yv6*" * 3,
            "ALLOWED_HOSTS": "varmestue.example.dk",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_danish_is_the_default_and_english_can_be_chosen(client, staff_user):
    client.force_login(staff_user)
    assert 'lang="da"' in client.get("/").content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert 'lang="en"' in client.get("/").content.decode()


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert "script-src 'self'" in csp
    assert response["Permissions-Policy"].startswith("camera=()")
    assert response["Referrer-Policy"] == "same-origin"


def test_passwords_are_hashed_with_argon2():
    assert settings.PASSWORD_HASHERS[0].endswith("MD5PasswordHasher")  # fast tests only
    from varmestue import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.allow_error_log
def test_login_is_locked_after_repeated_failures(client, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "alice", "password": "correct horse battery staple"}
    )
    assert response.status_code == 429
    assert response.get("Location") != "/"


def test_a_correct_login_reaches_the_dashboard(client, staff_user):
    response = client.post(
        reverse("login"), {"username": "alice", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")


def test_a_wrong_password_shows_an_error_and_logs_nobody_in(client, staff_user):
    response = client.post(
        reverse("login"), {"username": "alice", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_pages_get_the_friendly_404(staff_client):
    response = staff_client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


def test_load_demo_data_refuses_production_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_data")
    assert not get_user_model().objects.filter(username="personale").exists()


def test_load_demo_data_twice_duplicates_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    users = get_user_model().objects.count()
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert get_user_model().objects.count() == users
    personale = get_user_model().objects.get(username="personale")
    assert list(personale.groups.values_list("name", flat=True)) == ["Personale"]


def _rows_per_model() -> dict[str, int]:
    from django.apps import apps

    project = {"core", "sites", "partners", "visits", "volunteers", "planning", "reports"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in project and model._meta.managed
    }


def test_load_reference_data_loads_the_seeds_and_a_second_run_duplicates_nothing():
    before = _rows_per_model()
    call_command("load_reference_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    once = _rows_per_model()
    for label in ("sites.Site", "partners.Organisation", "visits.TallyCategory", "planning.Task"):
        assert once[label] > before[label], f"{label}: nothing loaded"
    call_command("load_reference_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert _rows_per_model() == once


def test_an_overlong_username_is_a_form_error_not_a_server_error(client):
    response = client.post(
        reverse("login"), {"username": "x" * 300, "password": "whatever"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_panel_template_must_live_in_its_apps_panels_folder():
    from core.registry import Panel

    assert Panel("visits/panels/today.html").template_name == "visits/panels/today.html"
    with pytest.raises(ValueError, match="panels"):
        Panel("visits/panel.html")
