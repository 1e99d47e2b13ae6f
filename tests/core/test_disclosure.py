"""core.disclosure: the rules every published output follows (docs/privacy.md)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.disclosure import (
    Complement,
    Few,
    NotPublished,
    Withheld,
    change,
    disclose,
    protect,
    published_months,
    ratio,
)
from reports.formats.cells import text
from reports.formats.csvfile import cell

D = datetime.date


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (6, "6"), (1234, "1.234")],
)
def test_a_count_below_the_threshold_is_hidden(count, shown):
    value = protect(count)
    assert text(value) == shown
    assert cell(value) == shown.replace(".", "")
    if 0 < count < 5:
        # The real number is not kept anywhere in the cell.
        assert value == Few(5)


def test_the_threshold_is_configurable(settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "SMALL_NUMBER_THRESHOLD": 10}
    assert str(protect(9)) == "<10"
    assert protect(10) == 10
    assert disclose({"a": 9, "b": 30}).total(["a", "b"]) == Complement()


def test_a_total_is_exact_only_when_every_cell_in_it_is_shown():
    grid = disclose({"a": 30, "b": 3, "c": 12, "d": 0, "e": 1})
    assert grid["a"] == 30 and grid["b"] == Few(5) and grid["d"] == 0 and grid["zz"] == 0
    assert grid.total(["a", "c", "d"]) == 42
    assert grid.total(["a", "b"]) == Complement()
    assert grid.total(["b", "e"]) == Few(5)  # 4: below the threshold itself
    assert grid.total([]) == 0
    assert grid.total_where(lambda key: key in "ac") == 42
    assert sorted(grid.cells()) == ["a", "b", "c", "e"]


@given(st.dictionaries(st.integers(0, 20), st.integers(0, 40)), st.sets(st.integers(0, 20)))
def test_every_published_total_is_a_sum_of_published_cells(counts, keys):
    grid = disclose(counts)
    total = grid.total(keys)
    shown = [grid[k] for k in keys]
    if any(isinstance(v, Withheld) for v in shown):
        assert isinstance(total, Withheld)
    else:
        assert total == sum(shown)
        assert total == 0 or total >= 5


def test_a_change_or_rate_from_a_withheld_count_is_withheld():
    assert change(120, 100) == 20.0
    assert change(0, 0) is None and change(7, 0) is None
    assert change(Few(5), 100) == Complement()
    assert change(100, Few(5)) == Complement()
    assert ratio(59, 16) == 3.7
    assert ratio(Few(5), 16) == Complement()
    assert ratio(Few(5), 0) is None


@pytest.mark.parametrize(
    ("start", "end", "expected", "changed"),
    [
        (D(2026, 3, 1), D(2026, 3, 31), (D(2026, 3, 1), D(2026, 3, 31)), False),
        (D(2026, 11, 1), D(2026, 11, 3), (D(2026, 11, 1), D(2026, 11, 30)), True),
        (D(2025, 2, 14), D(2025, 4, 2), (D(2025, 2, 1), D(2025, 4, 30)), True),
        (D(2026, 1, 1), D(2026, 12, 31), (D(2026, 1, 1), D(2026, 11, 30)), True),
    ],
)
def test_a_published_period_is_whole_months_that_have_ended(start, end, expected, changed):
    months = published_months(start, end, today=D(2026, 12, 5))
    assert (months.start, months.end) == expected
    assert months.changed is changed
    assert bool(months.note()) is changed


def test_a_period_in_the_current_month_is_refused():
    with pytest.raises(NotPublished) as refusal:
        published_months(D(2026, 12, 1), D(2026, 12, 4), today=D(2026, 12, 5))
    assert refusal.value.message
