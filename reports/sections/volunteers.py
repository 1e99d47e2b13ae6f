"""Volunteers: active, new, left, hours given, trainings held."""

from django.utils.translation import gettext as _

from reports.report import Section
from reports.sections.common import Context, unavailable

KEY = "volunteers"


def build(ctx: Context) -> Section:
    return unavailable(KEY, _("Volunteers"), _("No data: volunteers are not recorded yet."))
