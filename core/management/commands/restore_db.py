"""Restore a backup made by backup_db into an empty PostgreSQL database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup_db file into an EMPTY database: the configured one, or the one "
        "given by --database-url. It refuses a database that already has tables."
    )

    def add_arguments(self, parser):
        parser.add_argument("dump_file", type=Path)
        parser.add_argument(
            "--database-url",
            help="postgres://user@host:port/name of the empty target (default: DATABASE_URL).",
        )

    def handle(self, *args, dump_file: Path, database_url: str | None, **options):
        try:
            db = backup.pg_settings(database_url, connection.settings_dict)
            backup.restore(settings=db, dump_file=dump_file)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {dump_file} into {db['NAME']!r}"))
