"""Reads other apps rely on: the concrete openings of sites, what is open now, what opens next.

The public contract (used by visits, volunteers and reports):

- `Opening`: one concrete opening of one site, with aware datetimes in Europe/Copenhagen.
- `opening_intervals(sites=..., start=..., end=...)`: every site's openings that *start* on
  the local days start..end (inclusive).
- `opening_totals(sites=..., start=..., end=..., until=...)`: the same openings summed per site
  and month (for long periods: it does not make each opening).
- `open_now(at=...)` and `next_openings(at=..., sites=...)` for "open now" / "opens next".

How a day's openings are made, for each site:
1. Regular weekly hours valid on that day, if the site is in use that day;
2. minus every regular opening starting on a closed day (`Closure`, dates inclusive) and,
   if the site chose to close on holidays, on a Danish public holiday (`holidays.Denmark`);
3. plus extra openings (`ExtraOpening`) starting that day, even on closed days: an extra
   opening is a deliberate decision, such as a frost night;
4. overlapping openings of one site are merged (validation prevents them, but a later
   change of weekly hours could make one overlap an existing extra opening), so hours are
   never counted twice.

An opening belongs to the day it starts: a frost night Friday 20:00 to Saturday 08:00 is a
Friday opening. Wall-clock times are turned into real instants in Europe/Copenhagen, so a
night across a daylight-saving change lasts an hour more or less. A time that does not exist
(02:30 on the last Sunday of March) moves forward to 03:30.

Careful: Python compares and subtracts two datetimes that share a tzinfo by their wall-clock
values. Use `Opening.duration` and `Opening.contains()`, or convert to UTC, for arithmetic.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.db.models import Case, IntegerField, QuerySet, When
from django.utils import timezone

from core.clock import local_datetime, local_zone, start_of_day
from sites.models import Closure, ExtraOpening, Site, WeeklyHours

UTC = datetime.UTC
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Opening:
    """One concrete opening of one site.

    `starts`/`ends` are aware datetimes in Europe/Copenhagen; `is_extra` is True for an extra
    opening (frost night etc.), and `note` carries its reason (or the weekly hours' note).
    `to_be_confirmed` is True when the hours are a proposal not yet confirmed.
    """

    site_id: int
    starts: datetime.datetime
    ends: datetime.datetime
    is_extra: bool
    note: str
    to_be_confirmed: bool = False

    @property
    def duration(self) -> datetime.timedelta:
        """The real length, right across daylight-saving changes."""
        return self.ends.astimezone(UTC) - self.starts.astimezone(UTC)

    def contains(self, at: datetime.datetime) -> bool:
        """Is the site open at this instant (start included, end excluded)?"""
        return self.starts.timestamp() <= at.timestamp() < self.ends.timestamp()

    def overlaps(self, starts: datetime.datetime, ends: datetime.datetime) -> bool:
        return self.starts.timestamp() < ends.timestamp() and starts.timestamp() < (
            self.ends.timestamp()
        )


@lru_cache(maxsize=64)
def _holidays_for(year: int, language: str) -> dict[datetime.date, str]:
    return dict(holidays.Denmark(years=year, language=language).items())


def public_holidays(
    start: datetime.date, end: datetime.date, *, language: str = "da"
) -> dict[datetime.date, str]:
    """Danish public holidays on days start..end (inclusive), with their names."""
    language = "da" if language.startswith("da") else "en_US"
    found = {}
    for year in range(start.year, end.year + 1):
        for day, name in _holidays_for(year, language).items():
            if start <= day <= end:
                found[day] = name
    return dict(sorted(found.items()))


def _site_ids(sites: Iterable) -> list[int]:
    return [s.pk if isinstance(s, Site) else int(s) for s in sites]


def _days(start: datetime.date, end: datetime.date) -> Iterable[datetime.date]:
    day = start
    while day <= end:
        yield day
        day += ONE_DAY


def _merge(openings: list[Opening]) -> list[Opening]:
    openings.sort(key=lambda o: (o.starts.timestamp(), o.ends.timestamp()))
    merged: list[Opening] = []
    for opening in openings:
        if merged and opening.starts.timestamp() < merged[-1].ends.timestamp():
            last = merged[-1]
            notes = [n for n in (last.note, opening.note) if n]
            merged[-1] = Opening(
                site_id=last.site_id,
                starts=last.starts,
                ends=max(last.ends, opening.ends, key=lambda d: d.timestamp()),
                is_extra=last.is_extra and opening.is_extra,
                note="; ".join(dict.fromkeys(notes)),
                to_be_confirmed=last.to_be_confirmed or opening.to_be_confirmed,
            )
        else:
            merged.append(opening)
    return merged


def opening_intervals(
    *, sites: Iterable, start: datetime.date, end: datetime.date
) -> dict[int, list[Opening]]:
    """For each site (Site objects or ids), its openings starting on days start..end.

    Returns {site_id: [Opening, ...]} sorted by start, with a (possibly empty) list for every
    site asked about. Four queries whatever the number of sites or days.
    """
    return collect_openings(sites=sites, start=start, end=end)


def collect_openings(
    *, sites: Iterable, start: datetime.date, end: datetime.date, exclude_extra: int | None = None
) -> dict[int, list[Opening]]:
    """`opening_intervals`, optionally leaving one extra opening out (for validating it)."""
    ids = _site_ids(sites)
    result: dict[int, list[Opening]] = {site_id: [] for site_id in ids}
    if not ids or end < start:
        return result
    schedule = _Schedule.load(ids, start, end, exclude_extra=exclude_extra)
    for site_id in schedule.sites:
        result[site_id] = schedule.openings(site_id, _days(start, end))
    return result


@dataclass
class _Schedule:
    """What makes the openings of some sites on days start..end: four queries."""

    sites: dict[int, Site]
    hours: dict[int, list[WeeklyHours]]
    closed: dict[int, set[datetime.date]]
    holidays: set[datetime.date]
    extras: dict[int, list[ExtraOpening]]

    @classmethod
    def load(
        cls,
        ids: list[int],
        start: datetime.date,
        end: datetime.date,
        *,
        exclude_extra: int | None = None,
    ) -> "_Schedule":
        sites = {s.pk: s for s in Site.objects.filter(pk__in=ids)}
        hours: dict[int, list[WeeklyHours]] = defaultdict(list)
        for row in WeeklyHours.objects.filter(site_id__in=ids).valid_between(start, end):
            hours[row.site_id].append(row)
        closed: dict[int, set[datetime.date]] = defaultdict(set)
        for closure in Closure.objects.filter(
            site_id__in=ids, starts_on__lte=end, ends_on__gte=start
        ):
            closed[closure.site_id].update(
                _days(max(closure.starts_on, start), min(closure.ends_on, end))
            )
        extras = ExtraOpening.objects.filter(
            site_id__in=ids,
            starts__gte=start_of_day(start),
            starts__lt=start_of_day(end + ONE_DAY),
        )
        if exclude_extra is not None:
            extras = extras.exclude(pk=exclude_extra)
        extras_by_site: dict[int, list[ExtraOpening]] = defaultdict(list)
        for extra in extras:
            extras_by_site[extra.site_id].append(extra)
        return cls(sites, hours, closed, set(public_holidays(start, end)), extras_by_site)

    def is_closed(self, site: Site, day: datetime.date) -> bool:
        if not site.in_use_on(day) or day in self.closed[site.pk]:
            return True
        return site.closes_on_holidays and day in self.holidays

    def openings(self, site_id: int, days: Iterable[datetime.date]) -> list[Opening]:
        """The site's merged openings: weekly hours starting on `days`, and every extra one."""
        site = self.sites[site_id]
        found = []
        for day in days:
            if self.is_closed(site, day):
                continue
            for hours in self.hours[site_id]:
                if hours.weekday != day.weekday() or hours.valid_from > day:
                    continue
                if hours.valid_until is not None and hours.valid_until < day:
                    continue
                close_day = day + ONE_DAY if hours.overnight else day
                found.append(
                    Opening(
                        site_id=site_id,
                        starts=local_datetime(day, hours.opens),
                        ends=local_datetime(close_day, hours.closes),
                        is_extra=False,
                        note=hours.note,
                        to_be_confirmed=hours.to_be_confirmed,
                    )
                )
        zone = local_zone()
        for extra in self.extras[site_id]:
            found.append(
                Opening(
                    site_id=extra.site_id,
                    starts=extra.starts.astimezone(zone),
                    ends=extra.ends.astimezone(zone),
                    is_extra=True,
                    note=extra.reason,
                )
            )
        return _merge(found)


@dataclass
class OpeningTotals:
    """What one site held in one month: openings, of which extra ones, and their real length."""

    openings: int = 0
    extra: int = 0
    duration: datetime.timedelta = datetime.timedelta(0)

    def add(self, openings: int, extra: int, duration: datetime.timedelta) -> None:
        self.openings += openings
        self.extra += extra
        self.duration += duration


def opening_totals(
    *,
    sites: Iterable,
    start: datetime.date,
    end: datetime.date,
    until: datetime.datetime | None = None,
) -> dict[tuple[int, datetime.date], OpeningTotals]:
    """{(site id, first of month): OpeningTotals} of the openings starting on days start..end,
    only those begun by `until` (if given). Four queries.

    The same figures as summing `opening_intervals`, without making every opening: on an
    ordinary day a weekly rule's opening lasts exactly its wall-clock length, so those are
    counted per rule and month by arithmetic. Days where that may not hold are made one by
    one as `opening_intervals` makes them: around extra openings (which may merge with
    weekly ones), around daylight-saving changes, where two weekly rules overlap, and the day
    of `until` (an opening that day may not have begun).
    """
    ids = _site_ids(sites)
    totals: dict[tuple[int, datetime.date], OpeningTotals] = defaultdict(OpeningTotals)
    if not ids or end < start:
        return {}
    schedule = _Schedule.load(ids, start, end)
    today = timezone.localdate(until, local_zone()) if until is not None else None
    # Weekly openings on days after `today` have not begun; `today` itself is irregular.
    last_regular = end if today is None else min(end, today - ONE_DAY)
    dst_days = _days_near_offset_changes(start, end)
    for site_id, site in schedule.sites.items():
        irregular = _irregular_days(schedule, site_id, start, end, dst_days, today)
        # Made one by one, as opening_intervals makes them.
        for opening in schedule.openings(site_id, sorted(irregular)):
            if until is not None and opening.starts.timestamp() > until.timestamp():
                continue
            month = opening.starts.date().replace(day=1)
            totals[(site_id, month)].add(1, int(opening.is_extra), opening.duration)
        # Every other day: counted per weekly rule and month.
        skipped = schedule.closed[site_id] | irregular
        if site.closes_on_holidays:
            skipped |= schedule.holidays
        for hours in schedule.hours[site_id]:
            first = max(start, hours.valid_from, site.in_use_from or start)
            last = min(last_regular, hours.valid_until or end, site.in_use_until or end)
            length = _wall_clock_length(hours)
            counts = _weekday_counts_by_month(first, last, hours.weekday)
            for day in skipped:
                if first <= day <= last and day.weekday() == hours.weekday:
                    counts[day.replace(day=1)] -= 1
            for month, n in counts.items():
                if n:
                    totals[(site_id, month)].add(n, 0, n * length)
    return dict(totals)


def _since_midnight(time: datetime.time) -> datetime.timedelta:
    return datetime.timedelta(
        hours=time.hour, minutes=time.minute, seconds=time.second, microseconds=time.microsecond
    )


def _wall_clock_length(hours: WeeklyHours) -> datetime.timedelta:
    length = _since_midnight(hours.closes) - _since_midnight(hours.opens)
    return length + ONE_DAY if hours.overnight else length


def _weekday_counts_by_month(
    first: datetime.date, last: datetime.date, weekday: int
) -> dict[datetime.date, int]:
    """{first of month: how many days of `weekday` it has in first..last}."""
    counts: dict[datetime.date, int] = {}
    day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7)
    while day <= last:
        month = day.replace(day=1)
        next_month = (month + datetime.timedelta(days=31)).replace(day=1)
        month_last = min(last, next_month - ONE_DAY)
        n = (month_last - day).days // 7 + 1
        counts[month] = n
        day += datetime.timedelta(days=7 * n)
    return counts


def _days_near_offset_changes(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """Days whose openings may cross a change of UTC offset (daylight saving).

    An opening starting on day d ends before midnight after d + 1. A change between noon
    the day before T and noon on T (found by comparing noon offsets) can fall in the
    openings of T - 2, T - 1 and T.
    """
    zone = local_zone()
    found: set[datetime.date] = set()
    day = start - ONE_DAY
    noon = datetime.time(12)
    offset = datetime.datetime.combine(day, noon, tzinfo=zone).utcoffset()
    while day <= end + 2 * ONE_DAY:
        day += ONE_DAY
        now = datetime.datetime.combine(day, noon, tzinfo=zone).utcoffset()
        if now != offset:
            found.update(day - n * ONE_DAY for n in range(3))
        offset = now
    return found


def _irregular_days(
    schedule: _Schedule,
    site_id: int,
    start: datetime.date,
    end: datetime.date,
    dst_days: set[datetime.date],
    today: datetime.date | None,
) -> set[datetime.date]:
    """The site's days in start..end whose openings `opening_totals` makes one by one."""
    days = set(dst_days)
    if today is not None:
        days.add(today)
    zone = local_zone()
    for extra in schedule.extras[site_id]:
        # A weekly opening that overlaps this one starts at most a day before it.
        first = extra.starts.astimezone(zone).date() - ONE_DAY
        days.update(_days(max(first, start), min(extra.ends.astimezone(zone).date(), end)))
    rules = schedule.hours[site_id]
    for n, one in enumerate(rules):
        for other in rules[n + 1 :]:
            if not _week_overlap(one, other):
                continue
            first = max(one.valid_from, other.valid_from, start + ONE_DAY) - ONE_DAY
            last = min(one.valid_until or end, other.valid_until or end, end - ONE_DAY) + ONE_DAY
            days.update(_days(first, last))
    return {day for day in days if start <= day <= end}


WEEK = datetime.timedelta(days=7)


def _week_overlap(one: WeeklyHours, other: WeeklyHours) -> bool:
    """Whether two weekly rules' wall-clock times overlap anywhere on the wrapping week."""

    def interval(hours: WeeklyHours) -> tuple[datetime.timedelta, datetime.timedelta]:
        opens = hours.weekday * ONE_DAY + _since_midnight(hours.opens)
        return opens, opens + _wall_clock_length(hours)

    a_start, a_end = interval(one)
    b_start, b_end = interval(other)
    return any(
        a_start < b_end + shift and b_start + shift < a_end for shift in (-WEEK, 0 * WEEK, WEEK)
    )


def _aware(at: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(at):
        raise ValueError("`at` must be an aware datetime.")
    return at


def open_now(*, at: datetime.datetime, sites: Iterable | None = None) -> list[Opening]:
    """The openings going on at `at` (all sites in use, or the given ones), by start time."""
    _aware(at)
    day = timezone.localdate(at)
    if sites is None:
        sites = Site.objects.in_use_between(day - ONE_DAY, day)
    by_site = opening_intervals(sites=sites, start=day - ONE_DAY, end=day)
    found = [o for openings in by_site.values() for o in openings if o.contains(at)]
    return sorted(found, key=lambda o: (o.starts.timestamp(), o.site_id))


def next_openings(
    *, at: datetime.datetime, sites: Iterable | None = None, horizon_days: int = 21
) -> dict[int, Opening | None]:
    """For each site, its first opening that starts after `at`, or None within the horizon.

    Without `sites`, every site in use at some point in the horizon.
    """
    _aware(at)
    day = timezone.localdate(at)
    last = day + datetime.timedelta(days=horizon_days)
    if sites is None:
        sites = Site.objects.in_use_between(day, last)
    by_site = opening_intervals(sites=sites, start=day, end=last)
    moment = at.timestamp()
    return {
        site_id: next((o for o in openings if o.starts.timestamp() > moment), None)
        for site_id, openings in by_site.items()
    }


def week_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday and Sunday of the week `day` is in."""
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)


def closures_between(
    *, sites: Iterable[Site | int], start: datetime.date, end: datetime.date
) -> QuerySet[Closure]:
    """Closures of these sites that touch start..end."""
    return Closure.objects.filter(
        site_id__in=_site_ids(sites), starts_on__lte=end, ends_on__gte=start
    ).select_related("site")


def public_sites(*, start: datetime.date, end: datetime.date) -> QuerySet[Site]:
    """Sites in use some day of start..end, for the public pages, with their bus."""
    return (
        Site.objects.in_use_between(start, end)
        .select_related("bus")
        .annotate(
            is_bus_stop=Case(
                When(kind=Site.Kind.BUS_STOP, then=1), default=0, output_field=IntegerField()
            )
        )
        .order_by("is_bus_stop", "town", "name")
    )
