"""Reads other apps rely on: the concrete openings of sites, what is open now, what opens next.

The public contract (used by visits, volunteers and reports):

- `Opening`: one concrete opening of one site, with aware datetimes in Europe/Copenhagen.
- `opening_intervals(sites=..., start=..., end=...)`: every site's openings that *start* on
  the local days start..end (inclusive).
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
from django.db.models import Case, IntegerField, When
from django.utils import timezone

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


def local_zone() -> datetime.tzinfo:
    return timezone.get_default_timezone()


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The real instant of a wall-clock time on a day in Europe/Copenhagen.

    Ambiguous times (the repeated hour in October) take the first occurrence; times that do
    not exist (the skipped hour in March) move forward by the hour that was skipped.
    """
    zone = local_zone()
    naive = datetime.datetime.combine(day, time)
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def start_of_day(day: datetime.date) -> datetime.datetime:
    return local_datetime(day, datetime.time.min)


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
    site_rows = {s.pk: s for s in Site.objects.filter(pk__in=ids)}
    hours_by_site: dict[int, list[WeeklyHours]] = defaultdict(list)
    for hours in WeeklyHours.objects.filter(site_id__in=ids).valid_between(start, end):
        hours_by_site[hours.site_id].append(hours)
    closed_days: dict[int, set[datetime.date]] = defaultdict(set)
    for closure in Closure.objects.filter(site_id__in=ids, starts_on__lte=end, ends_on__gte=start):
        for day in _days(max(closure.starts_on, start), min(closure.ends_on, end)):
            closed_days[closure.site_id].add(day)
    holiday_days = set(public_holidays(start, end))

    for site_id, site in site_rows.items():
        site_openings = result[site_id]
        for day in _days(start, end):
            if not site.in_use_on(day) or day in closed_days[site_id]:
                continue
            if site.closes_on_holidays and day in holiday_days:
                continue
            for hours in hours_by_site[site_id]:
                if hours.weekday != day.weekday() or hours.valid_from > day:
                    continue
                if hours.valid_until is not None and hours.valid_until < day:
                    continue
                close_day = day + ONE_DAY if hours.overnight else day
                site_openings.append(
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
    extras = ExtraOpening.objects.filter(
        site_id__in=ids, starts__gte=start_of_day(start), starts__lt=start_of_day(end + ONE_DAY)
    )
    if exclude_extra is not None:
        extras = extras.exclude(pk=exclude_extra)
    for extra in extras:
        result[extra.site_id].append(
            Opening(
                site_id=extra.site_id,
                starts=extra.starts.astimezone(zone),
                ends=extra.ends.astimezone(zone),
                is_extra=True,
                note=extra.reason,
            )
        )
    return {site_id: _merge(openings) for site_id, openings in result.items()}


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


def closures_between(*, sites: Iterable, start: datetime.date, end: datetime.date):
    """Closures of these sites that touch start..end."""
    return Closure.objects.filter(
        site_id__in=_site_ids(sites), starts_on__lte=end, ends_on__gte=start
    ).select_related("site")


def public_sites(*, start: datetime.date, end: datetime.date):
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
