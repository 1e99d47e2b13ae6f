"""The where-and-when picture for one moment: used by the public page, the flyer and the feed."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language

from core.clock import local_zone, start_of_day
from core.registry import SitePresence, site_presence
from sites.models import Bus, Closure, Operator, Site
from sites.operations import operators_on
from sites.selectors import (
    ONE_DAY,
    Opening,
    closures_between,
    next_openings,
    opening_intervals,
    public_holidays,
    public_sites,
    week_of,
)


@dataclass
class DayHours:
    day: datetime.date
    openings: list[Opening]
    closure: Closure | None = None
    holiday: str = ""
    is_today: bool = False


@dataclass
class SiteStatus:
    site: Site
    days: list[DayHours]
    current: Opening | None = None
    next: Opening | None = None
    closures: list[Closure] = field(default_factory=list)
    presence: list[SitePresence] = field(default_factory=list)
    has_tbc_hours: bool = False
    operator: Operator | None = None

    @property
    def is_open(self) -> bool:
        return self.current is not None


@dataclass
class BusTimetable:
    bus: Bus
    rows: list[tuple[Site, Opening]]


@dataclass
class Alternative:
    """Where to go when a site is closed: open elsewhere now, or the soonest next opening."""

    site: Site
    opening: Opening
    open_now: bool


@dataclass
class Schedule:
    moment: datetime.datetime
    week_start: datetime.date
    week_end: datetime.date
    statuses: list[SiteStatus]
    bus_timetables: list[BusTimetable]
    holidays: dict[datetime.date, str]
    upcoming_closures: list[Closure]

    @property
    def open_now(self) -> list[SiteStatus]:
        return [s for s in self.statuses if s.is_open]

    @property
    def soonest(self) -> SiteStatus | None:
        """The site that opens first after the moment (when nothing is open)."""
        waiting = [s for s in self.statuses if s.next is not None]
        return min(waiting, key=lambda s: s.next.starts.timestamp(), default=None)

    @property
    def alternatives(self) -> list[Alternative]:
        """Where to go instead: the sites open now or, if none, the soonest to open."""
        now = [Alternative(s.site, s.current, True) for s in self.open_now]
        if now:
            return now
        soonest = self.soonest
        return [Alternative(soonest.site, soonest.next, False)] if soonest else []

    @property
    def week_number(self) -> int:
        return self.week_start.isocalendar().week

    @property
    def has_tbc(self) -> bool:
        return any(s.site.to_be_confirmed or s.has_tbc_hours for s in self.statuses)


def build_schedule(*, moment: datetime.datetime, with_presence: bool = True) -> Schedule:
    """Every site in use in the moment's week: its week, whether it is open, what opens next."""
    today = timezone.localdate(moment)
    week_start, week_end = week_of(today)
    sites = list(public_sites(start=min(today, week_start), end=week_end))
    ids = [s.pk for s in sites]
    by_site = opening_intervals(sites=ids, start=week_start - ONE_DAY, end=week_end)
    nexts = next_openings(at=moment, sites=ids)
    holidays = public_holidays(week_start, week_end, language=get_language() or "da")
    closures = list(closures_between(sites=ids, start=today, end=today + 6 * 7 * ONE_DAY))
    week_closures = list(closures_between(sites=ids, start=week_start, end=week_end))
    presence = []
    if with_presence and ids:
        presence = site_presence(
            site_ids=ids, start=start_of_day(week_start), end=start_of_day(week_end + ONE_DAY)
        )
    zone = local_zone()
    operators = operators_on(ids, today)
    statuses = []
    for site in sites:
        openings = by_site[site.pk]
        days = []
        for offset in range(7):
            day = week_start + offset * ONE_DAY
            days.append(
                DayHours(
                    day=day,
                    openings=[o for o in openings if o.starts.astimezone(zone).date() == day],
                    closure=next(
                        (
                            c
                            for c in week_closures
                            if c.site_id == site.pk and c.starts_on <= day <= c.ends_on
                        ),
                        None,
                    ),
                    holiday=holidays.get(day, "") if site.closes_on_holidays else "",
                    is_today=day == today,
                )
            )
        statuses.append(
            SiteStatus(
                site=site,
                days=days,
                current=next((o for o in openings if o.contains(moment)), None),
                next=nexts.get(site.pk),
                closures=[c for c in closures if c.site_id == site.pk],
                presence=[p for p in presence if p.site_id == site.pk],
                has_tbc_hours=any(o.to_be_confirmed for o in openings),
                operator=operators.get(site.pk),
            )
        )
    return Schedule(
        moment=moment,
        week_start=week_start,
        week_end=week_end,
        statuses=statuses,
        bus_timetables=_bus_timetables(statuses, week_start, week_end),
        holidays=holidays,
        upcoming_closures=closures,
    )


def _bus_timetables(
    statuses: list[SiteStatus], week_start: datetime.date, week_end: datetime.date
) -> list[BusTimetable]:
    zone = local_zone()
    buses: dict[int, BusTimetable] = {}
    for status in statuses:
        bus = status.site.bus
        if bus is None:
            continue
        timetable = buses.setdefault(bus.pk, BusTimetable(bus=bus, rows=[]))
        for day_hours in status.days:
            timetable.rows.extend((status.site, o) for o in day_hours.openings)
    for timetable in buses.values():
        timetable.rows.sort(key=lambda row: row[1].starts.timestamp())
        timetable.rows = [
            row
            for row in timetable.rows
            if week_start <= row[1].starts.astimezone(zone).date() <= week_end
        ]
    return sorted(buses.values(), key=lambda t: t.bus.name)
