"""When a site is open, as far as the tallies need to know: the days and the hours.

Reads `sites.selectors` (weekly hours, closures, holidays and extra openings already
applied); an opening belongs to the day it starts.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone

from sites.models import Site
from sites.selectors import open_now, opening_intervals, opening_totals


def opening_days(site: Site, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The days between start and end (inclusive) the site opens."""
    openings = opening_intervals(sites=[site], start=start, end=end)[site.pk]
    return sorted({o.starts.astimezone(timezone.get_current_timezone()).date() for o in openings})


def opening_hours(
    site_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[int, float]:
    """{site_id: hours open between start and end}, 0 for a site without hours.

    Summed per month by `sites.selectors.opening_totals`, without making every opening (a
    year of 20 sites is 7,000 of them).
    """
    site_ids = list(site_ids)
    hours: dict[int, float] = defaultdict(float)
    for (site_id, _month), totals in opening_totals(sites=site_ids, start=start, end=end).items():
        hours[site_id] += totals.duration.total_seconds() / 3600
    return {site_id: hours[site_id] for site_id in site_ids}


def site_open_now(at: datetime.datetime | None = None) -> Site | None:
    """A site open at this moment (the first by name), or None."""
    openings = open_now(at=at or timezone.now())
    if not openings:
        return None
    return Site.objects.filter(pk__in=[o.site_id for o in openings]).first()
