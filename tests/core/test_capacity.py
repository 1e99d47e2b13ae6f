"""The database connection budget: `check --deploy` warns when gunicorn's threads do not fit
(core/checks.py), and .env.example's defaults fit a stock PostgreSQL (docs/operations.md)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from core.checks import RESERVED_CONNECTIONS, check_connection_budget, gunicorn_budget

STOCK_MAX_CONNECTIONS, STOCK_SUPERUSER_RESERVED = 100, 3
# The checks read the engine from settings; the tests set it, which Django warns about.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def _example() -> dict[str, str]:
    text = (Path(settings.BASE_DIR) / ".env.example").read_text()
    return dict(re.findall(r"^([A-Z][A-Z0-9_]+)=(.*)$", text, re.MULTILINE))


def _postgres(settings):
    settings.DATABASES = {
        **settings.DATABASES,
        "default": {**settings.DATABASES["default"], "ENGINE": "django.db.backends.postgresql"},
    }


def test_env_example_fits_a_stock_postgresql(monkeypatch):
    example = _example()
    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS"):
        monkeypatch.setenv(name, example[name])
    budget = gunicorn_budget()
    assert (budget.workers, budget.threads) == (
        int(example["GUNICORN_WORKERS"]),
        int(example["GUNICORN_THREADS"]),
    )
    allowed = int(example["DATABASE_CONNECTION_BUDGET"])
    assert budget.needed <= allowed <= STOCK_MAX_CONNECTIONS - STOCK_SUPERUSER_RESERVED


def test_it_warns_when_workers_and_threads_exceed_the_budget(monkeypatch, settings):
    _postgres(settings)
    settings.DATABASE_CONNECTION_BUDGET = 90
    monkeypatch.setenv("GUNICORN_WORKERS", "12")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    (warning,) = check_connection_budget()
    assert warning.id == "core.W001"
    assert f"{12 * 4 * 2 + RESERVED_CONNECTIONS} database connections" in warning.msg


def test_it_is_quiet_when_they_fit(monkeypatch, settings):
    _postgres(settings)
    settings.DATABASE_CONNECTION_BUDGET = 2 * 4 * 2 + RESERVED_CONNECTIONS
    monkeypatch.setenv("GUNICORN_WORKERS", "2")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    assert check_connection_budget() == []


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_with_the_database_it_warns_when_the_budget_exceeds_max_connections(monkeypatch, settings):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int"
            " - current_setting('superuser_reserved_connections')::int"
        )
        limit = cursor.fetchone()[0]
    monkeypatch.setenv("GUNICORN_WORKERS", "1")
    monkeypatch.setenv("GUNICORN_THREADS", "1")
    settings.DATABASE_CONNECTION_BUDGET = limit + 1
    (warning,) = check_connection_budget(databases=["default"])
    assert warning.id == "core.W002"
    settings.DATABASE_CONNECTION_BUDGET = limit
    assert check_connection_budget(databases=["default"]) == []


def test_sqlite_has_no_budget(settings):
    settings.DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    assert check_connection_budget() == []
