"""Cron (every minute): send the volunteers' queued messages, retrying with back-off."""

from django.core.management.base import BaseCommand

from core.jobs import heartbeat
from volunteers.outbox import send_due


class Command(BaseCommand):
    help = "Send queued messages to volunteers; failures are retried later, each sent once."

    def handle(self, *args, **options):
        run = send_due()
        heartbeat("send_outbox", note=str(run))
        self.stdout.write(f"Outbox: {run}.")
