"""Who runs a site when: the selector "operator of site on date" and the rule against overlaps.

A site's operations (`SiteOperation`) are dated periods, open at either end. Reports ask for
the operator on a day, or split a period at the takeovers inside it, so that figures before
a takeover stay with the operator who ran the site then.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from core.audit import Actor, record, save_form
from sites.models import Operator, Site, SiteOperation, UserScope

FIRST_DAY = datetime.date.min
LAST_DAY = datetime.date.max


def is_scoped(user) -> bool:
    """Is the user limited to some operators' or sites' data (decisions: Sites 17)?"""
    return UserScope.for_user(user) is not None


def operator_on(site: Site | int, day: datetime.date) -> Operator | None:
    """The operator running the site on the day, or None if no one is recorded."""
    site_id = site if isinstance(site, int) else site.pk
    operation = (
        SiteOperation.objects.on(day).filter(site_id=site_id).select_related("operator").first()
    )
    return operation.operator if operation else None


def operators_on(sites: Iterable[Site | int], day: datetime.date) -> dict[int, Operator]:
    """Each site's operator on the day, in one query (sites without one are left out)."""
    ids = [s if isinstance(s, int) else s.pk for s in sites]
    operations = SiteOperation.objects.on(day).filter(site_id__in=ids).select_related("operator")
    return {operation.site_id: operation.operator for operation in operations}


@dataclass(frozen=True)
class Stretch:
    """Part of a period during which one operator (or none) ran a site."""

    site_id: int
    operator: Operator | None
    start: datetime.date
    end: datetime.date


def stretches(
    sites: Iterable[Site | int], start: datetime.date, end: datetime.date
) -> dict[int, list[Stretch]]:
    """Split start..end per site at every takeover, in date order, in one query.

    Days no operation covers make a stretch with `operator=None`, so the stretches of a site
    always cover the whole period: a figure summed over them equals the site's total.
    """
    ids = [s if isinstance(s, int) else s.pk for s in sites]
    by_site: dict[int, list[SiteOperation]] = defaultdict(list)
    for operation in (
        SiteOperation.objects.between(start, end).filter(site_id__in=ids).select_related("operator")
    ):
        by_site[operation.site_id].append(operation)
    result: dict[int, list[Stretch]] = {}
    for site_id in ids:
        operations = sorted(by_site[site_id], key=lambda o: o.starts_on or FIRST_DAY)
        parts: list[Stretch] = []
        day = start
        for operation in operations:
            begins = max(operation.starts_on or FIRST_DAY, start)
            ends = min(operation.ends_on or LAST_DAY, end)
            if begins > day:
                parts.append(Stretch(site_id, None, day, begins - datetime.timedelta(days=1)))
            parts.append(Stretch(site_id, operation.operator, begins, ends))
            if ends >= end:
                day = end + datetime.timedelta(days=1)
                break
            day = ends + datetime.timedelta(days=1)
        if day <= end:
            parts.append(Stretch(site_id, None, day, end))
        result[site_id] = parts
    return result


def month_operators(
    sites: Iterable[Site | int], start: datetime.date, end: datetime.date
) -> dict[tuple[int, datetime.date], Operator | None]:
    """Who each site's months of start..end belong to, keyed (site id, first of month).

    Figures are published per site and month, so a month with a takeover inside it goes
    whole to the operator who ran the site on most of its days in the period (on a tie, the
    one who took over). Takeovers on the first of a month, the usual case, split exactly.
    """
    owners: dict[tuple[int, datetime.date], Operator | None] = {}
    for site_id, parts in stretches(sites, start, end).items():
        days: dict[datetime.date, dict[Operator | None, int]] = defaultdict(dict)
        for part in parts:
            day = part.start
            while day <= part.end:
                month = day.replace(day=1)
                next_month = (month + datetime.timedelta(days=32)).replace(day=1)
                last = min(part.end, next_month - datetime.timedelta(days=1))
                counts = days[month]
                counts[part.operator] = counts.get(part.operator, 0) + (last - day).days + 1
                day = last + datetime.timedelta(days=1)
        for month, counts in days.items():
            # max() keeps the first of equals; the later operator comes last in `counts`.
            owners[(site_id, month)] = max(reversed(counts.items()), key=lambda kv: kv[1])[0]
    return owners


def _describe(operation: SiteOperation) -> str:
    def show(day: datetime.date | None) -> str:
        return formats.date_format(day, "SHORT_DATE_FORMAT") if day else "…"

    return f"{operation.operator} ({show(operation.starts_on)}–{show(operation.ends_on)})"


def validate_operation(operation: SiteOperation) -> None:
    """Refuse a period that overlaps another operation of the same site."""
    others = SiteOperation.objects.filter(site_id=operation.site_id).exclude(pk=operation.pk)
    start = operation.starts_on or FIRST_DAY
    end = operation.ends_on or LAST_DAY
    for other in others.select_related("operator"):
        if (other.starts_on or FIRST_DAY) <= end and start <= (other.ends_on or LAST_DAY):
            raise ValidationError(
                _("The site is already run by %(other)s in that period.")
                % {"other": _describe(other)}
            )


def record_takeover(
    *,
    site: Site,
    operator: Operator,
    on: datetime.date,
    actor: Actor,
    to_be_confirmed: bool = False,
    note: str = "",
) -> SiteOperation:
    """The operator takes the site over on the day: the running operation ends the day before.

    Raises ValidationError (nothing saved) if a recorded operation starts on or after the day.
    """
    with transaction.atomic():
        Site.objects.select_for_update().get(pk=site.pk)
        current = SiteOperation.objects.on(on).filter(site=site).first()
        if current is not None:
            if current.starts_on is not None and current.starts_on >= on:
                raise ValidationError(
                    _("The takeover must come after %(current)s starts.")
                    % {"current": _describe(current)}
                )
            current.ends_on = on - datetime.timedelta(days=1)
            current.save(update_fields=["ends_on"])
            record(
                actor=actor,
                action="update",
                instance=current,
                changes={"ends_on": str(current.ends_on)},
            )
        operation = SiteOperation(
            site=site, operator=operator, starts_on=on, to_be_confirmed=to_be_confirmed, note=note
        )
        validate_operation(operation)
        operation.save()
        record(
            actor=actor, action="create", instance=operation, changes={"operator": str(operator)}
        )
        return operation


def save_operation(*, form: forms.ModelForm, actor: Actor) -> SiteOperation:
    """Save an edited period of a site, checked against its other periods under its lock."""
    operation = form.instance
    with transaction.atomic():
        Site.objects.select_for_update().get(pk=operation.site_id)
        validate_operation(operation)
        return save_form(form=form, actor=actor)
