"""What every section builder gets, and when a period is too long to print month by month."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reports.periods import Period
from reports.report import SiteRef


@dataclass(frozen=True)
class Context:
    period: Period
    year_earlier: Period
    sites: list[SiteRef]
    now: datetime.datetime
    # The sections are the appendix of a status document (reports.document).
    with_document: bool = False
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


# A period of more months than this prints per-site totals; the months go to the spreadsheet.
PRINTED_MONTHS = 13
# So does a site × month table of more rows than this: a year of 20 sites is 240 rows a table,
# 27 pages of PDF and most of its time; a year of the six real sites (72 rows) is printed.
PRINTED_ROWS = 120


def too_long_to_print(ctx: Context) -> bool:
    """Whether the page and the PDF print each site's totals instead of site × month tables
    (which stay in the spreadsheet and the CSV)."""
    months = len(ctx.period.months())
    return months > PRINTED_MONTHS or months * len(ctx.sites) > PRINTED_ROWS
