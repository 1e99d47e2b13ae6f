"""Cron: forget who entered a tally, when and from which device, after the retention."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from core.jobs import heartbeat
from visits.retention import forget_details, retention_days


class Command(BaseCommand):
    help = (
        "Fold tally events entered more than TALLY_DETAILS_RETENTION_DAYS ago into one summary "
        "per site, day and category (no user, time or device) and delete the audit entries of "
        "corrections from before then. The counts do not change."
    )

    def handle(self, *args, **options):
        try:
            days = retention_days()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        done = forget_details()
        heartbeat("forget_tally_details", note=f"{done.events} event(s) folded")
        self.stdout.write(
            f"Entered more than {days} days ago: {done.events} event(s) folded into "
            f"{done.summaries} new summary event(s); {done.audit_entries} correction "
            "audit entry(ies) deleted."
        )
