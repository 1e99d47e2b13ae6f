"""The performance benchmark (docs/performance.md): `make bench` or `python -m bench`.

It runs against its own database, never the development or test one: BENCH_DATABASE_URL,
default postgres://postgres@127.0.0.1:5432/varmestue_bench (created and migrated if missing).
"""

import os

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/varmestue_bench"

BENCH_ENVIRONMENT = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "false",
    "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "LOG_LEVEL": "WARNING",
}


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL


def setup(url: str | None = None, *, migrate: bool = True) -> str:
    """Point Django at the bench database (creating it if missing), set it up and migrate."""
    url = url or database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "varmestue.settings")
    # Measured as deployed (DEBUG off: no query log, no debug pages), but over plain HTTP
    # on 127.0.0.1 and with the static files as they are in the repository.
    for name, value in BENCH_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    if url.startswith(("postgres://", "postgresql://")):
        _create_postgres_database(url)
    import django

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
