"""Security headers in production, the strict CSP, and error pages that never leak a traceback."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "x9!" + "k2#Lq8@Zp4%Wm7&Rt1^Yv6*" * 3,
    "ALLOWED_HOSTS": "testserver",
    "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
UNREACHABLE_DB = {
    "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nowhere",
    "DATABASE_CONNECT_TIMEOUT": "2",
}


def _run(code: str, **env) -> dict:
    """Run `code` in a fresh Django process; it prints one JSON line, which is returned."""
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "varmestue.settings", **env}
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


REQUEST = """
import json
from django.test import Client
client = Client(raise_request_exception=False)
{setup}
r = client.{method}({path!r}, secure={secure})
print(json.dumps({{"status": r.status_code, "headers": dict(r.headers),
                   "cookies": {{k: v.OutputString() for k, v in r.cookies.items()}},
                   "body": r.content.decode(errors="replace")}}))
"""


def _request(path, *, method="get", secure=True, setup="", **env):
    code = REQUEST.format(method=method, path=path, secure=secure, setup=setup)
    return _run(code, **{**PRODUCTION, **env})


def test_production_sends_hsts_and_the_other_security_headers():
    response = _request("/login/")
    headers = response["headers"]
    assert response["status"] == 200
    hsts = headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "Secure" in response["cookies"]["csrftoken"]


@pytest.fixture
def test_database_url(db, tmp_path) -> str:
    """DATABASE_URL for a subprocess: the test database, which exists whatever DATABASE_URL
    named (a fresh CI database need not). SQLite's test database lives in this process's
    memory, so there the subprocess gets an empty file of its own."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'healthz.sqlite3'}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def test_production_redirects_plain_http_to_https_but_not_the_health_check(test_database_url):
    assert _request("/login/", secure=False)["status"] == 301
    health = _request("/healthz", secure=False, DATABASE_URL=test_database_url)
    assert (health["status"], json.loads(health["body"])) == (200, {"status": "ok"})


@pytest.mark.django_db
def test_the_csp_allows_scripts_only_from_us_or_with_the_pages_nonce(client):
    response = client.get(reverse("login"))
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    # 'self', plus the page's nonce when a template used {{ csp_nonce }}.
    assert policy["script-src"].split(" ")[0] == "'self'"
    assert all(s.startswith("'nonce-") for s in policy["script-src"].split(" ")[1:])
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


def _templates() -> list[Path]:
    dirs = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(p for d in dirs for p in d.rglob("*.html") if ".venv" not in p.parts)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=\s*[\"']", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)


@pytest.mark.parametrize("pattern", [INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER])
def test_no_template_has_what_the_csp_would_block(pattern):
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)[:80]}"
        for path in _templates()
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "Blocked by the CSP (use static files or the nonce):\n" + "\n".join(
        offenders
    )


def test_the_template_scanner_catches_inline_code():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/app.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script nonce="{{ csp_nonce }}">x()</script>')
    assert INLINE_STYLE.search('<p style="color: red">')
    assert EVENT_HANDLER.search('<button onclick="go()">')


BODY_500 = "Der skete en fejl"


def _assert_flat_500_headers(headers) -> None:
    """The 500 page has no script: its CSP allows none, and it may not be framed."""
    policy = dict(
        part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


@pytest.mark.urls("tests.trust.boom_urls")
@pytest.mark.allow_error_log
@pytest.mark.django_db
def test_a_bug_shows_the_flat_danish_500_page_never_a_traceback(settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert BODY_500 in body and "Something went wrong" in body
    assert "Traceback" not in body and "RuntimeError" not in body and "bug" not in body
    _assert_flat_500_headers(response.headers)


def _assert_503_headers(headers) -> None:
    """The database is down: 503 "try again", with the security headers the skipped inner
    middleware would have added (core/unavailable.py, Reliability 1)."""
    policy = dict(
        part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Retry-After"] == "10"


def test_the_try_again_page_renders_when_the_database_is_down():
    # A session cookie makes the request reach the database, which is not there.
    response = _request("/", setup='client.cookies["sessionid"] = "a" * 32', **UNREACHABLE_DB)
    assert response["status"] == 503
    assert "Prøv igen om et øjeblik" in response["body"]
    assert "Traceback" not in response["body"]
    assert "OperationalError" not in response["body"]
    _assert_503_headers(response["headers"])


def test_a_login_attempt_while_the_database_is_down_gets_the_try_again_page_too():
    response = _request(
        "/login/",
        method="post",
        setup="client.post = __import__('functools').partial(client.post, "
        "data={'username': 'alice', 'password': 'x'})",
        **UNREACHABLE_DB,
    )
    assert response["status"] == 503
    assert "Prøv igen om et øjeblik" in response["body"]
    _assert_503_headers(response["headers"])


def test_the_health_check_says_503_with_debug_off_when_the_database_is_down():
    response = _request("/healthz", **UNREACHABLE_DB)
    assert response["status"] == 503
    assert json.loads(response["body"])["status"] == "error"
