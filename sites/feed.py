"""The public opening hours as iCalendar feeds: every site's, or one site's, with stable UIDs."""

import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.ical import new_calendar
from core.links import public_host, public_url
from sites.models import Site
from sites.selectors import ONE_DAY, Opening, opening_intervals

DAYS_BACK = 7
DAYS_AHEAD = 62


def uid_for(site: Site, opening: Opening, host: str) -> str:
    """The same opening keeps its UID in every request and in both the all-sites and the
    site's own feed, so a calendar holding it updates it instead of adding it twice."""
    starts = opening.starts.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    kind = "extra" if opening.is_extra else "open"
    return f"{kind}-{site.slug}-{starts}@{host}"


def openings_calendar(
    *,
    today: datetime.date,
    stamp: datetime.datetime,
    site: Site | None = None,
    request: HttpRequest | None = None,
) -> Calendar:
    """The openings from a week before `today` to two months after it: of every site in use
    then, or only of `site`."""
    start, end = today - DAYS_BACK * ONE_DAY, today + DAYS_AHEAD * ONE_DAY
    if site is None:
        sites = {s.pk: s for s in Site.objects.in_use_between(start, end)}
        name = _("Varmestue opening hours")
    else:
        sites = {site.pk: site}
        name = _("Varmestue opening hours: %(site)s") % {"site": site.name}
    host = public_host()
    schedule_url = public_url("sites:schedule", request=request)
    calendar = new_calendar(prodid="-//Varmestue Korsør og Skælskør//Åbningstider//DA", name=name)
    for site_id, openings in opening_intervals(sites=sites, start=start, end=end).items():
        for opening in openings:
            calendar.add_component(_event(sites[site_id], opening, host, schedule_url, stamp))
    return calendar


def _event(
    site: Site, opening: Opening, host: str, schedule_url: str, stamp: datetime.datetime
) -> Event:
    event = Event()
    event.add("uid", uid_for(site, opening, host))
    event.add("dtstamp", stamp)
    event.add("dtstart", opening.starts)
    event.add("dtend", opening.ends)
    event.add("summary", _("Varmestue open: %(site)s") % {"site": site.name})
    if site.address:
        event.add("location", site.address)
    description = [opening.note] if opening.note else []
    if opening.to_be_confirmed or site.to_be_confirmed:
        description.append(_("Time or place to be confirmed."))
    description.append(schedule_url)
    event.add("description", "\n".join(description))
    event.add("url", schedule_url)
    event.add("status", "TENTATIVE" if opening.to_be_confirmed else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event
