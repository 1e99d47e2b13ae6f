"""The volunteers app's scheduled commands and how often they must run (core.jobs)."""

from core.jobs import Job

JOBS = [
    # Every minute: the outbox (volunteers/outbox.py).
    Job("send_outbox", minutes=15),
    # Daily at 17:00.
    Job("send_shift_reminders", hours=26),
    # Nightly.
    Job("anonymise_volunteers", hours=26),
]
