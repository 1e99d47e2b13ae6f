"""Helpers shared by the visits views: which site and day a request is about."""

import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from core.sync import parse_iso_date
from sites.models import Site
from visits.opening import site_open_now


def device_label(request: HttpRequest) -> str:
    """Which device entered a tap: the browser's user agent, shortened. Never about a visitor."""
    return request.headers.get("User-Agent", "")[:200]


def default_site(day: datetime.date, user=None) -> Site | None:
    """The site to show when none is chosen: one open now, else the first in use that day;
    among the user's sites if the user is scoped to some (Site.objects.for_user)."""
    mine = Site.objects.for_user(user, on=day)
    if day == timezone.localdate() and (site := site_open_now(within=mine)) is not None:
        return site
    return mine.in_use(day).first()


def chosen_site(request: HttpRequest, day: datetime.date) -> tuple[Site | None, bool]:
    """The site named by ?site=<slug>, or the default; and whether the given slug was bad.
    Another operator's site is a bad slug for a scoped user, as an unknown one."""
    slug = request.GET.get("site", "")
    if slug:
        site = Site.objects.for_user(request.user, on=day).filter(slug=slug).first()
        if site is not None:
            return site, False
    return default_site(day, request.user), bool(slug)


def chosen_date(request: HttpRequest, default: datetime.date | None = None):
    """The day named by ?date=YYYY-MM-DD (None if missing or malformed)."""
    raw = request.GET.get("date", "")
    if not raw:
        return default or timezone.localdate(), False
    day = parse_iso_date(raw)
    if day is None:
        return default or timezone.localdate(), True
    return day, False


def day_in_sentence(day: datetime.date) -> str:
    """A day in words inside a sentence: "torsdag 3. december 2026" in Danish, lower case."""
    text = date_format(day, "l j. F Y")
    return text[:1].lower() + text[1:] if (get_language() or "da").startswith("da") else text
