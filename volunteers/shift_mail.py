"""Messages to the volunteers on a shift that is cancelled or reinstated (through the outbox)."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from volunteers import outbox
from volunteers.models import Message, Shift, ShiftAssignment

CANCELLED = "cancelled"
REINSTATED = "reinstated"
KINDS = {CANCELLED: Message.Kind.SHIFT_CANCELLED, REINSTATED: Message.Kind.SHIFT_REINSTATED}


def day_in_words(value: datetime.date | datetime.datetime, fmt: str = "l j. F") -> str:
    """A day in words for the middle of a sentence, in the active language: "mandag 7. december".

    Django's Danish weekday names are capitalised; in Danish they are lower case mid-sentence.
    """
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    text = date_format(value, fmt)
    return text.lower() if translation.get_language() == "da" else text


def when(shift: Shift) -> str:
    """A shift in words, in the active language: "mandag 7. december, 17:00–19:00, Korsør"."""
    start = timezone.localtime(shift.starts)
    day, begin = day_in_words(start), date_format(start, "H:i")
    end = date_format(timezone.localtime(shift.ends), "H:i")
    return f"{day}, {begin}–{end}, {shift.site.name}"


def told(shift: Shift):
    """The places on a shift that has not ended whose volunteer is told of a change."""
    if shift.ends <= timezone.now():
        return ShiftAssignment.objects.none()
    return ShiftAssignment.objects.filter(
        shift=shift, volunteer__anonymised_at__isnull=True
    ).select_related("shift__site", "volunteer", "role")


def recipients(shift: Shift):
    """Those of `told` with an e-mail address."""
    return told(shift).exclude(volunteer__email="")


def queue_shift_changed(*, shift: Shift, kind: str, actor=None) -> Message | None:
    """Store the message to each volunteer on the shift (in the caller's transaction).

    The outbox sends it once the transaction has committed and cron runs, so nobody hears of
    a change that was rolled back, and a mail server that is down delays it, never loses it.
    """
    places = list(told(shift))
    if not places:
        return None
    subjects = {
        CANCELLED: _("Cancelled: your shift %(day)s at %(site)s"),
        REINSTATED: _("On again: your shift %(day)s at %(site)s"),
    }
    with translation.override("da"):
        subject = subjects[kind] % {
            "day": day_in_words(shift.starts),
            "site": shift.site.name,
        }
        letters = [
            outbox.Letter(
                volunteer=place.volunteer,
                subject=subject,
                body=render_to_string(
                    "volunteers/email/shift_changed.txt",
                    {"assignment": place, "shift": shift, "kind": kind},
                ),
            )
            for place in places
        ]
    return outbox.queue(
        kind=KINDS[kind], subject=subject, letters=letters, shift=shift, sent_by=actor
    )


CONFIRMED = "confirmed"
DECLINED = "declined"
WAITING_LIST = "waiting_list"


def queue_place_message(*, kind: str, shift: Shift, volunteer, role, note: str = "", actor=None):
    """Tell a volunteer that their request was confirmed or declined, or that they got a place
    from the waiting list (in the caller's transaction; must-get kinds)."""
    subjects = {
        CONFIRMED: _("Confirmed: your shift %(day)s at %(site)s"),
        DECLINED: _("Declined: the shift %(day)s at %(site)s"),
        WAITING_LIST: _("You got a place: the shift %(day)s at %(site)s"),
    }
    with translation.override("da"):
        subject = subjects[kind] % {
            "day": day_in_words(shift.starts),
            "site": shift.site.name,
        }
        body = render_to_string(
            "volunteers/email/place.txt",
            {"volunteer": volunteer, "shift": shift, "role": role, "kind": kind, "note": note},
        )
    message_kind = (
        Message.Kind.WAITING_LIST if kind == WAITING_LIST else Message.Kind.SIGNUP_DECIDED
    )
    return outbox.queue(
        kind=message_kind,
        subject=subject,
        letters=[outbox.Letter(volunteer=volunteer, subject=subject, body=body)],
        shift=shift,
        sent_by=actor,
    )
