"""Cron: e-mail each volunteer the day before a shift (daily; safe to run twice)."""

from django.core.management.base import BaseCommand

from core.jobs import heartbeat
from volunteers.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail volunteers a reminder of tomorrow's shifts. Each place is reminded once."

    def handle(self, *args, **options):
        sent = send_reminders()
        heartbeat("send_shift_reminders", note=f"{sent} queued")
        self.stdout.write(f"Queued {sent} shift reminder(s) in the outbox.")
