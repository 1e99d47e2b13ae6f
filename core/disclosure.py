"""Disclosure control: what tally figures may leave the building, in one module.

Every published output takes its tally figures from here: the USB report in every format
and its command, every CSV, XLSX or PDF with tally figures, the public pages and any
open-data file (docs/privacy.md says what is published and why; decisions: Disclosure 1-4).
Only the operational views for those who enter and correct tallies (the entry page, the
corrections, the day figures) show exact day counts.

The rules:

1. **Whole months that have ended.** A published period is a range of whole calendar months,
   all of them over: `published_months` widens a day range to whole months and cuts a
   month not yet over, and says so in a note. A month in progress changes every day, so two
   reports on it a day apart would give away that day's count.
2. **One grid: site x month x category.** Nothing finer is published. A cell of this grid
   from 1 to threshold - 1 is withheld as `Few` ("<5"), whatever the category.
3. **A total is exact only when all its cells are shown.** A total over several cells
   (over sites, months or categories) that includes a withheld cell is withheld too:
   `Few` if it is itself below the threshold, else `Complement` (".."). So every number
   published is a sum of cells that are published themselves, and whether a cell is
   withheld depends on its own count only, never on the request: no two periods, site
   selections, formats, or a report against a later one can be subtracted to give a
   withheld count away.
4. **Derived figures follow their parts.** A change in percent or a rate per hour built
   from a withheld count is withheld (`change`, `ratio`).

The API, for the report's sections and anything else that publishes tally figures:

    months = published_months(start, end, today=today)  # raises NotPublished
    grid = disclose(counts)           # {(site_id, month, code): count} -> Disclosed
    grid[(site_id, month, code)]      # int or Withheld
    grid.total(keys)                  # the total over some cells: int or Withheld
    change(now, before)               # percent, None (nothing to compare) or Withheld
    ratio(count, hours)               # count per hour, None or Withheld

Zero stays 0: nobody is singled out by "nobody came", and "<5" on a closed day would
suggest that someone did.
"""

import datetime
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _


def threshold() -> int:
    """The smallest count published (settings.VARMESTUE["SMALL_NUMBER_THRESHOLD"], 5)."""
    return int(settings.VARMESTUE.get("SMALL_NUMBER_THRESHOLD", 5))


@dataclass(frozen=True)
class Withheld:
    """A count shown as a mark, never as its number (which is not kept)."""


@dataclass(frozen=True)
class Few(Withheld):
    """A count below the threshold."""

    below: int

    def __str__(self) -> str:
        return f"<{self.below}"


@dataclass(frozen=True)
class Complement(Withheld):
    """A count at or above the threshold, withheld because it includes a withheld count."""

    def __str__(self) -> str:
        return ".."


type Shown = int | Withheld


def protect(count: int, *, limit: int | None = None) -> Shown:
    """One cell of the grid: 1..limit-1 become Few(limit); 0 and the rest stay."""
    limit = threshold() if limit is None else limit
    if 0 < count < limit:
        return Few(limit)
    return count


class Disclosed[K: Hashable]:
    """Counts on the published grid, as they may be shown: `grid[key]` and `grid.total(keys)`.

    The exact counts stay inside; a missing key is 0.
    """

    def __init__(self, counts: Mapping[K, int], *, limit: int | None = None):
        self.limit = threshold() if limit is None else limit
        self._counts = {key: n for key, n in counts.items() if n}
        self._withheld = {key for key, n in self._counts.items() if 0 < n < self.limit}

    def __getitem__(self, key: K) -> Shown:
        if key in self._withheld:
            return Few(self.limit)
        return self._counts.get(key, 0)

    def cells(self) -> Iterable[K]:
        """The cells with a count above zero."""
        return self._counts.keys()

    def total(self, keys: Iterable[K]) -> Shown:
        """The total over these cells: exact if none is withheld, else withheld."""
        total, hidden = 0, False
        for key in keys:
            n = self._counts.get(key, 0)
            total += n
            hidden = hidden or key in self._withheld
        if not hidden:
            return total
        return Few(self.limit) if total < self.limit else Complement()

    def total_where(self, predicate) -> Shown:
        """The total over the cells (with a count) whose key passes `predicate`."""
        return self.total(key for key in self._counts if predicate(key))


def disclose[K: Hashable](counts: Mapping[K, int], *, limit: int | None = None) -> Disclosed[K]:
    """The counts of the published grid (site x month x category), as they may be shown."""
    return Disclosed(counts, limit=limit)


def change(now: Shown | None, before: Shown | None) -> float | Withheld | None:
    """The change in percent from a year earlier, to one decimal; None when there is
    nothing to compare; withheld when either count is (it would give the count away)."""
    if isinstance(now, Withheld) or isinstance(before, Withheld):
        return Complement()
    if not before or now is None:
        return None
    return round(100 * (now - before) / before, 1)


def ratio(count: Shown, denominator: float, digits: int = 1) -> float | Withheld | None:
    """A count per unit (visits per opening hour): withheld when the count is, None
    without a denominator. Opening hours are public, so the rate would give the count away."""
    if not denominator:
        return None
    if isinstance(count, Withheld):
        return Complement()
    return round(count / denominator, digits)


# Periods ----------------------------------------------------------------------------------


class NotPublished(ValueError):
    """A period with no whole month that has ended; `message` says so to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _month_after(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


@dataclass(frozen=True)
class PublishedMonths:
    """Whole months that have ended, first..last day, and what was asked for."""

    start: datetime.date
    end: datetime.date
    asked_start: datetime.date
    asked_end: datetime.date

    @property
    def changed(self) -> bool:
        return (self.start, self.end) != (self.asked_start, self.asked_end)

    def note(self) -> str:
        """Why the period differs from what was asked for ("" when it does not)."""
        if not self.changed:
            return ""
        return _(
            "Reports cover whole months that have ended, so that no day's count can be "
            "worked out: you asked for %(asked_start)s to %(asked_end)s, and the report covers "
            "%(start)s to %(end)s."
        ) % {
            "asked_start": formats.date_format(self.asked_start, "SHORT_DATE_FORMAT"),
            "asked_end": formats.date_format(self.asked_end, "SHORT_DATE_FORMAT"),
            "start": formats.date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(self.end, "SHORT_DATE_FORMAT"),
        }


def last_ended_day(today: datetime.date) -> datetime.date:
    """The last day of the last month that has ended."""
    return today.replace(day=1) - datetime.timedelta(days=1)


def published_months(
    start: datetime.date, end: datetime.date, *, today: datetime.date
) -> PublishedMonths:
    """start..end widened to whole months, and cut to the months that have ended.

    Raises NotPublished when no such month is left (a period in the current month or later).
    """
    first = start.replace(day=1)
    last = min(_month_after(end) - datetime.timedelta(days=1), last_ended_day(today))
    if last < first:
        raise NotPublished(
            _(
                "Reports cover whole months that have ended. The period asked for has not "
                "ended yet: choose %(month)s or earlier."
            )
            % {"month": formats.date_format(last_ended_day(today), "F Y")}
        )
    return PublishedMonths(start=first, end=last, asked_start=start, asked_end=end)
