"""Coordinators' messages to the volunteers of a shift, a day at a site, a site or a role."""

import datetime
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from volunteers import outbox, training
from volunteers.models import Message, Shift, Volunteer, VolunteerRole
from volunteers.roster import aware_bounds
from volunteers.shift_mail import day_in_words, when

# "The volunteers of a site": those on its shifts from today through this many weeks.
SITE_WEEKS = 8


@dataclass(frozen=True)
class Audience:
    shift: Shift | None = None
    site: object | None = None
    day: datetime.date | None = None
    role: VolunteerRole | None = None
    # "We need someone": with `shift` and `role`, every volunteer who could take the open place.
    need: bool = False

    def describe(self) -> str:
        if self.shift is not None and self.need and self.role is not None:
            return _("Volunteers who could take the open place as %(role)s on %(shift)s") % {
                "role": self.role.name,
                "shift": when(self.shift),
            }
        if self.shift is not None:
            return _("The volunteers on the shift %(shift)s") % {"shift": when(self.shift)}
        parts = []
        if self.site is not None and self.day is not None:
            parts.append(
                _("on shifts at %(site)s on %(day)s")
                % {"site": self.site.name, "day": day_in_words(self.day, "l j. F Y")}
            )
        elif self.site is not None:
            parts.append(
                _("on shifts at %(site)s in the next %(weeks)d weeks")
                % {"site": self.site.name, "weeks": SITE_WEEKS}
            )
        if self.role is not None:
            parts.append(_("with the role %(role)s") % {"role": self.role.name})
        return _("Active volunteers %(which)s") % {"which": " ".join(parts)}

    def volunteers(self):
        """Who gets it: never an anonymised volunteer or one who has left."""
        found = Volunteer.objects.not_anonymised().exclude(status=Volunteer.Status.LEFT)
        if self.shift is not None and self.need and self.role is not None:
            return fitting(shift=self.shift, role=self.role)
        if self.shift is not None:
            return (
                found.filter(assignments__shift=self.shift).distinct().order_by("first_name", "pk")
            )
        found = found.filter(status=Volunteer.Status.ACTIVE)
        if self.site is not None:
            if self.day is not None:
                first, after = aware_bounds(self.day, self.day)
            else:
                today = timezone.localdate()
                first, after = aware_bounds(today, today + datetime.timedelta(weeks=SITE_WEEKS))
            found = found.filter(
                assignments__shift__site=self.site,
                assignments__shift__cancelled_at__isnull=True,
                assignments__shift__starts__gte=first,
                assignments__shift__starts__lt=after,
            )
        if self.role is not None:
            found = found.filter(roles=self.role)
        return found.distinct().order_by("first_name", "pk")


def fitting(*, shift: Shift, role: VolunteerRole):
    """Active volunteers who may sign up for `role` on `shift` by the self-service rules: they
    have the role and its training (not run out by the shift's day), are not on it, not
    unavailable that day and not on another shift at the same time (services.assign checks the
    same again when they sign up)."""
    day = timezone.localdate(shift.starts)
    found = Volunteer.objects.not_anonymised().filter(status=Volunteer.Status.ACTIVE, roles=role)
    topic = role.required_training
    if topic is not None and topic.valid_months is not None:
        # Attended, and recently enough to be valid on the shift's day (volunteers/training.py).
        found = found.filter(
            training_sessions__topic=topic,
            training_sessions__held_on__gte=training.earliest_valid_session(
                day, topic.valid_months
            ),
        )
    elif topic is not None:
        found = found.filter(training_sessions__topic=topic)
    return (
        found.exclude(assignments__shift=shift)
        .exclude(unavailabilities__starts_on__lte=day, unavailabilities__ends_on__gte=day)
        .exclude(
            assignments__shift__cancelled_at__isnull=True,
            assignments__shift__starts__lt=shift.ends,
            assignments__shift__ends__gt=shift.starts,
        )
        .distinct()
        .order_by("first_name", "pk")
    )


def need_text(*, shift: Shift, role: VolunteerRole) -> tuple[str, str]:
    """The suggested subject and text of a "we need someone" message, in Danish."""
    with translation.override("da"):
        start = timezone.localtime(shift.starts)
        values = {
            "role": role.name,
            "day": day_in_words(start),
            "start": date_format(start, "H:i"),
            "end": date_format(timezone.localtime(shift.ends), "H:i"),
            "site": shift.site.name,
        }
        subject = _("We need a %(role)s on %(day)s at %(site)s") % values
        text = (
            _(
                "We need someone as %(role)s on %(day)s, %(start)s–%(end)s at %(site)s. If you can "
                "come, take the shift under “My shifts” in the app. The first to take it gets it."
            )
            % values
        )
    return subject, text


def letter_text(*, volunteer: Volunteer, text: str, sender) -> str:
    with translation.override("da"):
        return render_to_string(
            "volunteers/email/coordinator_message.txt",
            {"volunteer": volunteer, "text": text, "sender": sender},
        )


def new_key() -> uuid.UUID:
    return uuid.uuid4()


def send(
    *, audience: Audience, subject: str, text: str, sender, key: uuid.UUID
) -> tuple[Message, bool]:
    """Queue the message to everyone in the audience once; (message, False) if `key` was
    already sent."""
    existing = Message.objects.filter(client_key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            recipients = list(audience.volunteers())
            message = outbox.queue(
                kind=Message.Kind.COORDINATOR,
                subject=subject,
                letters=[
                    outbox.Letter(v, subject, letter_text(volunteer=v, text=text, sender=sender))
                    for v in recipients
                ],
                shift=audience.shift,
                sent_by=sender,
            )
            message.audience = audience.describe()[:300]
            message.client_key = key
            message.save(update_fields=["audience", "client_key"])
    except IntegrityError:
        return Message.objects.get(client_key=key), False
    return message, True
