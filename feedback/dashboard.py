"""The feedback app's dashboard panel: visitors' texts waiting for review (coordinators)."""

from core.permissions import has_capability
from core.registry import Panel
from feedback.models import VisitorText


def panels(request) -> list[Panel]:
    if not has_capability(request.user, "manage_feedback"):
        return []
    waiting = VisitorText.objects.pending().count()
    if not waiting:
        return []
    return [Panel("feedback/panels/visitors_voice.html", {"texts_waiting": waiting}, order=65)]
