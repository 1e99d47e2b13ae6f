"""System checks for the deployment: the database connection budget (docs/operations.md)."""

import runpy
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.db import connections

# Connections besides gunicorn's: cron jobs, a backup, an operator's psql.
RESERVED_CONNECTIONS = 5


@dataclass(frozen=True)
class Budget:
    workers: int
    threads: int

    @property
    def needed(self) -> int:
        """Each gunicorn thread keeps one connection open (CONN_MAX_AGE); a graceful reload
        (SIGHUP) runs the new workers beside the old until they finish, so count them twice."""
        return self.workers * self.threads * 2 + RESERVED_CONNECTIONS


def gunicorn_budget() -> Budget:
    """Workers and threads as gunicorn.conf.py computes them from the same environment."""
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    return Budget(workers=int(config["workers"]), threads=int(config["threads"]))


def _server_limit(alias: str) -> int | None:
    """max_connections less the superusers' reserve, as the server reports it."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int"
            " - current_setting('superuser_reserved_connections')::int"
        )
        row = cursor.fetchone()
    return int(row[0]) if row else None


@checks.register(checks.Tags.database, deploy=True)
def check_connection_budget(
    app_configs=None, databases=None, **kwargs
) -> list[checks.CheckMessage]:
    """`manage.py check --deploy`: do gunicorn's threads fit DATABASE_CONNECTION_BUDGET, and
    (with `--database default`) does the budget fit the server's max_connections?"""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return []
    budget = gunicorn_budget()
    allowed = settings.DATABASE_CONNECTION_BUDGET
    found: list[checks.CheckMessage] = []
    if budget.needed > allowed:
        found.append(
            checks.Warning(
                f"gunicorn may open {budget.needed} database connections "
                f"({budget.workers} workers x {budget.threads} threads x 2 during a reload "
                f"+ {RESERVED_CONNECTIONS} for jobs), more than DATABASE_CONNECTION_BUDGET="
                f"{allowed}.",
                hint="Lower GUNICORN_WORKERS or GUNICORN_THREADS, or raise PostgreSQL's "
                "max_connections and the budget (docs/operations.md, 'Capacity').",
                id="core.W001",
            )
        )
    if databases and "default" in databases:
        limit = _server_limit("default")
        if limit is not None and allowed > limit:
            found.append(
                checks.Warning(
                    f"DATABASE_CONNECTION_BUDGET={allowed} is more than the {limit} "
                    "connections PostgreSQL allows (max_connections less "
                    "superuser_reserved_connections).",
                    hint="Lower the budget or raise max_connections (docs/operations.md).",
                    id="core.W002",
                )
            )
    return found
