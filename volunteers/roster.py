"""The roster's reads: a site's shifts in a week or month, their gaps, each volunteer's hours."""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from core.registry import SitePresence, site_presence
from sites.models import Site
from volunteers.models import Shift, ShiftAssignment, ShiftNeed


@dataclass
class NeedLine:
    role_id: int
    role_name: str
    needed: int
    names: list[str]

    @property
    def missing(self) -> int:
        return max(self.needed - len(self.names), 0)


@dataclass
class RosterShift:
    shift: Shift
    needs: list[NeedLine]
    assignments: list[ShiftAssignment]
    gaps: list[str]

    @property
    def has_gaps(self) -> bool:
        return bool(self.gaps)


@dataclass
class RosterDay:
    date: datetime.date
    shifts: list[RosterShift] = field(default_factory=list)
    presence: list[SitePresence] = field(default_factory=list)


def shift_gaps(shift: Shift) -> list[str]:
    """What is missing on a shift (uses prefetched needs and assignments: see with_roster).

    A cancelled shift misses nothing: nobody is to fill it.
    """
    if shift.is_cancelled:
        return []
    assignments = list(shift.assignments.all())
    gaps = []
    for need in shift.needs.all():
        filled = sum(1 for a in assignments if a.role_id == need.role_id)
        if filled < need.count:
            gaps.append(
                _("%(count)d × %(role)s missing")
                % {"count": need.count - filled, "role": need.role}
            )
    if shift.key_holder_required and not any(a.volunteer.is_key_holder for a in assignments):
        gaps.append(_("No key holder"))
    if shift.staff_required and shift.staff_member_id is None:
        gaps.append(_("No staff member"))
    return gaps


def roster_shift(shift: Shift) -> RosterShift:
    assignments = list(shift.assignments.all())
    needs = [
        NeedLine(
            role_id=need.role_id,
            role_name=need.role.name,
            needed=need.count,
            names=[str(a.volunteer) for a in assignments if a.role_id == need.role_id],
        )
        for need in shift.needs.all()
    ]
    return RosterShift(shift=shift, needs=needs, assignments=assignments, gaps=shift_gaps(shift))


def period_for(view: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The week (Monday-Sunday) or the month around a day, inclusive."""
    if view == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)


def aware_bounds(start: datetime.date, end: datetime.date):
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    after = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    return first, after


def roster_sites(
    start: datetime.date, end: datetime.date, *, chosen: int | None = None
) -> list[Site]:
    """The sites the roster of start..end lists (decisions: Sites 14): those in use then, and
    a site not in use only where it has shifts then (or is the one chosen)."""
    first, after = aware_bounds(start, end)
    shifts = Shift.objects.between(first, after).values("site_id")
    return list(Site.objects.listed(start, end, with_data=[shifts, chosen]))


def roster_days(
    *, site_ids, start: datetime.date, end: datetime.date, role_id: int | None = None
) -> list[RosterDay]:
    """Every day of the period with its shifts and the partners' sessions at the sites.

    With `role_id`, only the shifts that need that role. Shifts of several sites on one day are
    in order of time, then site.
    """
    first, after = aware_bounds(start, end)
    days = {
        start + datetime.timedelta(days=n): RosterDay(date=start + datetime.timedelta(days=n))
        for n in range((end - start).days + 1)
    }
    shifts = Shift.objects.filter(site_id__in=site_ids).between(first, after)
    if role_id is not None:
        shifts = shifts.filter(pk__in=ShiftNeed.objects.filter(role_id=role_id).values("shift_id"))
    shifts = shifts.order_by("starts", "site__name", "pk").with_roster()
    for shift in shifts:
        day = days.get(timezone.localdate(shift.starts))
        if day is not None:
            day.shifts.append(roster_shift(shift))
    for item in site_presence(site_ids=list(site_ids), start=first, end=after):
        day = days.get(timezone.localdate(item.starts))
        if day is not None:
            day.presence.append(item)
    return list(days.values())


@dataclass
class HoursLine:
    name: str
    shifts: int
    hours: float


def hours_per_volunteer(days: list[RosterDay]) -> list[HoursLine]:
    """Each volunteer's shifts and hours in the roster shown (booked, past or future).

    Cancelled shifts are shown on the roster but give no hours.
    """
    totals: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for day in days:
        for item in day.shifts:
            if item.shift.is_cancelled:
                continue
            for assignment in item.assignments:
                total = totals[str(assignment.volunteer)]
                total[0] += 1
                total[1] += item.shift.hours
    return [
        HoursLine(name=name, shifts=n, hours=round(h, 2)) for name, (n, h) in sorted(totals.items())
    ]


def gap_shifts(*, start: datetime.date, end: datetime.date, limit: int = 10) -> list[RosterShift]:
    """Upcoming shifts with gaps in a period, for the coordinator's dashboard."""
    first, after = aware_bounds(start, end)
    now = timezone.now()
    shifts = Shift.objects.active().between(max(first, now), after).with_roster()
    found = [roster_shift(s) for s in shifts]
    return [r for r in found if r.has_gaps][:limit]
