"""The production server as deployed: gunicorn with gunicorn.conf.py (preloaded and warmed app,
forked workers, the gc.freeze hook) logs staff in, counts a tap once and answers /healthz.

It runs the benchmark's own server and client (bench/sync.py) against the test database, so
the harness of `make bench` is exercised too. Needs PostgreSQL (gunicorn's workers must reach
the database the test writes to); CI runs it.
"""

import datetime
import importlib
import json
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from bench import BENCH_ENVIRONMENT
from bench.sync import Client, Server, request
from core.roles import Role
from tests.core.factories import UserFactory
from tests.sites.factories import SiteFactory
from tests.visits.factories import TallyCategoryFactory
from visits.selectors import counts_for_day

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def production(monkeypatch, settings):
    """Settings as deployed (DEBUG off), pointing at the test database, for the subprocess."""
    from django.apps import apps

    # The tests hash with MD5 for speed; the server knows only the production hashers.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]

    # A transactional test's flush may have taken the roles the migrations made.
    importlib.import_module("core.migrations.0002_roles").create_roles(apps, None)
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SECRET_KEY", "x9!" + "k2#Lq8@Zp4%Wm7&Rt1^Yv6*" * 3)
    for name, value in BENCH_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)


def test_gunicorn_serves_the_health_check_and_counts_a_tap_once(production, tmp_path):
    site = SiteFactory(slug="pavillonen")
    TallyCategoryFactory(code="visits")
    UserFactory(username="alice", role=Role.STAFF, password=PASSWORD)
    log = tmp_path / "gunicorn.log"
    tap = {
        "id": str(uuid.uuid4()),
        "site": "pavillonen",
        "date": timezone.localdate().isoformat(),
        "category": "visits",
        "delta": 1,
    }
    body = json.dumps({"events": [tap]}).encode()

    with Server(workers=2, log=log) as server:
        # As a monitor asks: no login, no cookies.
        status, answer, _headers = request(server.connection(), "GET", "/healthz")
        assert (status, json.loads(answer)) == (200, {"status": "ok"})

        tablet = Client(server, "alice", PASSWORD)
        first = tablet.post("/visits/api/events/", body, "application/json")
        again = tablet.post("/visits/api/events/", body, "application/json")

    assert first[0] == 200 and json.loads(first[1])["accepted"] == [tap["id"]]
    assert again[0] == 200 and json.loads(again[1])["duplicates"] == [tap["id"]]
    assert counts_for_day(site, datetime.date.fromisoformat(tap["date"])) == {"visits": 1}
    output = log.read_text()
    assert output.count("Booting worker") == 2
    assert "Traceback" not in output and "[ERROR]" not in output
