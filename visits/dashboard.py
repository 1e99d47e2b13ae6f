"""The dashboard panel of the visits app: today's totals per site, for those who log
tallies (exact day counts are operational: docs/privacy.md)."""

from django.utils import timezone

from core.permissions import has_capability
from core.registry import Panel
from sites.models import Site
from visits.models import VISITS_CODE
from visits.selectors import visits_by_day


def panels(request) -> list[Panel]:
    if not has_capability(request.user, "log_tallies"):
        return []
    today = timezone.localdate()
    sites = list(Site.objects.in_use(today))
    visits = visits_by_day([s.pk for s in sites], today, today)
    rows = [{"site": site, "visits": visits.get((site.pk, today), 0)} for site in sites]
    return [
        Panel(
            "visits/panels/today.html",
            {"rows": rows, "today": today, "visits_code": VISITS_CODE},
            order=10,
        )
    ]
