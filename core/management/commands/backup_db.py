"""Back up the PostgreSQL database with pg_dump (custom format) and the uploaded files
(MEDIA_ROOT, as <name>.media.tar beside the dump), for cron."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from core import backup
from core.jobs import heartbeat


class Command(BaseCommand):
    help = (
        "Back up the database to a pg_dump custom-format file and the uploaded files "
        "(MEDIA_ROOT) to <name>.media.tar beside it (restore both with restore_db)."
    )

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
            media = backup.media_archive(written)
            files = backup.dump_media(media_root=Path(settings.MEDIA_ROOT), output=media)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        size = written.stat().st_size
        heartbeat("backup_db", note=f"{written.name} ({size} bytes), {files} uploaded files")
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up to {written} ({size} bytes) and {files} uploaded files to {media}"
            )
        )
