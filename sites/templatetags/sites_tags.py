"""Template filters for the schedule."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def midsentence(value: str) -> str:
    """Danish writes weekdays in lower case inside a sentence ("åbner tirsdag"); English not."""
    if (get_language() or "da").startswith("da") and value:
        return value[0].lower() + value[1:]
    return value
