"""How a cell reads as text, the same in the page, the PDF and the CSV."""

import datetime

from django.utils import formats

from core.disclosure import Withheld


def text(value, *, grouping: bool = True) -> str:
    """A cell as text: "<5" or ".." for a withheld count, "–" for nothing, Danish numbers."""
    if value is None:
        return "–"
    if isinstance(value, Withheld):
        return str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return formats.number_format(value, use_l10n=True, force_grouping=grouping)
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)
