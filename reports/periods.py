"""Report periods: a month, quarter, half-year, year or custom range of whole days."""

import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _


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
