"""Backing up and restoring the PostgreSQL database with pg_dump and pg_restore, and the
uploaded files (MEDIA_ROOT: agreement documents) as a tar file beside the dump."""

import os
import shutil
import subprocess
import tarfile
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


def _connect(settings: dict):
    import psycopg

    params = {
        "dbname": settings["NAME"],
        "user": settings.get("USER") or None,
        "password": settings.get("PASSWORD") or None,
        "host": settings.get("HOST") or None,
        "port": settings.get("PORT") or None,
        "connect_timeout": 10,
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v})


def table_count(settings: dict) -> int:
    """How many tables the target database's public schema has."""
    import psycopg

    try:
        with _connect(settings) as conn:
            row = conn.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            ).fetchone()
    except psycopg.Error as error:
        raise BackupError(f"Cannot connect to the target database: {error}") from error
    return row[0] if row is not None else 0


def can_create_tables(settings: dict) -> bool:
    """Whether the restoring user may create tables in the target's public schema (since
    PostgreSQL 15 only the database's owner may, unless granted)."""
    import psycopg

    try:
        with _connect(settings) as conn:
            row = conn.execute("SELECT has_schema_privilege('public', 'CREATE')").fetchone()
    except psycopg.Error as error:
        raise BackupError(f"Cannot connect to the target database: {error}") from error
    return bool(row and row[0])


def restore(*, settings: dict, dump_file: Path) -> None:
    """Restore `dump_file` into the (empty) database of `settings`, all or nothing."""
    if not dump_file.is_file():
        raise BackupError(f"No such backup file: {dump_file}")
    if table_count(settings):
        raise BackupError(
            f"The database {settings['NAME']!r} is not empty. Restore into a new, empty "
            "database (createdb), check it, then point DATABASE_URL at it."
        )
    if not can_create_tables(settings):
        raise BackupError(
            f"The user {settings.get('USER') or '(default)'!r} may not create tables in "
            f"{settings['NAME']!r}. Create the database owned by the app's user "
            f"(createdb -O <app user> {settings['NAME']}) and restore as that user, so that "
            "the app owns its tables."
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


def media_archive(dump_file: Path) -> Path:
    """The uploaded files' archive that belongs to a dump: the same name, .media.tar."""
    return dump_file.with_name(dump_file.stem + ".media.tar")


def dump_media(*, media_root: Path, output: Path) -> int:
    """Write every file under `media_root` to the tar file `output` (owner only); the count."""
    partial = output.with_name(output.name + ".partial")
    partial.touch(mode=0o600)
    count = 0
    try:
        with tarfile.open(partial, "w") as archive:
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        archive.add(path, arcname=str(path.relative_to(media_root)))
                        count += 1
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Cannot archive the uploaded files in {media_root}: {error}") from error
    partial.replace(output)
    return count


def check_media_target(media_root: Path) -> None:
    """Refuse to restore uploaded files over a MEDIA_ROOT that already has files."""
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
        raise BackupError(
            f"{media_root} already has files. Restore the uploaded files into a new, empty "
            "directory (--media-root), check it, then point MEDIA_ROOT at it."
        )


def restore_media(*, archive: Path, media_root: Path) -> int:
    """Unpack `archive` into the empty `media_root`; the number of files."""
    check_media_target(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(archive) as tar:
            members = [m for m in tar.getmembers() if m.isfile()]
            # "data": no absolute paths, no "..", no links out of the directory.
            tar.extractall(media_root, members=members, filter="data")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Cannot restore the uploaded files from {archive}: {error}") from error
    return len(members)
