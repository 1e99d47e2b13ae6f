"""Live figures beside the status texts of the status document (issue 18).

A status text names no number itself: a drafter picks figures from a list
(`StatusFigure.Indicator`), and each is computed here for the document's period and sites
from the figures the appendix's sections have already built, so the text's figures and the
appendix always agree and cost no query of their own. Counts of visits and services come
from the disclosed grid (core.disclosure): a small count, or a total that includes one, is
withheld here exactly as in the appendix.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from reports.models import StatusFigure
from reports.report import Figure

Indicator = StatusFigure.Indicator


def choices(categories) -> list[tuple[str, Any]]:
    """The select's choices: one value per figure, a service as "service:<category code>"."""
    services = [(f"{Indicator.SERVICE}:{c.code}", c.name) for c in categories]
    plain = [(i.value, i.label) for i in Indicator if i != Indicator.SERVICE]
    return [
        (_("Visitors and services"), [plain[0], *services]),
        (_("Volunteers"), plain[1:3]),
        (_("Partners"), plain[3:4]),
        (_("Action plan"), plain[4:]),
    ]


def compute(figure: StatusFigure, sections: Mapping[str, Any]) -> Figure:
    """The figure's value for the report whose sections' figures are `sections`
    (reports.sections.common.Context.figures)."""
    kind = figure.indicator
    visits = sections.get("visits")
    volunteers = sections.get("volunteers")
    partners = sections.get("partners")
    plan = sections.get("plan")
    if kind == Indicator.VISITS:
        return Figure(_("Visits"), visits.visits() if visits else None)
    if kind == Indicator.SERVICE:
        category = figure.category
        assert category is not None  # the model's check constraint
        value = visits.total(visits.now, codes=[category.code]) if visits else None
        return Figure(category.name, value)
    if kind == Indicator.VOLUNTEERS_ACTIVE:
        return Figure(
            _("Volunteers active"),
            volunteers.active if volunteers else None,
            note=_("at all sites"),
        )
    if kind == Indicator.VOLUNTEER_HOURS:
        return Figure(_("Hours given by volunteers"), volunteers.hours if volunteers else None)
    if kind == Indicator.PARTNER_SESSIONS:
        return Figure(_("Partner sessions held"), partners.sessions if partners else None)
    if kind == Indicator.TASKS_DONE:
        return Figure(_("Plan tasks done"), len(plan.done) if plan else None)
    if kind == Indicator.TASKS_SLIPPED:
        return Figure(_("Plan tasks delayed"), len(plan.slipped) if plan else None)
    raise ValueError(f"Unknown figure: {kind!r}")
