"""Cron: anonymise volunteers who left longer ago than VOLUNTEER_ANONYMISE_AFTER_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand

from core.jobs import heartbeat
from volunteers.services import anonymise_due


class Command(BaseCommand):
    help = (
        "Anonymise volunteers who left more than VOLUNTEER_ANONYMISE_AFTER_DAYS ago; "
        "their shifts and hours remain as counts."
    )

    def handle(self, *args, **options):
        done = anonymise_due()
        heartbeat("anonymise_volunteers", note=f"{len(done)} anonymised")
        days = settings.VARMESTUE["VOLUNTEER_ANONYMISE_AFTER_DAYS"]
        self.stdout.write(
            f"Anonymised {len(done)} volunteer(s) who left more than {days} days ago."
        )
