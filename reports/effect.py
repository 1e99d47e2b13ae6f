"""The effect of the work (issue 18, seed 004): each target's indicators against their baseline
and goal, over the reporting periods up to the document's, with a small server-drawn chart.

A computed indicator is one of the live figures (reports.indicators.compute) taken for each
period from that period's report, so it passes core.disclosure as the appendix does; a
hand-entered one is the value entered for the period. A period with no value shows "–".
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from core.disclosure import NotPublished, Withheld
from planning.models import ReportingPeriod
from reports.indicators import compute
from reports.models import IndicatorValue, TargetIndicator
from visits.charts import Series, line_chart

# The periods an indicator is drawn over: the document's and up to this many before it.
EARLIER_PERIODS = 5


@dataclass
class IndicatorPoint:
    period: str
    value: Any  # a number, a withheld mark, or None (no value for the period)


@dataclass
class IndicatorEntry:
    name: str
    definition: str
    kind: str
    baseline: int | float | None
    baseline_date: datetime.date | None
    goal: int | float | None
    goal_date: datetime.date | None
    points: list[IndicatorPoint] = field(default_factory=list)
    svg: str = ""

    @property
    def current(self) -> Any:
        return self.points[-1].value if self.points else None


def plain(value: Decimal | None) -> int | float | None:
    """A stored decimal as the report prints numbers: 150, or 12.5."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, Withheld):
        return None
    return float(value)


def periods_up_to(period: ReportingPeriod) -> list[ReportingPeriod]:
    """The document's period and the periods that started before it, oldest first."""
    earlier = list(
        ReportingPeriod.objects.filter(starts__lt=period.starts)
        .exclude(pk=period.pk)
        .order_by("-starts")[:EARLIER_PERIODS]
    )
    return [*reversed(earlier), period]


# Builds a period's appendix figures; the builder passes its own in (it imports this module).
SectionsOf = Callable[[ReportingPeriod], Mapping[str, Any]]


def _sections_of(period: ReportingPeriod, build: SectionsOf) -> Mapping[str, Any] | None:
    try:
        return build(period)
    except NotPublished:
        return None


def indicator_entries(
    period: ReportingPeriod, sections: Mapping[str, Any], *, sections_of: SectionsOf
) -> dict[int, list[IndicatorEntry]]:
    """Each target's indicators (by target id) for the document of `period`, whose appendix's
    section figures are `sections`; `sections_of` builds an earlier period's figures."""
    indicators = list(TargetIndicator.objects.select_related("category").order_by("name"))
    if not indicators:
        return {}
    periods = periods_up_to(period)
    entered = {
        (v.indicator_id, v.period_id): v.value
        for v in IndicatorValue.objects.filter(
            indicator__in=indicators, period__in=[p.pk for p in periods]
        )
    }
    figures: dict[int, Mapping[str, Any] | None] = {period.pk: sections}
    if any(i.is_computed for i in indicators):
        for earlier in periods[:-1]:
            figures[earlier.pk] = _sections_of(earlier, sections_of)
    by_target: dict[int, list[IndicatorEntry]] = defaultdict(list)
    for indicator in indicators:
        points = []
        for each in periods:
            if indicator.is_computed:
                found = figures[each.pk]
                value = compute(indicator, found).value if found is not None else None  # type: ignore[arg-type]
            else:
                value = plain(entered.get((indicator.pk, each.pk)))
            points.append(IndicatorPoint(each.title, value))
        entry = IndicatorEntry(
            name=indicator.name,
            definition=indicator.definition,
            kind=indicator.get_kind_display(),
            baseline=plain(indicator.baseline_value),
            baseline_date=indicator.baseline_date,
            goal=plain(indicator.goal_value),
            goal_date=indicator.goal_date,
            points=points,
        )
        entry.svg = chart(entry)
        by_target[indicator.target_id].append(entry)
    return by_target


def chart(entry: IndicatorEntry) -> str:
    """The indicator over the periods, with its baseline and goal as flat lines; none when a
    period has no number to draw (withheld or missing) or there is only one period."""
    values = [_number(p.value) for p in entry.points]
    if len(values) < 2 or any(v is None for v in values):
        return ""
    series = [Series(entry.name, [v for v in values if v is not None])]
    if entry.baseline is not None:
        series.append(
            Series(_("Starting point"), [float(entry.baseline)] * len(values), dashed=True)
        )
    if entry.goal is not None:
        series.append(Series(_("Goal"), [float(entry.goal)] * len(values), dashed=True))
    return line_chart(
        title=entry.name,
        desc=_("%(name)s for each reporting period, against its baseline and goal.")
        % {"name": entry.name},
        labels=[p.period for p in entry.points],
        series=series,
        width=480,
        height=200,
    )
