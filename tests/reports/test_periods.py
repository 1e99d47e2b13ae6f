import datetime

import pytest

from reports.forms import parse_preset
from reports.periods import Period

D = datetime.date


def test_month_quarter_half_and_year_cover_whole_days():
    assert Period.month(2024, 2) == Period(D(2024, 2, 1), D(2024, 2, 29))
    assert Period.month(2025, 12) == Period(D(2025, 12, 1), D(2025, 12, 31))
    assert Period.quarter(2025, 4) == Period(D(2025, 10, 1), D(2025, 12, 31))
    assert Period.half_year(2025, 1) == Period(D(2025, 1, 1), D(2025, 6, 30))
    assert Period.year(2025) == Period(D(2025, 1, 1), D(2025, 12, 31))


def test_it_rejects_a_period_that_ends_before_it_starts():
    with pytest.raises(ValueError):
        Period(D(2025, 2, 1), D(2025, 1, 31))


def test_last_month_and_last_quarter_cross_the_new_year():
    assert Period.last_month(D(2026, 1, 15)) == Period.month(2025, 12)
    assert Period.last_quarter(D(2026, 2, 1)) == Period.quarter(2025, 4)
    assert Period.last_quarter(D(2026, 5, 31)) == Period.quarter(2026, 1)


def test_months_and_a_year_earlier():
    period = Period(D(2024, 11, 15), D(2025, 2, 28))
    assert period.months() == [D(2024, 11, 1), D(2024, 12, 1), D(2025, 1, 1), D(2025, 2, 1)]
    assert Period(D(2024, 2, 29), D(2024, 3, 1)).year_earlier() == Period(
        D(2023, 2, 28), D(2023, 3, 1)
    )


def test_file_name_slug():
    assert Period.year(2025).slug() == "2025-01-01-2025-12-31"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("month:2025-3", Period.month(2025, 3)),
        ("quarter:2025-4", Period.quarter(2025, 4)),
        ("half:2025-2", Period.half_year(2025, 2)),
        ("year:2025", Period.year(2025)),
        ("month:2025-13", None),
        ("quarter:2025-5", None),
        ("year:2025-1", None),
        ("month:1900-1", None),
        ("week:2025-1", None),
        ("", None),
    ],
)
def test_presets_parse_or_are_refused(value, expected):
    assert parse_preset(value) == expected
