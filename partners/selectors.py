"""Reusable reads of partner data for other apps (reports, schedule, roster) and our pages.

Every function here runs a fixed number of queries, however many sessions or agreements there
are, and takes aware datetimes or plain dates, never naive datetimes.

- `occurrences(first=, last=, site_ids=)`: each time a session actually happens, day by day.
- `sessions_held(first=, last=, site_ids=)`: how many times each organisation was at each site.
- `occurrence_counts(first=, last=, site_ids=, until=)`: how many times each session occurred
  (begun by `until`), counted without making each occurrence (for long periods).
- `agreements_by_status(on=)`: how many agreements had each status on a day.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone

from partners.models import Agreement, Organisation, OutreachSession, Service
from sites.models import Site


@dataclass(frozen=True)
class Occurrence:
    """One session on one day, with aware start and end in Europe/Copenhagen (TIME_ZONE)."""

    session: OutreachSession
    starts: datetime.datetime
    ends: datetime.datetime

    @property
    def site(self) -> Site:
        return self.session.site

    @property
    def organisation(self) -> Organisation:
        return self.session.organisation

    @property
    def service(self) -> Service | None:
        return self.session.service


def _days(first: datetime.date, last: datetime.date) -> Iterable[datetime.date]:
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def occurrences(
    *,
    first: datetime.date,
    last: datetime.date,
    site_ids: Iterable[int] | None = None,
    service: Service | None = None,
    organisation: Organisation | None = None,
) -> list[Occurrence]:
    """Every occurrence of a session on the days `first`..`last` (inclusive), in time order.

    Times are local wall-clock times (Europe/Copenhagen), so a weekly 10:00 session is at
    10:00 both in winter (UTC+1) and summer (UTC+2). One query.
    """
    sessions = OutreachSession.objects.between(first, last).select_related(
        "organisation", "service", "site"
    )
    if site_ids is not None:
        sessions = sessions.filter(site_id__in=list(site_ids))
    if service is not None:
        sessions = sessions.filter(service=service)
    if organisation is not None:
        sessions = sessions.filter(organisation=organisation)
    zone = timezone.get_default_timezone()
    found = []
    sessions = list(sessions)
    for day in _days(first, last):
        for session in sessions:
            if session.occurs_on(day):
                found.append(
                    Occurrence(
                        session=session,
                        starts=datetime.datetime.combine(day, session.start_time, tzinfo=zone),
                        ends=datetime.datetime.combine(day, session.end_time, tzinfo=zone),
                    )
                )
    found.sort(key=lambda o: (o.starts, o.session.site.name, o.session.organisation.name))
    return found


def occurrences_between(
    *, start: datetime.datetime, end: datetime.datetime, site_ids: Iterable[int] | None = None
) -> list[Occurrence]:
    """Occurrences overlapping the period [start, end) given as aware datetimes."""
    zone = timezone.get_default_timezone()
    first = timezone.localtime(start, zone).date()
    last = timezone.localtime(end, zone).date()
    return [
        o
        for o in occurrences(first=first, last=last, site_ids=site_ids)
        if o.starts < end and o.ends > start
    ]


@dataclass(frozen=True)
class SessionCount:
    """How many times one session occurred, and their wall-clock length in total."""

    session: OutreachSession
    count: int

    @property
    def duration(self) -> datetime.timedelta:
        day = datetime.date.min
        one = datetime.datetime.combine(day, self.session.end_time) - datetime.datetime.combine(
            day, self.session.start_time
        )
        return self.count * one


def occurrence_counts(
    *,
    first: datetime.date,
    last: datetime.date,
    site_ids: Iterable[int] | None = None,
    until: datetime.datetime | None = None,
) -> list[SessionCount]:
    """For each session occurring on the days `first`..`last`, how many times it did, counting
    only occurrences begun by `until` (if given). One query.

    The same counts as `occurrences`, by arithmetic: a weekly session occurs on every day of
    its weekday in its period, so five years cost no more than a week.
    """
    sessions = OutreachSession.objects.between(first, last).select_related(
        "organisation", "service", "site"
    )
    if site_ids is not None:
        sessions = sessions.filter(site_id__in=list(site_ids))
    zone = timezone.get_default_timezone()
    today = None if until is None else timezone.localtime(until, zone).date()
    # Every occurrence on a day before `today` has begun; later ones have not.
    last_begun = last if today is None else min(last, today - datetime.timedelta(days=1))
    found = []
    for session in sessions:
        if session.date is not None:
            count = int(first <= session.date <= last_begun)
        else:
            start = max(first, session.valid_from or first)
            end = min(last_begun, session.valid_until or last_begun)
            count = _weekdays_between(start, end, session.weekday)
        if (
            until is not None
            and today is not None
            and first <= today <= last
            and session.occurs_on(today)
        ):
            starts = datetime.datetime.combine(today, session.start_time, tzinfo=zone)
            count += int(starts.timestamp() <= until.timestamp())
        if count:
            found.append(SessionCount(session, count))
    return found


def _weekdays_between(start: datetime.date, end: datetime.date, weekday: int) -> int:
    """How many days of `weekday` there are in start..end."""
    day = start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
    return (end - day).days // 7 + 1 if day <= end else 0


@dataclass(frozen=True)
class SessionsHeld:
    site_id: int
    site_name: str
    organisation_id: int
    organisation_name: str
    count: int


def sessions_held(
    *,
    first: datetime.date,
    last: datetime.date,
    site_ids: Iterable[int] | None = None,
) -> list[SessionsHeld]:
    """How many sessions each organisation held at each site from `first` to `last`.

    Counts the occurrences the schedule shows (planned sessions; nobody records attendance).
    Sorted by site name, then organisation name. One query.
    """
    counts: Counter[tuple[int, int]] = Counter()
    names: dict[tuple[int, int], tuple[str, str]] = {}
    for o in occurrences(first=first, last=last, site_ids=site_ids):
        key = (o.session.site_id, o.session.organisation_id)
        counts[key] += 1
        names[key] = (o.session.site.name, o.session.organisation.name)
    rows = [
        SessionsHeld(site_id, names[key][0], organisation_id, names[key][1], count)
        for key, count in counts.items()
        for site_id, organisation_id in [key]
    ]
    return sorted(rows, key=lambda r: (r.site_name, r.organisation_name))


def agreements_by_status(*, on: datetime.date) -> dict[str, int]:
    """How many agreements had each status on a day: {status value: count}, all statuses.

    Only the current status is stored, so the status on a past day is derived from the dates:
    an agreement made after `on` is not counted; one whose end date is before `on` had ended;
    an active or ended one had been active from its start date; an agreed one (or a later one
    whose start date is after `on`) was agreed; otherwise it was in dialogue. One query.
    """
    S = Agreement.Status
    status_then = Case(
        When(ends_on__lt=on, then=Value(S.ENDED.value)),
        When(
            Q(status__in=[S.ACTIVE, S.ENDED]) & Q(starts_on__lte=on),
            then=Value(S.ACTIVE.value),
        ),
        When(status__in=[S.AGREED, S.ACTIVE, S.ENDED], then=Value(S.AGREED.value)),
        default=Value(S.IN_DIALOGUE.value),
    )
    end_of_day = datetime.datetime.combine(
        on + datetime.timedelta(days=1), datetime.time(), tzinfo=timezone.get_default_timezone()
    )
    rows = (
        Agreement.objects.filter(created_at__lt=end_of_day)
        .annotate(status_then=status_then)
        .values("status_then")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = dict.fromkeys(S.values, 0)
    for row in rows:
        result[row["status_then"]] = row["n"]
    return result
