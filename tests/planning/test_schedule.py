"""The pure schedule arithmetic: quarters, slip, dependency breaks, cycles, columns."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planning.quarters import Quarter
from planning.schedule import (
    breaks_dependency,
    column_span,
    creates_cycle,
    dependency_breaks,
    slip,
)

Q = Quarter.parse
COLUMNS = [Q(q) for q in ["2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1", "2023-Q1", "2024-Q1"]]
quarters = st.builds(Quarter, st.integers(2000, 2100), st.integers(1, 4))


def test_it_parses_and_prints_quarters():
    assert Q("2021-Q3") == Quarter(2021, 3)
    assert str(Quarter(2021, 3)) == "2021-Q3"
    assert Quarter(2021, 3).label == "Q3 2021"


@pytest.mark.parametrize("text", ["2021-Q5", "2021Q3", "Q3 2021", "", "21-Q1"])
def test_it_rejects_what_is_not_a_quarter(text):
    with pytest.raises(ValueError):
        Q(text)


def test_quarter_of_a_date_and_its_days():
    assert Quarter.from_date(datetime.date(2022, 1, 1)) == Quarter(2022, 1)
    assert Quarter.from_date(datetime.date(2022, 7, 1)) == Quarter(2022, 3)
    assert Quarter(2021, 4).first_day == datetime.date(2021, 10, 1)
    assert Quarter(2021, 4).last_day == datetime.date(2021, 12, 31)


def test_difference_counts_quarters_across_years():
    assert Q("2024-Q1") - Q("2023-Q1") == 4
    assert Q("2022-Q1") - Q("2021-Q4") == 1
    assert Q("2021-Q4") + 1 == Q("2022-Q1")


@given(quarters, quarters)
def test_text_order_is_quarter_order(a, b):
    # The database compares the stored text; it must agree with the quarters.
    assert (str(a) < str(b)) == (a < b)


@given(quarters, st.integers(-50, 50))
def test_adding_then_subtracting_gives_the_count(a, n):
    assert (a + n) - a == n


def test_slip_is_current_end_minus_baseline_end():
    assert slip(Q("2022-Q2"), Q("2021-Q4")) == 2
    assert slip(Q("2021-Q3"), Q("2021-Q4")) == -1
    assert slip(Q("2021-Q4"), Q("2021-Q4")) == 0
    assert slip(Q("2021-Q4"), None) is None


def test_slip_over_the_plans_jump_counts_real_quarters():
    assert slip(Q("2024-Q1"), Q("2023-Q1")) == 4


def test_a_task_starting_before_its_dependency_ends_breaks_it():
    assert breaks_dependency(Q("2021-Q3"), Q("2021-Q4"))
    assert not breaks_dependency(Q("2021-Q4"), Q("2021-Q4"))  # same quarter is allowed
    assert not breaks_dependency(Q("2022-Q1"), Q("2021-Q4"))


def test_dependency_breaks_lists_each_broken_dependency():
    spans = {
        1: (Q("2021-Q2"), Q("2021-Q4")),
        2: (Q("2021-Q3"), Q("2021-Q3")),
        3: (Q("2022-Q1"), Q("2022-Q1")),
    }
    # 2 depends on 1 (starts Q3, 1 ends Q4: broken); 3 depends on 1 and 2 (fine).
    assert dependency_breaks(spans, [(2, 1), (3, 1), (3, 2)]) == {2: [1]}


def test_it_finds_a_cycle():
    edges = [(2, 1), (3, 2)]  # 3 -> 2 -> 1
    assert creates_cycle(1, [3], edges)
    assert creates_cycle(1, [1], edges)
    assert not creates_cycle(3, [1], edges)
    assert not creates_cycle(None, [1, 2, 3], edges)


def test_replacing_a_tasks_own_edges_is_not_a_cycle():
    # Task 1 used to depend on 2; it now depends on 3 only. Its old edge is ignored.
    assert not creates_cycle(1, [3], [(1, 2), (2, 3)])


def test_column_span_with_the_jump():
    assert column_span(COLUMNS, Q("2021-Q3"), Q("2021-Q4")) == (2, 3)
    assert column_span(COLUMNS, Q("2023-Q1"), Q("2024-Q1")) == (5, 6)
    # Q2 2023 is in the gap: a start is drawn in the next column, an end in the previous.
    assert column_span(COLUMNS, Q("2023-Q2"), Q("2024-Q1")) == (6, 6)
    assert column_span(COLUMNS, Q("2022-Q1"), Q("2023-Q3")) == (4, 5)
    assert column_span(COLUMNS, Q("2025-Q1"), Q("2025-Q2")) is None
    assert column_span(COLUMNS, Q("2023-Q2"), Q("2023-Q3")) is None
