"""The rules across rows: no overlapping hours at one site, and the bus is at one stop at a time.

Checked by the forms (`sites.forms`, so the pages and the admin share them) and again by
`sites.services` under a row lock, so two coordinators saving at once cannot both slip
through. Not in the models' `clean()`: a rule reading other rows needs the selectors, which
need the models.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.clock import local_datetime, start_of_day
from sites.models import ExtraOpening, Site, WeeklyHours
from sites.selectors import collect_openings

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
FOREVER = datetime.date.max


def _minutes(time: datetime.time) -> int:
    return time.hour * 60 + time.minute


def week_interval(hours: WeeklyHours) -> tuple[int, int]:
    """The hours as [start, end) minutes from Monday 00:00; an overnight end passes midnight."""
    start = hours.weekday * MINUTES_PER_DAY + _minutes(hours.opens)
    length = _minutes(hours.closes) - _minutes(hours.opens)
    if hours.overnight:
        length += MINUTES_PER_DAY
    return start, start + length


def _week_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # The week wraps: Sunday night runs into Monday morning.
    return any(
        a[0] < b[1] + shift and b[0] + shift < a[1]
        for shift in (-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK)
    )


def _period(hours: WeeklyHours, site: Site) -> tuple[datetime.date, datetime.date]:
    """When the hours really apply: their validity within the site's period in use."""
    start = max(hours.valid_from, site.in_use_from or datetime.date.min)
    end = min(hours.valid_until or FOREVER, site.in_use_until or FOREVER)
    return start, end


def _periods_meet(a: tuple[datetime.date, datetime.date], b) -> bool:
    return a[0] <= b[1] and b[0] <= a[1] and a[0] <= a[1] and b[0] <= b[1]


def describe_hours(hours: WeeklyHours) -> str:
    until = (
        formats.date_format(hours.valid_until, "SHORT_DATE_FORMAT") if hours.valid_until else "…"
    )
    return _("%(site)s, %(weekday)s %(opens)s–%(closes)s (valid %(start)s–%(end)s)") % {
        "site": hours.site.name,
        "weekday": hours.get_weekday_display(),
        "opens": f"{hours.opens:%H:%M}",
        "closes": f"{hours.closes:%H:%M}",
        "start": formats.date_format(hours.valid_from, "SHORT_DATE_FORMAT"),
        "end": until,
    }


def _describe_moment(starts: datetime.datetime, ends: datetime.datetime) -> str:
    starts, ends = timezone.localtime(starts), timezone.localtime(ends)
    first = formats.date_format(starts, "SHORT_DATETIME_FORMAT")
    return f"{first}–{formats.date_format(ends, 'TIME_FORMAT')}"


def check_weekly_hours(hours: WeeklyHours) -> None:
    """Reject hours that overlap other hours of the same site or of another stop of its bus."""
    if None in (hours.weekday, hours.opens, hours.closes, hours.valid_from):
        return  # the field's own error is shown
    if hours.valid_until is not None and hours.valid_until < hours.valid_from:
        return  # the period rule reports this
    site = Site.objects.get(pk=hours.site_id) if hours.site is None else hours.site
    mine = week_interval(hours)
    my_period = _period(hours, site)
    siblings = WeeklyHours.objects.select_related("site").exclude(pk=hours.pk)
    if site.bus_id is not None:
        siblings = siblings.filter(site__bus_id=site.bus_id)
    else:
        siblings = siblings.filter(site_id=site.pk)
    same_site, same_bus = [], []
    for other in siblings:
        if not _periods_meet(my_period, _period(other, other.site)):
            continue
        if not _week_overlap(mine, week_interval(other)):
            continue
        (same_site if other.site_id == site.pk else same_bus).append(describe_hours(other))
    same_site.extend(_extra_clashes(hours, site, site_only=True))
    same_bus.extend(_extra_clashes(hours, site, site_only=False) if site.bus_id else [])
    if same_site:
        raise ValidationError(
            _("These hours overlap other hours at this site: %(others)s.")
            % {"others": "; ".join(same_site)},
            code="overlap",
        )
    if same_bus:
        raise ValidationError(
            _(
                "The bus cannot be at two stops at once. These hours overlap another stop "
                "of the same bus: %(others)s."
            )
            % {"others": "; ".join(same_bus)},
            code="bus_overlap",
        )


def _extra_clashes(hours: WeeklyHours, site: Site, *, site_only: bool) -> list[str]:
    """Extra openings (of this site, or of the other stops of its bus) the hours would hit."""
    first, last = _period(hours, site)
    extras = ExtraOpening.objects.select_related("site").filter(ends__gt=start_of_day(first))
    if last != FOREVER:
        extras = extras.filter(starts__lt=start_of_day(last + datetime.timedelta(days=2)))
    if site_only:
        extras = extras.filter(site_id=site.pk)
    else:
        extras = extras.filter(site__bus_id=site.bus_id).exclude(site_id=site.pk)
    clashes = []
    for extra in extras:
        day = timezone.localdate(extra.starts) - datetime.timedelta(days=1)
        while day <= timezone.localdate(extra.ends):
            if day.weekday() == hours.weekday and first <= day <= last:
                close_day = day + datetime.timedelta(days=1) if hours.overnight else day
                starts = local_datetime(day, hours.opens)
                ends = local_datetime(close_day, hours.closes)
                if starts.timestamp() < extra.ends.timestamp() and (
                    extra.starts.timestamp() < ends.timestamp()
                ):
                    when = _describe_moment(extra.starts, extra.ends)
                    clashes.append(f"{extra.site.name}, {when} ({extra.reason})")
                    break
            day += datetime.timedelta(days=1)
    return clashes


def check_extra_opening(extra: ExtraOpening) -> None:
    """Reject an extra opening overlapping another opening of its site or of its bus."""
    if extra.ends <= extra.starts:
        return  # the constraint reports this
    site = Site.objects.get(pk=extra.site_id) if extra.site is None else extra.site
    sites = list(Site.objects.filter(bus_id=site.bus_id)) if site.bus_id else [site]
    names = {s.pk: s.name for s in sites}
    openings = collect_openings(
        sites=sites,
        start=timezone.localdate(extra.starts) - datetime.timedelta(days=1),
        end=timezone.localdate(extra.ends),
        exclude_extra=extra.pk,
    )
    for site_id, site_openings in openings.items():
        for opening in site_openings:
            if not opening.overlaps(extra.starts, extra.ends):
                continue
            when = _describe_moment(opening.starts, opening.ends)
            if site_id == site.pk:
                raise ValidationError(
                    _("This overlaps another opening at this site: %(when)s.") % {"when": when},
                    code="overlap",
                )
            raise ValidationError(
                _(
                    "The bus cannot be at two stops at once. This overlaps an opening at "
                    "%(stop)s: %(when)s."
                )
                % {"stop": names[site_id], "when": when},
                code="bus_overlap",
            )


def check(instance: models.Model) -> None:
    """Raise ValidationError if weekly hours or an extra opening break a rule across rows."""
    if getattr(instance, "site_id", None) is None:
        return
    if isinstance(instance, WeeklyHours):
        check_weekly_hours(instance)
    elif isinstance(instance, ExtraOpening) and None not in (instance.starts, instance.ends):
        check_extra_opening(instance)


def validate(instance: models.Model) -> None:
    """Everything a row must pass before it is saved: its fields and constraints, then the
    rules across rows."""
    instance.full_clean()
    check(instance)
