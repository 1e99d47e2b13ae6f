"""The dashboard panel for staff, coordinators and managers: what is open now, what opens next."""

from django.utils import timezone

from core.permissions import has_capability
from core.registry import Panel
from sites.models import Site
from sites.selectors import next_openings, open_now


def panels(request) -> list[Panel]:
    if not has_capability(request.user, "view_operations"):
        return []
    now = timezone.now()
    sites = list(Site.objects.in_use(timezone.localdate(now)).select_related("bus"))
    current = {o.site_id: o for o in open_now(at=now, sites=sites)}
    upcoming = next_openings(at=now, sites=sites, horizon_days=7)
    rows = [
        {"site": site, "current": current.get(site.pk), "next": upcoming.get(site.pk)}
        for site in sites
    ]
    rows.sort(key=lambda r: (r["current"] is None, r["site"].town, r["site"].name))
    return [
        Panel(
            "sites/panels/now.html",
            {"rows": rows, "can_edit": has_capability(request.user, "manage_sites")},
            order=10,
        )
    ]
