"""Builds the period report for USB from the other apps' models and selectors.

Each section aggregates in the database with a fixed number of queries, whatever the
period or the number of sites, so five years of twenty sites stays fast.
"""

from collections.abc import Iterable

from django.utils import timezone

from core.disclosure import threshold
from planning.models import ReportingPeriod
from reports.document import build_document
from reports.periods import Period, publishable
from reports.report import Report, SiteRef
from reports.sections import opening, partners, plan, visits, volunteers
from reports.sections.common import Context
from sites.models import Site
from visits.selectors import sites_with_tallies

SECTIONS = (visits, opening, volunteers, partners, plan)


def sites_for(period: Period, slugs: Iterable[str] | None = None):
    """The chosen sites, or the sites listed for the period (decisions: Sites 14): in use at
    some time in it, or counted in it."""
    if slugs:
        return Site.objects.order_by("town", "name").filter(slug__in=list(slugs))
    return Site.objects.listed(
        period.start, period.end, with_data=[sites_with_tallies(period.start, period.end)]
    )


def build_report(
    *,
    period: Period,
    sites: Iterable[Site] | None = None,
    document: ReportingPeriod | None = None,
) -> Report:
    """The period report; with `document` (a reporting period), its status document with
    the sections as the appendix. The period is as published (`publishable`): every tally
    figure in it has passed core.disclosure."""
    period = publishable(period)
    chosen = list(sites) if sites is not None else list(sites_for(period))
    chosen.sort(key=lambda s: (s.town, s.name, s.pk))
    refs = [SiteRef(id=s.pk, slug=s.slug, name=s.name) for s in chosen]
    now = timezone.now()
    context = Context(
        period=period,
        year_earlier=period.year_earlier(),
        sites=refs,
        now=now,
        with_document=document is not None,
    )
    sections = []
    for module in SECTIONS:
        section = module.build(context)
        context.figures[section.key] = section.figures
        sections.append(section)
    return Report(
        period=period,
        year_earlier=context.year_earlier,
        sites=refs,
        generated_at=now,
        threshold=threshold(),
        sections=sections,
        document=build_document(document, context.figures, sections_of=build_document_sections)
        if document is not None
        else None,
    )


def build_document_report(document: ReportingPeriod) -> Report:
    """A reporting period's status document: its dates, its sites (none: every site in use)."""
    period = Period(document.starts, document.ends)
    sites = list(document.sites.all())
    return build_report(period=period, sites=sites or None, document=document)


def build_document_sections(document: ReportingPeriod) -> dict:
    """The section figures of a reporting period's appendix, for its indicators' values when
    a later document draws them over the periods (reports.effect)."""
    sites = list(document.sites.all())
    report = build_report(period=Period(document.starts, document.ends), sites=sites or None)
    return {s.key: s.figures for s in report.sections}
