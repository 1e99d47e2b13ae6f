"""The action plan: tasks done, on track and slipped; the strategic targets' status."""

from django.utils.translation import gettext as _

from reports.report import Section
from reports.sections.common import Context, unavailable

KEY = "plan"


def build(ctx: Context) -> Section:
    return unavailable(KEY, _("Action plan"), _("No data: the action plan is not recorded yet."))
