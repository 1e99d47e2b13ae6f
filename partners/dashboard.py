"""Dashboard panel: partner sessions at our sites today, for staff, coordinators, managers."""

from django.utils import timezone

from core.permissions import has_capability
from core.registry import Panel
from partners.selectors import occurrences


def panels(request) -> list[Panel]:
    if not has_capability(request.user, "view_operations"):
        return []
    today = timezone.localdate()
    return [
        Panel(
            "partners/panels/today.html",
            {"occurrences": occurrences(first=today, last=today), "today": today},
            order=40,
        )
    ]
