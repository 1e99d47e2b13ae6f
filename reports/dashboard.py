"""The managers' dashboard panel: last month's and last quarter's report, recent exports."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.permissions import has_capability
from core.registry import Panel
from reports.forms import preset
from reports.models import ReportExport
from reports.periods import Period


def _link(period_value: str) -> str:
    return f"{reverse('reports:usb')}?{urlencode({'period': period_value})}"


def panels(request: HttpRequest) -> list[Panel]:
    if not has_capability(request.user, "export_reports"):
        return []
    today = timezone.localdate()
    month = Period.last_month(today)
    quarter = Period.last_quarter(today)
    q_number = (quarter.start.month - 1) // 3 + 1
    links = [
        {
            "label": _("Last month (%(month)s)")
            % {"month": formats.date_format(month.start, "F Y")},
            "url": _link(preset("month", month.start.year, month.start.month)),
        },
        {
            "label": _("Last quarter (Q%(q)s %(year)s)")
            % {"q": q_number, "year": quarter.start.year},
            "url": _link(preset("quarter", quarter.start.year, q_number)),
        },
    ]
    return [
        Panel(
            "reports/panels/reports.html",
            {"links": links, "recent": list(ReportExport.objects.recent(3))},
            order=70,
        )
    ]
