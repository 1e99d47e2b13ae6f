"""Meetings with visitors (*brugermøder*) and their follow-up actions.

Coordinators record a meeting (date, site, how many took part, topics, what the visitors
asked for, what was decided) and its actions (what, who is responsible, by when); open
actions show on their dashboard until marked done. Coordinators and managers read them.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, UpdateView

from core import audit
from core.formpage import FormPageMixin
from core.permissions import CapabilityRequiredMixin, capability_required, has_capability
from feedback.forms import ActionForm, MeetingForm
from feedback.models import MeetingAction, VisitorMeeting


@capability_required("view_feedback")
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = VisitorMeeting.objects.select_related("site").prefetch_related("actions")
    return render(
        request,
        "feedback/meeting_list.html",
        {"meetings": meetings, "can_edit": has_capability(request.user, "manage_feedback")},
    )


def _detail(request: HttpRequest, meeting: VisitorMeeting, action_form: ActionForm, status=200):
    return render(
        request,
        "feedback/meeting_detail.html",
        {
            "meeting": meeting,
            "actions": meeting.actions.select_related("responsible", "done_by"),
            "action_form": action_form,
            "can_edit": has_capability(request.user, "manage_feedback"),
            "today": timezone.localdate(),
        },
        status=status,
    )


@capability_required("view_feedback")
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(VisitorMeeting.objects.select_related("site"), pk=pk)
    return _detail(request, meeting, ActionForm())


class _MeetingPage(CapabilityRequiredMixin, FormPageMixin):
    capability = "manage_feedback"
    model = VisitorMeeting
    form_class = MeetingForm


class MeetingCreateView(_MeetingPage, CreateView):
    title = gettext_lazy("Record a meeting with visitors")
    cancel_url = reverse_lazy("feedback:meetings")
    success_message = gettext_lazy("The meeting is recorded. Add its follow-up actions below.")


class MeetingUpdateView(_MeetingPage, UpdateView):
    title = gettext_lazy("Edit the meeting with visitors")


@capability_required("manage_feedback")
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(VisitorMeeting.objects.select_related("site"), pk=pk)
    form = ActionForm(request.POST, instance=MeetingAction(meeting=meeting))
    if not form.is_valid():
        return _detail(request, meeting, form)
    audit.save_form(form=form, actor=request.user)
    messages.success(request, _("The action is added. It shows on the dashboard until it is done."))
    return redirect(meeting)


@capability_required("manage_feedback")
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an action done (once: a second press changes nothing)."""
    with transaction.atomic():
        action = get_object_or_404(
            MeetingAction.objects.select_for_update().select_related("meeting"), pk=pk
        )
        if action.done_at is None:
            action.done_at, action.done_by = timezone.now(), request.user
            action.save(update_fields=["done_at", "done_by"])
            audit.record(
                actor=request.user, instance=action, action="update", note=gettext_noop("Done")
            )
            messages.success(request, _("“%(action)s” is done.") % {"action": action})
    target = request.POST.get("next", "")
    if target == "dashboard":
        return redirect("core:dashboard")
    return redirect(action.meeting)
