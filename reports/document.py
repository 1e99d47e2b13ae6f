"""The status document for USB: "Status på arbejdet med pejlemærkerne" (seed 002).

A front page (the reporting period, its sites, the manager's summary), then each strategic
target with its numbered sub-goals in seed 002's three columns: the sub-goal and what it aims
at, the status text with the figures that back it, and USB's recommendations. The period
report's statistics sections follow as an appendix (reports.builder).
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from planning.models import ReportingPeriod
from planning.selectors import target_statuses
from reports.effect import IndicatorEntry, SectionsOf, indicator_entries
from reports.formats.cells import text
from reports.indicators import compute
from reports.models import StatusFigure
from reports.report import Cell, Column, Figure, Table


@dataclass
class GoalEntry:
    number: int
    title: str
    aim: str
    status_text: str
    recommendations: str
    figures: list[Figure] = field(default_factory=list)


@dataclass
class TargetEntry:
    title: str
    description: str
    goals: list[GoalEntry]
    indicators: list[IndicatorEntry] = field(default_factory=list)


@dataclass
class StatusDocument:
    period_id: int
    title: str
    summary: str
    state: str
    meeting_date: datetime.date | None
    decided_on: datetime.date | None
    decision: str
    targets: list[TargetEntry]

    @property
    def heading(self) -> str:
        return _("Status of the work on the strategic targets, %(period)s") % {"period": self.title}

    def summary_paragraphs(self) -> list[str]:
        return paragraphs(self.summary)

    def table(self) -> Table:
        """Every sub-goal as one row, for the spreadsheet and the CSV."""
        table = Table(
            key="targets",
            title=_("Strategic targets"),
            columns=[
                Column(_("Strategic target"), numeric=False),
                Column(_("No."), numeric=True),
                Column(_("Sub-goal"), numeric=False),
                Column(_("What it aims at"), numeric=False),
                Column(_("Status"), numeric=False),
                Column(_("Figures"), numeric=False),
                Column(_("Recommendations from USB"), numeric=False),
            ],
        )
        for target in self.targets:
            for goal in target.goals:
                table.rows.append(
                    [
                        target.title,
                        goal.number,
                        goal.title,
                        goal.aim,
                        goal.status_text,
                        "; ".join(figure_text(f) for f in goal.figures),
                        goal.recommendations,
                    ]
                )
        return table

    def indicator_table(self) -> Table | None:
        """Every indicator's baseline, goal and value in each period (spreadsheet, CSV)."""
        rows = [
            [
                target.title,
                indicator.name,
                indicator.definition,
                indicator.kind,
                indicator.baseline,
                indicator.baseline_date,
                indicator.goal,
                indicator.goal_date,
                point.period,
                point.value,
            ]
            for target in self.targets
            for indicator in target.indicators
            for point in indicator.points
        ]
        if not rows:
            return None
        return Table(
            key="indicators",
            title=_("Indicators"),
            columns=[
                Column(_("Strategic target"), numeric=False),
                Column(_("Indicator"), numeric=False),
                Column(_("Definition"), numeric=False),
                Column(_("Kind"), numeric=False),
                Column(_("Starting point"), numeric=True),
                Column(_("Date of the starting point"), numeric=False),
                Column(_("Goal"), numeric=True),
                Column(_("Goal date"), numeric=False),
                Column(_("Reporting period"), numeric=False),
                Column(_("Value"), numeric=True),
            ],
            rows=rows,
        )


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs: blank lines separate them."""
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def front_rows(document: StatusDocument) -> list[tuple[str, Cell]]:
    """The front page as label/value rows (the spreadsheet and the CSV)."""
    rows: list[tuple[str, Cell]] = [
        (_("Reporting period"), document.title),
        (_("State"), document.state),
        (_("Date of the USB meeting"), document.meeting_date),
    ]
    rows += [(_("Summary"), paragraph) for paragraph in document.summary_paragraphs()]
    if document.decision:
        rows.append((_("USB's decision"), document.decision))
        rows.append((_("Date of USB's decision"), document.decided_on))
    return rows


def figure_text(figure: Figure) -> str:
    return f"{figure.label}: {text(figure.value)}"


def build_document(
    period: ReportingPeriod,
    sections: Mapping[str, Any] | None = None,
    *,
    sections_of: SectionsOf,
) -> StatusDocument:
    """The targets with this period's statuses (not those of overlapping periods), each
    status with its live figures computed from the appendix's `sections` figures."""
    chosen: dict[int, list[StatusFigure]] = defaultdict(list)
    for figure in StatusFigure.objects.filter(status__period=period).select_related("category"):
        chosen[figure.status_id].append(figure)
    targets = []
    effects = indicator_entries(period, sections or {}, sections_of=sections_of)
    for report in target_statuses(start=period.starts, end=period.ends):
        goals = []
        for goal in report.sub_goals:
            status = next((s for s in goal.statuses if s.period_id == period.pk), None)
            goals.append(
                GoalEntry(
                    number=goal.sub_goal.number,
                    title=goal.sub_goal.title,
                    aim=goal.sub_goal.description,
                    status_text=status.status_text if status else "",
                    recommendations=status.committee_follow_up if status else "",
                    figures=[compute(f, sections or {}) for f in chosen[status.pk]]
                    if status
                    else [],
                )
            )
        targets.append(
            TargetEntry(
                title=report.target.title,
                description=report.target.description,
                goals=goals,
                indicators=effects.get(report.target.pk, []),
            )
        )
    return StatusDocument(
        period_id=period.pk,
        title=period.title,
        summary=period.summary,
        state=period.get_state_display(),
        meeting_date=period.meeting_date,
        decided_on=period.decided_on,
        decision=period.decision,
        targets=targets,
    )
