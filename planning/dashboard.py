"""The coordinators' dashboard panel: delayed tasks and the next milestone."""

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
            {"rows": found.rows, "next_milestone": found.next_milestone},
            order=60,
        )
    ]
