"""Restore a backup made by backup_db into an empty PostgreSQL database, and its uploaded
files into an empty MEDIA_ROOT."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup_db file into an EMPTY database: the configured one, or the one "
        "given by --database-url. It refuses a database that already has tables. The "
        "uploaded files (<name>.media.tar beside the dump) go into an empty MEDIA_ROOT or "
        "--media-root."
    )

    def add_arguments(self, parser):
        parser.add_argument("dump_file", type=Path)
        parser.add_argument(
            "--database-url",
            help="postgres://user@host:port/name of the empty target (default: DATABASE_URL).",
        )
        parser.add_argument(
            "--media-root",
            type=Path,
            help="The empty directory for the uploaded files (default: MEDIA_ROOT).",
        )

    def handle(
        self,
        *args,
        dump_file: Path,
        database_url: str | None,
        media_root: Path | None,
        **options,
    ):
        media_root = media_root or Path(settings.MEDIA_ROOT)
        archive = backup.media_archive(dump_file)
        try:
            db = backup.pg_settings(database_url, connection.settings_dict)
            if archive.is_file():
                backup.check_media_target(media_root)  # before the database, not after
            backup.restore(settings=db, dump_file=dump_file)
            files = (
                backup.restore_media(archive=archive, media_root=media_root)
                if archive.is_file()
                else 0
            )
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {dump_file} into {db['NAME']!r}"))
        if archive.is_file():
            self.stdout.write(
                self.style.SUCCESS(f"Restored {files} uploaded files into {media_root}")
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"No {archive.name} beside the dump: no uploaded files restored."
                )
            )
