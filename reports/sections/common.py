"""What every section builder gets, and the honest "no data" section."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reports.periods import Period
from reports.report import Section, SiteRef


@dataclass(frozen=True)
class Context:
    period: Period
    year_earlier: Period
    sites: list[SiteRef]
    now: datetime.datetime
    # Figures of the sections built so far, by key (opening hours read the visits).
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def site_ids(self) -> list[int]:
        return [s.id for s in self.sites]

    def site(self, site_id: int) -> SiteRef:
        return self._sites_by_id[site_id]

    @cached_property
    def _sites_by_id(self) -> dict[int, SiteRef]:
        return {s.id: s for s in self.sites}


def unavailable(key: str, title: str, note: str) -> Section:
    return Section(key=key, title=title, available=False, note=note)


def ratio(numerator: float, denominator: float, digits: int = 1) -> float | None:
    return round(numerator / denominator, digits) if denominator else None


def change(now: int, before: int) -> float | None:
    """The change in percent from a year earlier; None when there is nothing to compare."""
    return round(100 * (now - before) / before, 1) if before else None


# A period of more months than this prints per-site totals; the months go to the spreadsheet.
PRINTED_MONTHS = 13


def long_period(period: Period) -> bool:
    return len(period.months()) > PRINTED_MONTHS
