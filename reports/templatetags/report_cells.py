"""Template filters for report cells (the same text as the CSV and the PDF)."""

from django import template

from reports.formats.cells import text

register = template.Library()


@register.filter
def cell(value) -> str:
    return text(value)
