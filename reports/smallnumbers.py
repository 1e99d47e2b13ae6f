"""The small-number rule: a report leaves the organisation, so a small count in a fine
breakdown (finer than site x month) is shown as "<5" and never as the number.

The builder applies it once, when it makes a fine breakdown: the suppressed cell holds a
`Few` instead of the count, so no format can print the real number by mistake. Totals and
site x month figures stay exact, so a lone "<5" in a site's month could be worked out as the
month's total minus the other days: `protect_groups` then withholds the smallest other count
too (`Complement`, shown as ".." as in Statistics Denmark's tables).

Zero stays 0: nobody can be singled out by "nobody came", and "<5" on a closed day would
suggest that someone did.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

from django.conf import settings


def threshold() -> int:
    return int(settings.VARMESTUE.get("SMALL_NUMBER_THRESHOLD", 5))


@dataclass(frozen=True)
class Withheld:
    """A count in a fine breakdown shown as a mark, never as its number (which is not kept)."""


@dataclass(frozen=True)
class Few(Withheld):
    """A count below the threshold."""

    below: int

    def __str__(self) -> str:
        return f"<{self.below}"


def protect(count: int, *, limit: int | None = None) -> "int | Few":
    """A count for a breakdown finer than site x month: 1..limit-1 become Few(limit)."""
    limit = threshold() if limit is None else limit
    if 0 < count < limit:
        return Few(limit)
    return count


@dataclass(frozen=True)
class Complement(Withheld):
    """A count at or above the threshold, withheld because with it and the group's exact total
    a lone count below the threshold could be worked out."""

    def __str__(self) -> str:
        return ".."


def protect_groups[K: Hashable](
    counts: Mapping[K, int], group: Callable[[K], Hashable], *, limit: int | None = None
) -> dict[K, "int | Withheld"]:
    """`protect` for every count, then complementary suppression per group (a group is what
    an exact total is published for, e.g. a site's month): where exactly one count of a group
    is below the threshold, the group's smallest other count above zero is withheld too (ties
    by key), so the total minus the shown counts gives only a sum of two. A lone small count
    beside nothing but zeros equals the group's total and cannot be protected here; that total
    is coarse enough to be shown (decisions: Reports 2).
    """
    limit = threshold() if limit is None else limit
    few = Few(limit)
    shown: dict[K, int | Withheld] = dict(counts)
    members: dict[Hashable, list[K]] = defaultdict(list)
    small: dict[Hashable, list[K]] = defaultdict(list)
    for key, n in counts.items():
        where = group(key)
        members[where].append(key)
        if 0 < n < limit:
            shown[key] = few
            small[where].append(key)
    for where, keys in small.items():
        if len(keys) != 1:
            continue
        # Every other count above zero is at or above the limit (the small ones are withheld).
        others = [key for key in members[where] if counts[key] >= limit]
        if others:
            smallest = min(others, key=lambda key: (counts[key], key))
            shown[smallest] = Complement()
    return shown
