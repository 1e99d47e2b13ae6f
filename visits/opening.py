"""When a site is open, as far as the tallies need to know: the days and the hours.

Reads `sites.selectors` (weekly hours, closures, holidays and extra openings already
applied); an opening belongs to the day it starts.
"""

import datetime

from django.utils import timezone

from sites.models import Site
from sites.selectors import open_now, opening_intervals


def opening_days(site: Site, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The days between start and end (inclusive) the site opens."""
    openings = opening_intervals(sites=[site], start=start, end=end)[site.pk]
    return sorted({o.starts.astimezone(timezone.get_current_timezone()).date() for o in openings})


def site_open_now(at: datetime.datetime | None = None, within=None) -> Site | None:
    """A site open at this moment (the first by name), or None; `within` limits the sites."""
    openings = open_now(at=at or timezone.now())
    if not openings:
        return None
    sites = Site.objects.all() if within is None else within
    return sites.filter(pk__in=[o.site_id for o in openings]).first()
