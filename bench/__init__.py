"""The performance benchmark (docs/performance.md): `make bench` or `python -m bench`.

It runs against its own database, never the development or test one: BENCH_DATABASE_URL,
default postgres://postgres@127.0.0.1:5432/varmestue_bench (created and migrated if missing).
"""

import os
import secrets

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/varmestue_bench"

BENCH_ENVIRONMENT = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "false",
    "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "LOG_LEVEL": "WARNING",
}


def database_url() -> str:
    """BENCH_DATABASE_URL; else the PostgreSQL server of DATABASE_URL with the database
    varmestue_bench (never DATABASE_URL's own database: the bench empties its database);
    else postgres://postgres@127.0.0.1:5432/varmestue_bench."""
    from urllib.parse import urlsplit, urlunsplit

    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    main = os.environ.get("DATABASE_URL", "")
    if main.startswith(("postgres://", "postgresql://")):
        return urlunsplit(urlsplit(main)._replace(path="/varmestue_bench", query=""))
    return DEFAULT_URL


def setup(url: str | None = None, *, migrate: bool = True) -> str:
    """Point Django at the bench database (creating it if missing), set it up and migrate."""
    url = url or database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "varmestue.settings")
    # Measured as deployed (DEBUG off: no query log, no debug pages), but over plain HTTP
    # on 127.0.0.1 and with the static files as they are in the repository.
    for name, value in BENCH_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    # A throwaway key for this run; gunicorn and the report subprocesses inherit it.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    if url.startswith(("postgres://", "postgresql://")):
        _create_postgres_database(url)
    import warnings

    import django

    # WhiteNoise warns that STATIC_ROOT was never collected; the bench serves no static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    return url


def _create_postgres_database(url: str) -> None:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
