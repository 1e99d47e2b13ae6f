"""Partners: outreach sessions held at the sites, agreements by status."""

from django.utils.translation import gettext as _

from reports.report import Section
from reports.sections.common import Context, unavailable

KEY = "partners"


def build(ctx: Context) -> Section:
    return unavailable(KEY, _("Partners"), _("No data: partners are not recorded yet."))
