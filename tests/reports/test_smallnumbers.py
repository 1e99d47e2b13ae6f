"""The small-number rule: below the threshold in a fine breakdown reads "<5", and a lone "<5"
in a group with an exact total takes a complement ("..") with it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.formats.cells import text
from reports.formats.csvfile import cell
from reports.smallnumbers import Complement, Few, Withheld, protect, protect_groups


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (6, "6"), (1234, "1.234")],
)
def test_a_fine_count_below_the_threshold_is_hidden(count, shown):
    value = protect(count)
    assert text(value) == shown
    if 0 < count < 5:
        # The real number is not kept anywhere in the cell.
        assert value == Few(5)
        assert str(count) not in repr(value).replace("5", "")


def test_the_threshold_is_configurable(settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "SMALL_NUMBER_THRESHOLD": 10}
    assert str(protect(9)) == "<10"
    assert protect(10) == 10


def test_a_suppressed_cell_reads_the_same_in_the_csv():
    assert cell(protect(3)) == "<5"
    assert cell(protect(7)) == "7"


def _month(key):
    site, day = key
    return site, day // 100


def test_a_lone_small_count_in_a_group_takes_the_smallest_other_count_with_it():
    # Keys are (site, yyyymmdd); a group is a site's month.
    counts = {(1, 20250106): 30, (1, 20250113): 25, (1, 20250120): 4, (1, 20250127): 0}
    shown = protect_groups(counts, _month)
    assert shown == {
        (1, 20250106): 30,
        (1, 20250113): Complement(),  # 30 + x + 4 = 59 would give the 4 away
        (1, 20250120): Few(5),
        (1, 20250127): 0,  # zero is never the complement: it would protect nothing
    }
    assert cell(shown[(1, 20250113)]) == ".."


def test_two_small_counts_protect_each_other_and_groups_are_apart():
    counts = {
        (1, 20250106): 3,
        (1, 20250113): 2,
        (1, 20250120): 40,
        (1, 20250203): 9,  # February: nothing small, nothing withheld
        (2, 20250106): 1,  # alone with zeros: equals the month's total, cannot be protected
        (2, 20250113): 0,
    }
    shown = protect_groups(counts, _month)
    assert shown[(1, 20250106)] == shown[(1, 20250113)] == Few(5)
    assert shown[(1, 20250120)] == 40
    assert shown[(1, 20250203)] == 9
    assert shown[(2, 20250106)] == Few(5) and shown[(2, 20250113)] == 0


@given(
    st.dictionaries(
        st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 6)),
        st.integers(0, 12),
        max_size=40,
    )
)
def test_no_small_count_can_be_worked_out_from_a_group_total(counts):
    """Whatever the counts: exact cells are the counts, small ones are withheld, and no
    group's total minus its shown cells is one small count (unless it has nothing else)."""
    shown = protect_groups(counts, lambda key: key[:2], limit=5)
    groups = {key[:2] for key in counts}
    for group in groups:
        keys = [key for key in counts if key[:2] == group]
        withheld = [key for key in keys if isinstance(shown[key], Withheld)]
        for key in keys:
            if not isinstance(shown[key], Withheld):
                assert shown[key] == counts[key]
            if 0 < counts[key] < 5:
                assert shown[key] == Few(5)
        small = [key for key in withheld if isinstance(shown[key], Few)]
        complements = [key for key in withheld if isinstance(shown[key], Complement)]
        assert len(complements) <= 1
        nothing_else = all(counts[key] == 0 for key in keys if key not in small)
        assert len(withheld) != 1 or nothing_else or not small
