"""Cron: e-mail each volunteer the day before a shift, and warn of training about to run out
(daily; safe to run twice)."""

from django.core.management.base import BaseCommand

from core.jobs import heartbeat
from volunteers.reminders import send_reminders
from volunteers.training import send_expiry_warnings


class Command(BaseCommand):
    help = (
        "E-mail volunteers a reminder of tomorrow's shifts, and volunteers and coordinators a "
        "warning of needed training about to run out. Each is sent once."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        warned = send_expiry_warnings()
        heartbeat("send_shift_reminders", note=f"{sent} reminders, {warned} training warnings")
        self.stdout.write(f"Queued {sent} shift reminder(s) in the outbox.")
        self.stdout.write(f"Queued {warned} training warning(s) in the outbox.")
