"""E-mails to the volunteers on a shift that is cancelled or reinstated (sent after commit)."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from volunteers.models import Shift, ShiftAssignment

logger = logging.getLogger(__name__)

CANCELLED = "cancelled"
REINSTATED = "reinstated"


def recipients(shift: Shift):
    """The places on a shift that has not ended whose volunteer has an e-mail address."""
    if shift.ends <= timezone.now():
        return ShiftAssignment.objects.none()
    return (
        ShiftAssignment.objects.filter(shift=shift, volunteer__anonymised_at__isnull=True)
        .exclude(volunteer__email="")
        .select_related("shift__site", "volunteer", "role")
    )


def send_shift_changed(*, shift_id: int, kind: str) -> int:
    """Tell each volunteer on the shift; returns how many e-mails went out.

    Run after the transaction commits, so nobody hears of a change that was rolled back. One
    failed message is logged and does not stop the others.
    """
    shift = Shift.objects.select_related("site").get(pk=shift_id)
    subjects = {
        CANCELLED: _("Cancelled: your shift %(day)s at %(site)s"),
        REINSTATED: _("On again: your shift %(day)s at %(site)s"),
    }
    sent = 0
    for assignment in recipients(shift):
        try:
            with translation.override("da"):
                day = timezone.localtime(shift.starts)
                context = {"assignment": assignment, "shift": shift, "kind": kind}
                send_mail(
                    subject=subjects[kind]
                    % {"day": date_format(day, "l j. F"), "site": shift.site.name},
                    message=render_to_string("volunteers/email/shift_changed.txt", context),
                    from_email=None,
                    recipient_list=[assignment.volunteer.email],
                )
        except Exception:
            logger.exception(
                "Could not e-mail volunteer %s about shift %s", assignment.volunteer_id, shift.pk
            )
            continue
        sent += 1
    return sent
