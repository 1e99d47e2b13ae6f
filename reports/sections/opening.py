"""Opening hours held per site and month, and visits per opening hour."""

from django.utils.translation import gettext as _

from reports.report import Section
from reports.sections.common import Context, unavailable

KEY = "opening"


def build(ctx: Context) -> Section:
    return unavailable(KEY, _("Opening hours"), _("No data: opening hours are not recorded yet."))
