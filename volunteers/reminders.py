"""The day-before reminder e-mail: each place reminded once, even if cron runs twice."""

import datetime

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from volunteers.models import ShiftAssignment
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
    """Send what is due; returns how many were sent.

    Each place is claimed (reminder_sent_at set where still empty) before its e-mail is sent,
    so two runs at once cannot both send it; a failed send releases the claim for the next run.
    """
    now = now or timezone.now()
    sent = 0
    for assignment in due_reminders(timezone.localdate(now)):
        with transaction.atomic():
            # A shift cancelled since the list was read is not reminded.
            claimed = ShiftAssignment.objects.filter(
                pk=assignment.pk, reminder_sent_at__isnull=True, shift__cancelled_at__isnull=True
            ).update(reminder_sent_at=now)
        if not claimed:
            continue
        try:
            with translation.override("da"):
                context = {"assignment": assignment, "shift": assignment.shift}
                send_mail(
                    subject=_("Reminder: your shift tomorrow at %(site)s")
                    % {"site": assignment.shift.site.name},
                    message=render_to_string("volunteers/email/reminder.txt", context),
                    from_email=None,
                    recipient_list=[assignment.volunteer.email],
                )
        except Exception:
            ShiftAssignment.objects.filter(pk=assignment.pk).update(reminder_sent_at=None)
            raise
        sent += 1
    return sent
