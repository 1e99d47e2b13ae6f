"""Backing up and restoring the PostgreSQL database with pg_dump and pg_restore."""

import os
import shutil
import subprocess
from pathlib import Path

import environ


class BackupError(Exception):
    pass


def pg_settings(database_url: str | None, default: dict) -> dict:
    """The connection settings of `database_url`, or of the `default` settings dict."""
    settings = environ.Env.db_url_config(database_url) if database_url else default
    if settings["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError(
            "Backups use pg_dump and pg_restore and need PostgreSQL (DATABASE_URL=postgres://…). "
            "An SQLite development database is a single file: copy db.sqlite3 instead."
        )
    return settings


def pg_env(settings: dict) -> dict[str, str]:
    """libpq environment variables: the password never appears on a command line."""
    env = {**os.environ, "PGDATABASE": str(settings["NAME"])}
    for key, var in (("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"), ("HOST", "PGHOST")):
        if settings.get(key):
            env[var] = str(settings[key])
    if settings.get("PORT"):
        env["PGPORT"] = str(settings["PORT"])
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} was not found; install the PostgreSQL client tools.")
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} failed ({result.returncode})")


def dump(*, settings: dict, output: Path) -> Path:
    """Write a custom-format dump to `output` (readable by the owner only)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.touch(mode=0o600)
    try:
        _run(
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "-f",
                str(partial),
            ],
            pg_env(settings),
        )
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(output)  # never a half-written file under the final name
    return output


def table_count(settings: dict) -> int:
    """How many tables the target database's public schema has."""
    import psycopg

    params = {
        "dbname": settings["NAME"],
        "user": settings.get("USER") or None,
        "password": settings.get("PASSWORD") or None,
        "host": settings.get("HOST") or None,
        "port": settings.get("PORT") or None,
        "connect_timeout": 10,
    }
    try:
        with psycopg.connect(**{k: v for k, v in params.items() if v}) as conn:
            row = conn.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            ).fetchone()
    except psycopg.Error as error:
        raise BackupError(f"Cannot connect to the target database: {error}") from error
    return row[0] if row is not None else 0


def restore(*, settings: dict, dump_file: Path) -> None:
    """Restore `dump_file` into the (empty) database of `settings`, all or nothing."""
    if not dump_file.is_file():
        raise BackupError(f"No such backup file: {dump_file}")
    if table_count(settings):
        raise BackupError(
            f"The database {settings['NAME']!r} is not empty. Restore into a new, empty "
            "database (createdb), check it, then point DATABASE_URL at it."
        )
    _run(
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "-d",
            str(settings["NAME"]),
            str(dump_file),
        ],
        pg_env(settings),
    )
