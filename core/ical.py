"""iCalendar feeds as calendar programs write them: the shell, a VTIMEZONE with RRULEs, the reply.

icalendar's own `add_missing_timezones` lists every change of a zone as one RDATE with many
values, which Mozilla's ical.js (Thunderbird, Nextcloud) reads only the first of: summer events
came out an hour late there. Calendar programs instead write the zone's current rule as two
yearly RRULEs. We take that rule from the tz database itself (the POSIX TZ string at the end of
the zone's TZif file, RFC 8536), so a changed rule arrives with an updated tzdata.
"""

import datetime
import re
import zoneinfo
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard

# The first year the rule is written from; calendar programs use 1970 too.
RULE_EPOCH = 1970
ONE_HOUR = datetime.timedelta(hours=1)

_POSIX = re.compile(
    r"^(?P<std><[^>]+>|[A-Za-z]{3,})(?P<std_offset>[-+]?[\d:]+)"
    r"(?:(?P<dst><[^>]+>|[A-Za-z]{3,})(?P<dst_offset>[-+]?[\d:]+)?"
    r",(?P<start>[^,]+),(?P<end>[^,]+))?$"
)
_MONTH_RULE = re.compile(
    r"^M(?P<month>\d+)\.(?P<week>[1-5])\.(?P<weekday>[0-6])(?:/(?P<time>.+))?$"
)
_ICAL_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")


@dataclass(frozen=True)
class Change:
    """A yearly change: the `week`th (5 = last) `weekday` (0 = Sunday) of `month`, at local `at`."""

    month: int
    week: int
    weekday: int
    at: datetime.timedelta

    def rrule(self) -> dict:
        nth = -1 if self.week == 5 else self.week
        return {
            "freq": "yearly",
            "bymonth": self.month,
            "byday": f"{nth}{_ICAL_DAYS[self.weekday]}",
        }

    def first(self, year: int) -> datetime.datetime:
        """The wall-clock moment of the change in `year` (before the clocks move)."""
        sunday_based = (datetime.date(year, self.month, 1).weekday() + 1) % 7
        day = 1 + (self.weekday - sunday_based) % 7 + 7 * (self.week - 1)
        if self.week == 5:
            while day > _days_in_month(year, self.month):
                day -= 7
        return datetime.datetime(year, self.month, 1) + datetime.timedelta(days=day - 1) + self.at


@dataclass(frozen=True)
class PosixZone:
    """A zone's current rule: standard time, and summer time between two yearly changes."""

    standard_name: str
    standard_offset: datetime.timedelta
    daylight_name: str = ""
    daylight_offset: datetime.timedelta | None = None
    daylight_starts: Change | None = None
    daylight_ends: Change | None = None


def _days_in_month(year: int, month: int) -> int:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def _duration(text: str) -> datetime.timedelta:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
    return sign * datetime.timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2])


def _change(text: str) -> Change:
    match = _MONTH_RULE.match(text)
    if not match:  # the Jn and n forms: no zone in use today has them
        raise ValueError(f"unsupported change rule {text!r}")
    at = _duration(match["time"] or "2")
    if not datetime.timedelta(0) <= at < datetime.timedelta(days=1):
        raise ValueError(f"a change outside its own day cannot be a BYDAY rule: {text!r}")
    return Change(
        month=int(match["month"]), week=int(match["week"]), weekday=int(match["weekday"]), at=at
    )


def parse_posix_tz(text: str) -> PosixZone:
    """Parse a POSIX TZ string such as ``CET-1CEST,M3.5.0,M10.5.0/3``. POSIX offsets are
    hours *west* of Greenwich, so their sign is the opposite of an ISO offset."""
    match = _POSIX.match(text.strip())
    if not match:
        raise ValueError(f"not a POSIX TZ string: {text!r}")
    standard = -_duration(match["std_offset"])
    if not match["dst"]:
        return PosixZone(match["std"].strip("<>"), standard)
    daylight = -_duration(match["dst_offset"]) if match["dst_offset"] else standard + ONE_HOUR
    return PosixZone(
        standard_name=match["std"].strip("<>"),
        standard_offset=standard,
        daylight_name=match["dst"].strip("<>"),
        daylight_offset=daylight,
        daylight_starts=_change(match["start"]),
        daylight_ends=_change(match["end"]),
    )


def posix_tz(key: str) -> str:
    """The POSIX TZ string that ends the zone's TZif file, where zoneinfo itself finds it."""
    for root in zoneinfo.TZPATH:
        path = Path(root) / key
        if path.is_file():
            return _footer(path.read_bytes(), key)
    package, _, name = f"tzdata.zoneinfo.{key.replace('/', '.')}".rpartition(".")
    return _footer(resources.files(package).joinpath(name).read_bytes(), key)


def _footer(data: bytes, key: str) -> str:
    if not data.startswith(b"TZif") or data[4:5] < b"2" or not data.endswith(b"\n"):
        raise ValueError(f"{key}: no TZ string in its TZif file")
    return data[:-1].rsplit(b"\n", 1)[1].decode("ascii")


def vtimezone(key: str) -> Timezone:
    """The VTIMEZONE for a zone as calendar programs write it: STANDARD and DAYLIGHT, each with
    a yearly RRULE, both from 1970 on. The DTSTART of each is the local wall time before the
    change (02:00 for summer time in Copenhagen, 03:00 for its end)."""
    zone = parse_posix_tz(posix_tz(key))
    component = Timezone()
    component.add("tzid", key)
    component.add("x-lic-location", key)
    if zone.daylight_offset is None:
        standard = TimezoneStandard()
        standard.add("dtstart", datetime.datetime(RULE_EPOCH, 1, 1))
        standard.add("tzoffsetfrom", zone.standard_offset)
        standard.add("tzoffsetto", zone.standard_offset)
        standard.add("tzname", zone.standard_name)
        component.add_component(standard)
        return component
    for kind, change, before, after, name in (
        (
            TimezoneDaylight,
            zone.daylight_starts,
            zone.standard_offset,
            zone.daylight_offset,
            zone.daylight_name,
        ),
        (
            TimezoneStandard,
            zone.daylight_ends,
            zone.daylight_offset,
            zone.standard_offset,
            zone.standard_name,
        ),
    ):
        if change is None:
            raise ValueError(f"{key}: summer time without its start or end")
        observance = kind()
        observance.add("tzoffsetfrom", before)
        observance.add("tzoffsetto", after)
        observance.add("tzname", name)
        observance.add("dtstart", change.first(RULE_EPOCH))
        observance.add("rrule", change.rrule())
        component.add_component(observance)
    return component


def new_calendar(*, prodid: str, name: str) -> Calendar:
    """An empty calendar that names itself and the project's time zone."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def to_ical(calendar: Calendar) -> bytes:
    """The calendar's bytes, with a VTIMEZONE (before the events) for every zone they use."""
    for key in sorted(calendar.get_missing_tzids(), reverse=True):
        calendar.subcomponents.insert(0, vtimezone(key))
    return calendar.to_ical()


def calendar_response(calendar: Calendar, *, filename: str) -> HttpResponse:
    response = HttpResponse(to_ical(calendar), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
