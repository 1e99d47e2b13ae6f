"""Reusable reads about volunteers, for the roster, the exports and the reports app.

Every function takes plain dates (inclusive periods, local time) and runs a constant number of
queries whatever the number of volunteers or shifts:

- `active_volunteers(start, end)`: volunteers active at some point in the period (1 query).
- `new_volunteers(start, end)`: volunteers who became active in the period (1 query).
- `left_volunteers(start, end)`: volunteers who left in the period (1 query).
- `volunteer_counts(start, end)`: {"active", "new", "left"} as numbers (3 queries).
- `hours_by_site_and_month(start, end)`: [HoursRow(site_id, site_name, month, shifts, hours)]
  for past shift places filled by volunteers (1 query); cancelled shifts count no hours.
- `hours_by_volunteer(start, end, site_ids=None)`: [VolunteerHours(...)] per volunteer and site
  (2 queries), rostered hours and approved hours outside shifts apart; anonymised volunteers
  keep their hours under an anonymous label.
- `approved_extra_hours(start, end, site_ids=None)`: approved hours outside shifts (a query set).
- `extra_hours_by_kind(start, end, site_ids=None)`: [ExtraHoursRow(kind, label, entries, hours)]
  (1 query).
- `trainings_held(start, end)`: [TrainingRow(held_on, topic, title, attendees)] (1 query).
- `open_shifts_for(volunteer)`: [(shift, free roles)] the volunteer may take in the next
  `OPEN_SHIFT_WEEKS` weeks (a constant number of queries); `full_shifts_for(volunteer)` the
  full ones whose waiting list they may join.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from volunteers import training
from volunteers.models import (
    ExtraHours,
    Shift,
    ShiftAssignment,
    TrainingSession,
    Volunteer,
    VolunteerRole,
)


def _period(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """[start 00:00, day after end 00:00) as aware datetimes in the local time zone."""
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    after = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    return first, after


def active_volunteers(start: datetime.date, end: datetime.date) -> QuerySet[Volunteer]:
    return Volunteer.objects.active_between(start, end)


def new_volunteers(start: datetime.date, end: datetime.date) -> QuerySet[Volunteer]:
    return Volunteer.objects.started_between(start, end)


def left_volunteers(start: datetime.date, end: datetime.date) -> QuerySet[Volunteer]:
    return Volunteer.objects.left_between(start, end)


def volunteer_counts(start: datetime.date, end: datetime.date) -> dict[str, int]:
    return {
        "active": active_volunteers(start, end).count(),
        "new": new_volunteers(start, end).count(),
        "left": left_volunteers(start, end).count(),
    }


@dataclass(frozen=True)
class HoursRow:
    site_id: int
    site_name: str
    month: datetime.date  # the first day of the month
    shifts: int  # filled places (one volunteer on one shift)
    hours: float


@dataclass(frozen=True)
class VolunteerHours:
    volunteer_id: int
    volunteer_name: str
    site_id: int | None  # None: hours outside shifts tied to no site
    site_name: str
    shifts: int
    hours: float  # rostered: the shifts'
    extra_hours: float = 0.0  # approved hours outside shifts, never in `hours`


def _done_assignments(
    start: datetime.date, end: datetime.date, site_ids: Iterable[int] | None = None
) -> QuerySet[ShiftAssignment]:
    """Places filled on shifts that started in the period and have ended (not cancelled)."""
    first, after = _period(start, end)
    found = ShiftAssignment.objects.filter(
        shift__in=Shift.objects.active(),
        shift__starts__gte=first,
        shift__starts__lt=after,
        shift__ends__lte=timezone.now(),
    )
    if site_ids is not None:
        found = found.filter(shift__site_id__in=list(site_ids))
    return found


def hours_by_site_and_month(start: datetime.date, end: datetime.date) -> list[HoursRow]:
    # Summed in the database per site and local month: five years of shifts are one row per
    # site and month, not one per filled place.
    rows = (
        _done_assignments(start, end)
        .annotate(month=TruncMonth("shift__starts", tzinfo=timezone.get_default_timezone()))
        .values("shift__site_id", "shift__site__name", "month")
        .annotate(places=Count("pk"), duration=Sum(F("shift__ends") - F("shift__starts")))
        .order_by()
        .values_list("shift__site_id", "shift__site__name", "month", "places", "duration")
    )
    found = [
        HoursRow(
            site_id=site_id,
            site_name=name,
            month=timezone.localtime(month).date(),
            shifts=places,
            hours=round(duration.total_seconds() / 3600, 2),
        )
        for site_id, name, month, places, duration in rows
    ]
    return sorted(found, key=lambda r: (r.month, r.site_name, r.site_id))


def hours_by_volunteer(
    start: datetime.date, end: datetime.date, site_ids: Iterable[int] | None = None
) -> list[VolunteerHours]:
    rows = (
        _done_assignments(start, end, site_ids)
        .select_related("volunteer", "shift__site")
        .only(
            "volunteer__first_name",
            "volunteer__last_name",
            "volunteer__anonymised_at",
            "shift__starts",
            "shift__ends",
            "shift__site__name",
        )
    )
    totals: dict[tuple, list] = {}
    for a in rows:
        key = (str(a.volunteer), a.volunteer_id, a.shift.site.name, a.shift.site_id or 0)
        total = totals.setdefault(key, [0, 0.0, 0.0])
        total[0] += 1
        total[1] += a.shift.hours
    for entry in approved_extra_hours(start, end, site_ids).select_related("volunteer", "site"):
        site_name = entry.site.name if entry.site else ""
        key = (str(entry.volunteer), entry.volunteer_id, site_name, entry.site_id or 0)
        totals.setdefault(key, [0, 0.0, 0.0])[2] += float(entry.hours)
    return [
        VolunteerHours(
            volunteer_id=vid,
            volunteer_name=name,
            site_id=sid or None,
            site_name=site,
            shifts=n,
            hours=round(h, 2),
            extra_hours=round(extra, 2),
        )
        for (name, vid, site, sid), (n, h, extra) in sorted(totals.items())
    ]


def approved_extra_hours(
    start: datetime.date, end: datetime.date, site_ids: Iterable[int] | None = None
) -> QuerySet[ExtraHours]:
    """Approved hours outside shifts given in the period; with `site_ids`, those at the sites
    and those tied to no site (organisation-wide work, such as a training session)."""
    found = ExtraHours.objects.filter(
        state=ExtraHours.State.APPROVED, worked_on__gte=start, worked_on__lte=end
    )
    if site_ids is not None:
        found = found.filter(Q(site_id__in=list(site_ids)) | Q(site__isnull=True))
    return found


@dataclass(frozen=True)
class ExtraHoursRow:
    kind: str
    label: str
    entries: int
    hours: float


def extra_hours_by_kind(
    start: datetime.date, end: datetime.date, site_ids: Iterable[int] | None = None
) -> list[ExtraHoursRow]:
    """Approved hours outside shifts per kind (training, meeting, escort, other; 1 query)."""
    rows = {
        kind: (n, total)
        for kind, n, total in approved_extra_hours(start, end, site_ids)
        .values("kind")
        .annotate(n=Count("pk"), total=Sum("hours"))
        .order_by()
        .values_list("kind", "n", "total")
    }
    return [
        ExtraHoursRow(
            kind=kind, label=str(label), entries=rows[kind][0], hours=float(rows[kind][1])
        )
        for kind, label in ExtraHours.Kind.choices
        if kind in rows
    ]


@dataclass(frozen=True)
class TrainingRow:
    held_on: datetime.date
    topic: str
    title: str
    attendees: int


def trainings_held(start: datetime.date, end: datetime.date) -> list[TrainingRow]:
    sessions = (
        TrainingSession.objects.filter(held_on__gte=start, held_on__lte=end)
        .select_related("topic")
        .annotate(attendee_count=Count("attendees"))
        .order_by("held_on", "pk")
    )
    return [
        TrainingRow(
            held_on=s.held_on, topic=s.topic.name, title=s.title, attendees=s.attendee_count
        )
        for s in sessions
    ]


OPEN_SHIFT_WEEKS = 8


def open_shifts_for(volunteer: Volunteer) -> list[tuple[Shift, list[VolunteerRole]]]:
    """Upcoming shifts with a free place in a role the volunteer has and is trained for."""
    return [(shift, free) for shift, free, _full in shifts_for(volunteer) if free]


def full_shifts_for(volunteer: Volunteer) -> list[tuple[Shift, list[VolunteerRole]]]:
    """Upcoming shifts whose places in a fitting role with instant sign-up are all taken: the
    volunteer may join their waiting list (those they already wait for are left out)."""
    waiting = set(volunteer.waiting.filter(state="waiting").values_list("shift_id", flat=True))
    return [
        (shift, [r for r in full if r.signup == VolunteerRole.SignUp.INSTANT])
        for shift, _free, full in shifts_for(volunteer)
        if shift.pk not in waiting and any(r.signup == VolunteerRole.SignUp.INSTANT for r in full)
    ]


def shifts_for(
    volunteer: Volunteer,
) -> list[tuple[Shift, list[VolunteerRole], list[VolunteerRole]]]:
    """(shift, free fitting roles, full fitting roles) for the next `OPEN_SHIFT_WEEKS` weeks'
    shifts the volunteer is not on and is not unavailable for."""
    now = timezone.now()
    roles = {r.pk: r for r in volunteer.roles.select_related("required_training")}
    attended = training.last_attended(volunteer)
    fitting = {
        pk
        for pk, role in roles.items()
        if not role.required_training_id or role.required_training_id in attended
    }
    unavailable = list(volunteer.unavailabilities.filter(ends_on__gte=timezone.localdate()))
    found = []
    shifts = (
        Shift.objects.active()
        .filter(starts__gt=now, starts__lt=now + datetime.timedelta(weeks=OPEN_SHIFT_WEEKS))
        .filter(needs__role_id__in=fitting)
        .distinct()
        .with_roster()
    )
    for shift in shifts:
        assignments = list(shift.assignments.all())
        if any(a.volunteer_id == volunteer.pk for a in assignments):
            continue
        day = timezone.localdate(shift.starts)
        if any(u.starts_on <= day <= u.ends_on for u in unavailable):
            continue
        free_roles: list[VolunteerRole] = []
        full_roles: list[VolunteerRole] = []
        for need in shift.needs.all():
            if need.role_id not in fitting or _runs_out(roles[need.role_id], attended, day):
                continue
            taken = sum(1 for a in assignments if a.role_id == need.role_id)
            (free_roles if taken < need.count else full_roles).append(roles[need.role_id])
        if free_roles or full_roles:
            found.append((shift, free_roles, full_roles))
    return found


def _runs_out(role: VolunteerRole, attended: dict[int, datetime.date], day: datetime.date) -> bool:
    """Whether the role's training has run out by `day` (volunteers/training.py)."""
    topic = role.required_training
    return (
        topic is not None
        and training.expired_on(topic=topic, attended=attended, day=day) is not None
    )
