"""Visits and services per site and month, a year earlier, charts, and visits per day."""

from django.utils.translation import gettext as _

from reports.report import Section
from reports.sections.common import Context, unavailable

KEY = "visits"


def build(ctx: Context) -> Section:
    return unavailable(KEY, _("Visits and services"), _("No data: visits are not recorded yet."))
