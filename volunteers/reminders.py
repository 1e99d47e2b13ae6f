"""The day-before reminder: each place reminded once, even if cron runs twice."""

import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from volunteers import outbox
from volunteers.models import Message, ShiftAssignment
from volunteers.roster import aware_bounds


def due_reminders(today: datetime.date):
    """Places on tomorrow's shifts (not cancelled) whose volunteer has an e-mail and has not
    been reminded."""
    first, after = aware_bounds(
        today + datetime.timedelta(days=1), today + datetime.timedelta(days=1)
    )
    return (
        ShiftAssignment.objects.filter(
            shift__starts__gte=first,
            shift__starts__lt=after,
            shift__cancelled_at__isnull=True,
            reminder_sent_at__isnull=True,
            volunteer__anonymised_at__isnull=True,
        )
        .exclude(volunteer__email="")
        .select_related("shift__site", "volunteer", "role")
    )


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Queue what is due in the outbox; returns how many reminders were queued.

    Each place is claimed (reminder_sent_at set where still empty) in the transaction that
    stores its message, so two runs at once cannot both queue it; the outbox sends it, and
    retries while the mail server is down.
    """
    now = now or timezone.now()
    queued = 0
    for assignment in due_reminders(timezone.localdate(now)):
        with transaction.atomic():
            # A shift cancelled since the list was read is not reminded.
            claimed = ShiftAssignment.objects.filter(
                pk=assignment.pk, reminder_sent_at__isnull=True, shift__cancelled_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            with translation.override("da"):
                subject = _("Reminder: your shift tomorrow at %(site)s") % {
                    "site": assignment.shift.site.name
                }
                body = render_to_string(
                    "volunteers/email/reminder.txt",
                    {"assignment": assignment, "shift": assignment.shift},
                )
            outbox.queue(
                kind=Message.Kind.REMINDER,
                subject=subject,
                letters=[outbox.Letter(assignment.volunteer, subject, body)],
                shift=assignment.shift,
            )
        queued += 1
    return queued
