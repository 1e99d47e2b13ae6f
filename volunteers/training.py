"""Training that expires: until when a volunteer's qualification in a topic is valid, who needs
it, and the warnings before it runs out.

A topic with `valid_months` makes a qualification run out that many months after the last
session attended (a later session renews it). A qualification is needed by a volunteer who has
a role requiring the topic, or is a key holder and the topic is required for key holders.
Before it runs out (TRAINING_EXPIRY_WARNING_DAYS) the dashboard shows it and the daily
reminders command tells the volunteer and the coordinators once through the outbox; after it,
services refuse the places that need it (services.training_problems).
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from volunteers import outbox
from volunteers.models import (
    Message,
    QualificationWarning,
    TrainingSession,
    TrainingTopic,
    Volunteer,
    VolunteerRole,
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), the month's last day where it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def valid_until(attended_on: datetime.date, months: int) -> datetime.date:
    """The last day a session attended on `attended_on` counts (first aid 7 Dec 2026, 24
    months: 6 Dec 2028)."""
    return add_months(attended_on, months) - datetime.timedelta(days=1)


def earliest_valid_session(day: datetime.date, months: int) -> datetime.date:
    """The earliest session date whose qualification is still valid on `day`."""
    found = add_months(day, -months)
    while valid_until(found, months) >= day:
        found -= datetime.timedelta(days=1)
    while valid_until(found, months) < day:
        found += datetime.timedelta(days=1)
    return found


def warning_days() -> int:
    return settings.VARMESTUE["TRAINING_EXPIRY_WARNING_DAYS"]


def last_attended(volunteer: Volunteer) -> dict[int, datetime.date]:
    """Topic id -> the day of the volunteer's last session in it (one query)."""
    rows = (
        TrainingSession.objects.filter(attendees=volunteer)
        .values("topic_id")
        .annotate(last=Max("held_on"))
    )
    return {row["topic_id"]: row["last"] for row in rows}


def in_words(day: datetime.date) -> str:
    return date_format(day, "j. F Y")


def expired_on(
    *, topic: TrainingTopic, attended: dict[int, datetime.date], day: datetime.date
) -> datetime.date | None:
    """The last valid day of the qualification if it has run out by `day`, else None (also
    when never attended: that is missing, not expired)."""
    if topic.valid_months is None or topic.pk not in attended:
        return None
    last_day = valid_until(attended[topic.pk], topic.valid_months)
    return last_day if last_day < day else None


@dataclass(frozen=True)
class Qualification:
    volunteer: Volunteer
    topic: TrainingTopic
    attended_on: datetime.date
    valid_until: datetime.date

    def expired(self, today: datetime.date) -> bool:
        return self.valid_until < today

    @property
    def valid_until_words(self) -> str:
        return in_words(self.valid_until)


def qualifications(volunteer: Volunteer) -> list[Qualification]:
    """The volunteer's qualifications in topics that expire, needed or not (the detail page)."""
    attended = last_attended(volunteer)
    return [
        Qualification(
            volunteer=volunteer,
            topic=topic,
            attended_on=attended[topic.pk],
            valid_until=valid_until(attended[topic.pk], topic.valid_months),
        )
        for topic in TrainingTopic.objects.filter(valid_months__isnull=False, pk__in=list(attended))
        if topic.valid_months is not None
    ]


def needed_qualifications(*, volunteers=None) -> list[Qualification]:
    """Every expiring qualification an active volunteer needs (by a role or as a key holder),
    with its last valid day, soonest first; in a constant number of queries."""
    topics = {t.pk: t for t in TrainingTopic.objects.filter(valid_months__isnull=False)}
    if not topics:
        return []
    people = Volunteer.objects.not_anonymised().filter(status=Volunteer.Status.ACTIVE)
    if volunteers is not None:
        people = people.filter(pk__in=[v.pk for v in volunteers])
    people = {v.pk: v for v in people.prefetch_related("roles")}
    through = TrainingSession.attendees.through
    rows = (
        through.objects.filter(
            volunteer_id__in=list(people), trainingsession__topic_id__in=list(topics)
        )
        .values("volunteer_id", "trainingsession__topic_id")
        .annotate(last=Max("trainingsession__held_on"))
    )
    role_topics = {
        r.pk: r.required_training_id
        for r in VolunteerRole.objects.filter(required_training_id__in=list(topics))
    }
    found = []
    for row in rows:
        volunteer = people[row["volunteer_id"]]
        topic = topics[row["trainingsession__topic_id"]]
        by_role = any(role_topics.get(r.pk) == topic.pk for r in volunteer.roles.all())
        by_key = volunteer.is_key_holder and topic.required_for_key_holders
        if by_role or by_key:
            found.append(
                Qualification(
                    volunteer=volunteer,
                    topic=topic,
                    attended_on=row["last"],
                    valid_until=valid_until(row["last"], topic.valid_months),
                )
            )
    return sorted(found, key=lambda q: (q.valid_until, q.volunteer.first_name, q.volunteer.pk))


def running_out(
    *, today: datetime.date | None = None, volunteers=None, include_expired: bool = True
) -> list[Qualification]:
    """Needed qualifications that run out within the warning period (and, by default, those
    that have run out already): what the dashboard shows."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=warning_days())
    return [
        q
        for q in needed_qualifications(volunteers=volunteers)
        if q.valid_until <= horizon and (include_expired or not q.expired(today))
    ]


def coordinators():
    """The active coordinators with an e-mail address (whoever may manage volunteers)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__permissions__content_type__app_label="core",
            groups__permissions__codename="manage_volunteers",
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def send_expiry_warnings(*, now: datetime.datetime | None = None) -> int:
    """Queue one message per qualification that runs out within the warning period and has not
    been warned of: to the volunteer and to each coordinator. Returns how many were queued.

    Each warning is claimed (a QualificationWarning row, unique) in the transaction that
    queues its message, so a second run, even at the same time, queues nothing more.
    """
    today = timezone.localdate(now or timezone.now())
    found = running_out(today=today, include_expired=False)
    if not found:
        return 0
    staff = list(coordinators())
    queued = 0
    for qualification in found:
        try:
            with transaction.atomic():
                warning = QualificationWarning.objects.create(
                    volunteer=qualification.volunteer,
                    topic=qualification.topic,
                    valid_until=qualification.valid_until,
                )
                warning.message = _queue_warning(qualification, staff)
                warning.save(update_fields=["message"])
        except IntegrityError:
            continue  # warned already (or by a run at the same time)
        queued += 1
    return queued


def _queue_warning(qualification: Qualification, staff) -> Message:
    volunteer = qualification.volunteer
    with translation.override("da"):
        values = {
            "name": str(volunteer),
            "training": qualification.topic.name,
            "day": in_words(qualification.valid_until),
        }
        subject = _("Your training “%(training)s” runs out on %(day)s") % values
        staff_subject = _("%(name)s: the training “%(training)s” runs out on %(day)s") % values
        context = {"qualification": qualification, "day": values["day"]}
        letters = [
            outbox.Letter(
                volunteer=volunteer,
                subject=subject,
                body=render_to_string(
                    "volunteers/email/training_expires.txt", {**context, "to_staff": False}
                ),
            )
        ]
        staff_body = render_to_string(
            "volunteers/email/training_expires.txt", {**context, "to_staff": True}
        )
        letters += [
            outbox.Letter(volunteer=None, user=user, subject=staff_subject, body=staff_body)
            for user in staff
        ]
    return outbox.queue(kind=Message.Kind.TRAINING_EXPIRES, subject=staff_subject, letters=letters)
