"""The small-number rule: below the threshold in a fine breakdown reads "<5"."""

import pytest

from reports.formats.cells import text
from reports.formats.csvfile import cell
from reports.smallnumbers import Few, protect


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
