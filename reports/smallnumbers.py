"""The small-number rule: a report leaves the organisation, so a small count in a fine
breakdown (finer than site x month) is shown as "<5" and never as the number.

The builder applies it once, when it makes a fine breakdown: the suppressed cell holds a
`Few` instead of the count, so no format can print the real number by mistake. Totals and
site x month figures stay exact.

Zero stays 0: nobody can be singled out by "nobody came", and "<5" on a closed day would
suggest that someone did.
"""

from dataclasses import dataclass

from django.conf import settings


def threshold() -> int:
    return int(settings.VARMESTUE.get("SMALL_NUMBER_THRESHOLD", 5))


@dataclass(frozen=True)
class Few:
    """A count below the threshold, in a fine breakdown: its value is not kept."""

    below: int

    def __str__(self) -> str:
        return f"<{self.below}"


def protect(count: int, *, limit: int | None = None) -> "int | Few":
    """A count for a breakdown finer than site x month: 1..limit-1 become Few(limit)."""
    limit = threshold() if limit is None else limit
    if 0 < count < limit:
        return Few(limit)
    return count
