"""Quarters as values: `Quarter(2021, 3)` is Q3 2021, stored as the text "2021-Q3".

The text form sorts correctly as a string (four-digit years), so the database can compare
and order quarters, and a check constraint can say "the end is not before the start".
"""

import datetime
import re
from dataclasses import dataclass
from functools import total_ordering

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

QUARTER_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")


@total_ordering
@dataclass(frozen=True)
class Quarter:
    year: int
    q: int

    def __post_init__(self):
        if not 1 <= self.q <= 4:
            raise ValueError(f"A quarter is 1-4, not {self.q}.")

    @classmethod
    def parse(cls, text: "str | Quarter") -> "Quarter":
        """From "2021-Q3"; raises ValueError for anything else."""
        if isinstance(text, Quarter):
            return text
        match = QUARTER_PATTERN.match(str(text).strip())
        if not match:
            raise ValueError(f"Not a quarter: {text!r} (expected e.g. 2021-Q3).")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def from_date(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def index(self) -> int:
        """A running number: consecutive quarters differ by one."""
        return self.year * 4 + self.q - 1

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.q - 2, 1)

    @property
    def last_day(self) -> datetime.date:
        nxt = self + 1
        return nxt.first_day - datetime.timedelta(days=1)

    def __add__(self, quarters: int) -> "Quarter":
        index = self.index + quarters
        return Quarter(index // 4, index % 4 + 1)

    def __sub__(self, other: "Quarter | int"):
        """Quarter - Quarter: how many quarters lie between (signed); Quarter - n: a Quarter."""
        if isinstance(other, int):
            return self + (-other)
        return self.index - other.index

    def __lt__(self, other: "Quarter") -> bool:
        return self.index < other.index

    def __str__(self) -> str:
        return f"{self.year}-Q{self.q}"

    @property
    def label(self) -> str:
        """As printed in the plan: "Q3 2021" (the same in Danish and English)."""
        return f"Q{self.q} {self.year}"


def validate_quarter(value) -> None:
    try:
        Quarter.parse(value)
    except ValueError:
        raise ValidationError(
            _("%(value)s is not a quarter. Write it as 2021-Q3."),
            code="invalid_quarter",
            params={"value": value},
        ) from None


class QuarterField(models.Field):
    """A quarter stored as "YYYY-Qn" text; reads back as a `Quarter`."""

    description = "A calendar quarter"
    default_validators = [validate_quarter]

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 7
        super().__init__(*args, **kwargs)

    def get_internal_type(self):
        return "CharField"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return None if value in (None, "") else Quarter.parse(value)

    def to_python(self, value):
        if value in (None, "") or isinstance(value, Quarter):
            return value or None
        try:
            return Quarter.parse(value)
        except ValueError:
            raise ValidationError(
                _("%(value)s is not a quarter. Write it as 2021-Q3."),
                code="invalid_quarter",
                params={"value": value},
            ) from None

    def get_prep_value(self, value):
        if value in (None, ""):
            return None if self.null else ""
        return str(Quarter.parse(value))

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else str(value)
