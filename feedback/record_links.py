"""Links from other apps' objects to the visitors' voice (core.registry.record_links): the
2021 plan's task "Dialog med borgerne i målgruppen om deres behov og ønsker" links to the
meetings with visitors that carry it out."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.permissions import has_capability
from core.registry import RecordLink
from feedback.models import VisitorMeeting

# The plan's dialogue tasks (planning/reference.py's reference_key), and the title's start
# for one a coordinator added by hand.
DIALOGUE_TASKS = {"korsor-dialogue-visitors"}
DIALOGUE_TITLE = "dialog med borgerne"


def is_dialogue_task(obj) -> bool:
    if obj._meta.label_lower != "planning.task":
        return False
    return obj.reference_key in DIALOGUE_TASKS or obj.title.lower().startswith(DIALOGUE_TITLE)


def links(obj, user) -> list[RecordLink]:
    if not is_dialogue_task(obj) or not has_capability(user, "view_feedback"):
        return []
    count = VisitorMeeting.objects.count()
    return [
        RecordLink(
            _("Meetings with visitors (%(count)d recorded)") % {"count": count},
            reverse("feedback:meetings"),
        )
    ]
