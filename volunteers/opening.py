"""Whether a shift sits inside its site's opening hours (the sites app owns the hours).

A shift may begin up to SETUP_MARGIN before an opening and end up to SETUP_MARGIN after it:
volunteers set up and tidy away. Anything else outside the hours needs a reason.
"""

import datetime

from django.utils import timezone

from sites.selectors import Opening, opening_intervals

SETUP_MARGIN = datetime.timedelta(hours=1)


def openings(*, site, start: datetime.date, end: datetime.date) -> list[Opening]:
    """The site's openings starting on days start-1..end (a night opening reaches over)."""
    found = opening_intervals(sites=[site.pk], start=start - datetime.timedelta(days=1), end=end)
    return found.get(site.pk, [])


def fits(found: list[Opening], starts: datetime.datetime, ends: datetime.datetime) -> bool:
    begin, finish = starts.timestamp(), ends.timestamp()
    margin = SETUP_MARGIN.total_seconds()
    return any(
        o.starts.timestamp() - margin <= begin and finish <= o.ends.timestamp() + margin
        for o in found
    )


def inside_opening_hours(*, site, starts: datetime.datetime, ends: datetime.datetime) -> bool:
    day = timezone.localdate(starts)
    return fits(openings(site=site, start=day, end=timezone.localdate(ends)), starts, ends)
