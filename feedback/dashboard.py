"""The feedback app's dashboard panel for coordinators: visitors' texts waiting for review,
and the open follow-up actions of meetings with visitors (until they are done)."""

from django.utils import timezone

from core.permissions import has_capability
from core.registry import Panel
from feedback.models import MeetingAction, VisitorText


def panels(request) -> list[Panel]:
    if not has_capability(request.user, "manage_feedback"):
        return []
    waiting = VisitorText.objects.pending().count()
    actions = list(MeetingAction.objects.open().select_related("meeting__site", "responsible")[:10])
    if not waiting and not actions:
        return []
    return [
        Panel(
            "feedback/panels/visitors_voice.html",
            {"texts_waiting": waiting, "actions": actions, "today": timezone.localdate()},
            order=65,
        )
    ]
