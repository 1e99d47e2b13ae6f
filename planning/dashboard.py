"""The coordinators' dashboard panel: overdue and delayed tasks, the next milestone."""

from core.permissions import has_capability
from core.registry import Panel
from planning import selectors


def panels(request) -> list[Panel]:
    if not has_capability(request.user, "manage_plan"):
        return []
    found = selectors.attention()
    return [
        Panel(
            "planning/panels/attention.html",
            {
                "rows": found.rows,
                "overdue": found.overdue,
                "next_milestone": found.next_milestone,
            },
            order=60,
        )
    ]
