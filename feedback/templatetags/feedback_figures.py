"""`{{ value|figure }}`: a disclosed figure as text ("<5", "..", "–" or a Danish number)."""

from django import template
from django.utils import formats

from core.disclosure import Withheld

register = template.Library()


@register.filter
def figure(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, Withheld):
        return str(value)
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def withheld(value) -> bool:
    return isinstance(value, Withheld)
