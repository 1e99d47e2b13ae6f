"""Back up the PostgreSQL database with pg_dump (custom format), for cron."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from core import backup
from core.jobs import heartbeat


class Command(BaseCommand):
    help = "Back up the database to a pg_dump custom-format file (restore with restore_db)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="The file to write. Default: BACKUP_DIR/varmestue-<timestamp>.dump",
        )

    def handle(self, *args, output: Path | None, **options):
        try:
            db = backup.pg_settings(None, connection.settings_dict)
            if output is None:
                stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
                output = Path(settings.BACKUP_DIR) / f"varmestue-{stamp}.dump"
            written = backup.dump(settings=db, output=output)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        size = written.stat().st_size
        heartbeat("backup_db", note=f"{written.name} ({size} bytes)")
        self.stdout.write(self.style.SUCCESS(f"Backed up to {written} ({size} bytes)"))
