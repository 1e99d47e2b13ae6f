"""Volunteers: active, new, left, hours given on shifts and, apart, approved hours outside
shifts, trainings held."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.spreadsheets import Month
from reports.report import Column, Fact, Section, Table
from reports.sections.common import Context, too_long_to_print
from volunteers.selectors import (
    extra_hours_by_kind,
    hours_by_site_and_month,
    trainings_held,
    volunteer_counts,
)

KEY = "volunteers"


@dataclass
class VolunteerFigures:
    active: int = 0
    new: int = 0
    left: int = 0
    shifts: int = 0  # places filled: one volunteer on one shift
    hours: float = 0.0
    # Approved hours outside shifts (training, meetings, escorts): never in `hours`.
    extra_hours: float = 0.0
    trainings: int = 0
    attendances: int = 0
    # (site id, first of month) -> (places filled, hours)
    by_site_month: dict[tuple[int, datetime.date], tuple[int, float]] = field(default_factory=dict)


def build(ctx: Context) -> Section:
    counts = volunteer_counts(ctx.period.start, ctx.period.end)
    chosen = set(ctx.site_ids)
    rows = [
        r for r in hours_by_site_and_month(ctx.period.start, ctx.period.end) if r.site_id in chosen
    ]
    trainings = trainings_held(ctx.period.start, ctx.period.end)
    extra = extra_hours_by_kind(ctx.period.start, ctx.period.end, site_ids=ctx.site_ids)
    figures = VolunteerFigures(
        active=counts["active"],
        new=counts["new"],
        left=counts["left"],
        shifts=sum(r.shifts for r in rows),
        hours=round(sum(r.hours for r in rows), 1),
        extra_hours=round(sum(r.hours for r in extra), 1),
        trainings=len(trainings),
        attendances=sum(t.attendees for t in trainings),
        by_site_month={(r.site_id, r.month): (r.shifts, r.hours) for r in rows},
    )
    order = {site.id: n for n, site in enumerate(ctx.sites)}
    hours = Table(
        key="hours",
        title=_("Volunteer hours per site and month"),
        columns=[
            Column(_("Site"), numeric=False),
            Column(_("Month"), numeric=False),
            Column(_("Shifts filled")),
            Column(_("Hours")),
        ],
        rows=[
            [ctx.site(r.site_id).name, Month(r.month), r.shifts, round(r.hours, 1)]
            for r in sorted(rows, key=lambda r: (order[r.site_id], r.month))
        ],
        total=[_("Total"), "", figures.shifts, figures.hours],
        note=_("Shifts that have ended; one volunteer on one shift is one shift filled."),
    )
    training = Table(
        key="trainings",
        title=_("Trainings held"),
        columns=[
            Column(_("Date"), numeric=False),
            Column(_("Topic"), numeric=False),
            Column(_("Title"), numeric=False),
            Column(_("Attendees")),
        ],
        rows=[[t.held_on, t.topic, t.title, t.attendees] for t in trainings],
        total=[_("Total"), "", "", figures.attendances],
    )
    tables = [hours, training]
    if extra:
        tables.insert(
            1,
            Table(
                key="extra_hours",
                title=_("Volunteer hours outside shifts"),
                columns=[
                    Column(_("What"), numeric=False),
                    Column(_("Records")),
                    Column(_("Hours")),
                ],
                rows=[[r.label, r.entries, round(r.hours, 1)] for r in extra],
                total=[_("Total"), sum(r.entries for r in extra), figures.extra_hours],
                note=_(
                    "Approved by a coordinator, at the chosen sites or at no particular site; "
                    "not included in the hours on shifts."
                ),
            ),
        )
    if too_long_to_print(ctx):
        # Too many rows to print: the page and PDF show each site's totals.
        hours.detail = True
        tables.insert(0, _per_site(hours, ctx, figures))
    return Section(
        key=KEY,
        title=_("Volunteers"),
        note=_(
            "Active, new and left count every volunteer; hours count shifts at the chosen sites."
        ),
        facts=[
            Fact(_("Active volunteers"), figures.active),
            Fact(_("New volunteers"), figures.new),
            Fact(_("Volunteers who left"), figures.left),
            Fact(_("Hours given"), figures.hours),
            Fact(_("Hours outside shifts"), figures.extra_hours),
            Fact(_("Trainings held"), figures.trainings),
        ],
        tables=tables,
        figures=figures,
    )


def _per_site(hours: Table, ctx: Context, figures: VolunteerFigures) -> Table:
    """Each chosen site's shifts filled and hours over the whole period."""
    shifts: dict[int, int] = {}
    given: dict[int, float] = {}
    for (site_id, _month), (n, h) in figures.by_site_month.items():
        shifts[site_id] = shifts.get(site_id, 0) + n
        given[site_id] = given.get(site_id, 0.0) + h
    return Table(
        key="hours_per_site",
        title=_("Volunteer hours per site"),
        columns=[hours.columns[0], *hours.columns[2:]],
        rows=[
            [site.name, shifts.get(site.id, 0), round(given.get(site.id, 0.0), 1)]
            for site in ctx.sites
        ],
        total=[hours.total[0], *hours.total[2:]] if hours.total else None,
        note=hours.note,
    )
