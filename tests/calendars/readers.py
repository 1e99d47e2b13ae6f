"""Calendar feeds read as calendar programs read them: Mozilla's ical.js and Python's icalendar.

Both readers take the feed's own VTIMEZONE (not the tz database) to turn its wall-clock times
into instants, so a wrong VTIMEZONE shows up as events an hour off.
"""

import datetime
import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from icalendar import Calendar

SCRIPT = Path(__file__).with_name("icaljs_events.mjs")


@dataclass(frozen=True)
class Read:
    uid: str
    starts: datetime.datetime  # UTC
    ends: datetime.datetime  # UTC
    zone: str | None


def _utc(seconds: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def read_with_icaljs(*feeds: bytes) -> list[list[Read]]:
    """Each feed's events as ical.js reads them (one node process for all feeds)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, feed in enumerate(feeds):
            path = Path(folder) / f"feed-{index}.ics"
            path.write_bytes(feed)
            paths.append(str(path))
        output = subprocess.run(  # noqa: S603 - node on our own script and files
            ["node", str(SCRIPT), *paths],  # noqa: S607 - node from PATH, as npm runs it
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
    return [
        [Read(e["uid"], _utc(e["start"]), _utc(e["end"]), e["zone"]) for e in events]
        for events in json.loads(output)
    ]


def read_with_icalendar(feed: bytes) -> list[Read]:
    """The events as icalendar reads them when it builds the zone from the feed's VTIMEZONE
    (by default it would look the TZID up in the tz database and never read the VTIMEZONE)."""
    calendar = Calendar.from_ical(feed)
    zones = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in calendar.walk("VTIMEZONE")}

    def instant(prop) -> datetime.datetime:
        tzid = prop.params.get("TZID")
        wall = prop.dt.replace(tzinfo=None)
        return wall.replace(tzinfo=zones[tzid]).astimezone(datetime.UTC)

    return [
        Read(
            str(e["UID"]),
            instant(e["DTSTART"]),
            instant(e["DTEND"]),
            e["DTSTART"].params.get("TZID"),
        )
        for e in calendar.walk("VEVENT")
    ]
