"""Report periods: a month, quarter, half-year, year or a range of whole months.

A period is published only as whole months that have ended (core.disclosure.published_months,
applied by the builder); `note` then says how it differs from what was asked for.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.disclosure import published_months


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _shift_year(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: datetime.date
    end: datetime.date
    # Why the period is not the one asked for (widened to whole months, cut to ended ones).
    note: str = field(default="", compare=False)

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        start = datetime.date(year, month, 1)
        return cls(start, add_months(start, 1) - datetime.timedelta(days=1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
        return cls(start, add_months(start, 3) - datetime.timedelta(days=1))

    @classmethod
    def half_year(cls, year: int, half: int) -> "Period":
        start = datetime.date(year, 6 * (half - 1) + 1, 1)
        return cls(start, add_months(start, 6) - datetime.timedelta(days=1))

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def last_month(cls, today: datetime.date) -> "Period":
        start = add_months(today, -1)
        return cls.month(start.year, start.month)

    @classmethod
    def last_quarter(cls, today: datetime.date) -> "Period":
        start = add_months(today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1), -3)
        return cls.quarter(start.year, (start.month - 1) // 3 + 1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> list[datetime.date]:
        """The first day of every month the period touches."""
        found, current = [], _month_start(self.start)
        while current <= self.end:
            found.append(current)
            current = add_months(current, 1)
        return found

    def year_earlier(self) -> "Period":
        return Period(_shift_year(self.start, -1), _shift_year(self.end, -1))

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def label(self) -> str:
        return _("%(start)s to %(end)s") % {
            "start": formats.date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(self.end, "SHORT_DATE_FORMAT"),
        }

    def slug(self) -> str:
        """For file names: 2025-01-01-2025-12-31."""
        return f"{self.start.isoformat()}-{self.end.isoformat()}"


def publishable(period: Period, *, today: datetime.date | None = None) -> Period:
    """The period as it may be published: whole months that have ended, with a note when
    that is not what was asked for (core.disclosure.published_months; raises NotPublished)."""
    months = published_months(period.start, period.end, today=today or timezone.localdate())
    if not months.changed:
        return period
    return Period(months.start, months.end, note=months.note())
