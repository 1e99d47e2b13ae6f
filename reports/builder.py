"""Builds the period report for USB from the other apps' models and selectors.

Each section aggregates in the database with a fixed number of queries, whatever the
period or the number of sites, so five years of twenty sites stays fast.
"""

from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from reports.periods import Period
from reports.report import Report, SiteRef
from reports.sections import opening, partners, plan, visits, volunteers
from reports.sections.common import Context
from reports.smallnumbers import threshold
from sites.models import Site

SECTIONS = (visits, opening, volunteers, partners, plan)


def sites_for(period: Period, slugs: Iterable[str] | None = None):
    """The chosen sites, or every site in use at some time in the period."""
    sites = Site.objects.order_by("town", "name")
    if slugs:
        return sites.filter(slug__in=list(slugs))
    return sites.filter(
        Q(in_use_from__isnull=True) | Q(in_use_from__lte=period.end),
        Q(in_use_until__isnull=True) | Q(in_use_until__gte=period.start),
    )


def build_report(*, period: Period, sites: Iterable[Site] | None = None) -> Report:
    chosen = list(sites) if sites is not None else list(sites_for(period))
    refs = [SiteRef(id=s.pk, slug=s.slug, name=s.name) for s in chosen]
    context = Context(period=period, year_earlier=period.year_earlier(), sites=refs)
    return Report(
        period=period,
        year_earlier=context.year_earlier,
        sites=refs,
        generated_at=timezone.now(),
        threshold=threshold(),
        sections=[module.build(context) for module in SECTIONS],
    )
