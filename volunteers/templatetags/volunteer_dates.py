"""Template filters for days in words (lower case mid-sentence in Danish)."""

import datetime

from django import template

from volunteers.shift_mail import day_in_words as _day_in_words

register = template.Library()


@register.filter
def day_in_words(value: datetime.date | datetime.datetime, fmt: str = "l j. F") -> str:
    """`{{ shift.starts|day_in_words }}`: "mandag 7. december" in a Danish sentence."""
    return _day_in_words(value, fmt) if value else ""
