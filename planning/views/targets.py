"""The strategic targets (pejlemærker), their sub-goals and the reporting periods for USB.

Coordinators and managers (`draft_usb_status`) create and edit targets and sub-goals, add a
reporting period, write its status texts and the manager's summary, mark it sent to USB and
record USB's recommendations and decision. Every change is in the audit history, shown on
each edit page.
"""

from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, UpdateView

from core.audit import history_for, readable
from core.formpage import FormPageMixin
from core.permissions import CapabilityRequiredMixin, capability_required, has_capability
from core.registry import app_modules
from planning import selectors, services
from planning.forms import (
    PeriodDecisionForm,
    PeriodSendForm,
    ReportingPeriodForm,
    StrategicTargetForm,
    SubGoalForm,
    SubGoalStatusForm,
)
from planning.models import ReportingPeriod, StrategicTarget, SubGoal, SubGoalStatus

CAPABILITY = "draft_usb_status"


def targets_url(period: ReportingPeriod | None = None, anchor: str = "") -> str:
    url = reverse("planning:targets")
    if period is not None:
        url += f"?period={period.pk}"
    return url + (f"#{anchor}" if anchor else "")


@capability_required("view_operations")
def targets(request: HttpRequest) -> HttpResponse:
    periods = list(ReportingPeriod.objects.select_related("sent_by"))
    period = None
    wanted = request.GET.get("period", "")
    if wanted.isdigit():
        period = next((p for p in periods if p.pk == int(wanted)), None)
    period = period or (periods[0] if periods else None)
    if period is not None:
        reports = selectors.target_statuses(start=period.starts, end=period.ends)
        # Only this period's status per sub-goal: periods may overlap.
        for report in reports:
            for goal in report.sub_goals:
                goal.status = next((s for s in goal.statuses if s.period_id == period.pk), None)
    else:
        reports = selectors.target_statuses(start=None, end=None)
    return render(
        request,
        "planning/targets.html",
        {
            "periods": periods,
            "period": period,
            "period_sites": list(period.sites.all()) if period else [],
            "reports": reports,
            "can_edit": has_capability(request.user, CAPABILITY),
            "can_export": has_capability(request.user, "export_reports"),
        },
    )


class _HistoryMixin:
    """Shows the object's audit history under the form (template planning/history_form.html)."""

    template_name = "planning/history_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        instance = getattr(self, "object", None)
        context["history"] = (
            readable(history_for(instance)[:50]) if instance and instance.pk else []
        )
        return context


class _TargetsPage(CapabilityRequiredMixin, FormPageMixin):
    """A form page that goes back to the targets page, to the place it changed."""

    capability = CAPABILITY

    def back_to(self) -> str:
        return targets_url()

    def get_cancel_url(self) -> str:
        return self.back_to()

    def get_success_url(self) -> str:
        return self.back_to()


class TargetCreate(_TargetsPage, CreateView):
    form_class = StrategicTargetForm
    template_name = "form_page.html"
    title = gettext_lazy("Add a strategic target")
    success_message = gettext_lazy("The strategic target is added.")

    def get_success_url(self) -> str:
        return targets_url(anchor=f"target-{self.object.pk}")


class TargetUpdate(_HistoryMixin, _TargetsPage, UpdateView):
    model = StrategicTarget
    form_class = StrategicTargetForm
    success_message = gettext_lazy("The strategic target is saved.")

    def get_title(self) -> str:
        return _("Edit %(target)s") % {"target": self.object}

    def back_to(self) -> str:
        return targets_url(anchor=f"target-{self.object.pk}")


class SubGoalCreate(_TargetsPage, CreateView):
    form_class = SubGoalForm
    template_name = "form_page.html"
    success_message = gettext_lazy("The sub-goal is added.")

    def dispatch(self, request, *args, **kwargs):
        self.target = get_object_or_404(StrategicTarget, pk=kwargs["target_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "target": self.target}

    def get_title(self) -> str:
        return _("Add a sub-goal to %(target)s") % {"target": self.target}

    def back_to(self) -> str:
        return targets_url(anchor=f"target-{self.target.pk}")

    def get_success_url(self) -> str:
        return targets_url(anchor=f"goal-{self.object.pk}")


class SubGoalUpdate(_HistoryMixin, _TargetsPage, UpdateView):
    model = SubGoal
    form_class = SubGoalForm
    success_message = gettext_lazy("The sub-goal is saved.")

    def get_queryset(self):
        return SubGoal.objects.select_related("target")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "target": self.object.target}

    def get_title(self) -> str:
        return _("Edit sub-goal %(goal)s") % {"goal": self.object}

    def back_to(self) -> str:
        return targets_url(anchor=f"goal-{self.object.pk}")


class PeriodCreate(_TargetsPage, CreateView):
    form_class = ReportingPeriodForm
    template_name = "form_page.html"
    title = gettext_lazy("Add a reporting period")
    success_message = gettext_lazy("The reporting period is added.")

    def get_success_url(self) -> str:
        return targets_url(self.object)


class _PeriodPage(_TargetsPage, UpdateView):
    model = ReportingPeriod

    def back_to(self) -> str:
        return targets_url(self.object)


class PeriodUpdate(_HistoryMixin, _PeriodPage):
    form_class = ReportingPeriodForm
    success_message = gettext_lazy("The reporting period is saved.")

    def get_title(self) -> str:
        return _("Edit %(period)s and its summary") % {"period": self.object}


class _PeriodStep(_PeriodPage):
    """A step in the period's life; a GET out of turn goes back with the reason."""

    def out_of_turn(self, period: ReportingPeriod) -> str:
        return ""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        reason = self.out_of_turn(self.object)
        if reason:
            messages.info(request, reason)
            return HttpResponseRedirect(self.back_to())
        return super().get(request, *args, **kwargs)


class PeriodSend(_PeriodStep):
    form_class = PeriodSendForm
    template_name = "planning/period_send.html"
    submit_label = gettext_lazy("Mark as sent to USB")
    success_message = gettext_lazy("The period is marked as sent to USB.")

    def get_title(self) -> str:
        return _("Send %(period)s to USB") % {"period": self.object}

    def out_of_turn(self, period: ReportingPeriod) -> str:
        return "" if period.is_draft else _("This period has already been sent to USB.")

    def save_audited(self, form) -> Model:
        # Sending freezes the document the committee receives: the reports app stores it, and
        # plugs in by module name (core.registry) since planning may not import reports.
        senders = app_modules("sending")
        send_period = senders[0].send_period if senders else services.mark_period_sent
        return send_period(
            period=self.object,
            meeting_date=form.cleaned_data["meeting_date"],
            actor=self.request.user,
        )


class PeriodDecision(_PeriodStep):
    form_class = PeriodDecisionForm
    template_name = "planning/period_decision.html"
    submit_label = gettext_lazy("Save USB's decision")
    success_message = gettext_lazy("USB's decision is recorded.")

    def get_title(self) -> str:
        return _("USB's decision on %(period)s") % {"period": self.object}

    def out_of_turn(self, period: ReportingPeriod) -> str:
        if period.is_draft:
            return _("Mark the period sent to USB before recording USB's decision.")
        return ""

    def save_audited(self, form) -> Model:
        return services.record_decision(
            period=self.object,
            decided_on=form.cleaned_data["decided_on"],
            decision=form.cleaned_data["decision"],
            actor=self.request.user,
        )


class StatusEdit(_HistoryMixin, _TargetsPage, UpdateView):
    """The status text of one sub-goal for one period, and USB's recommendations."""

    form_class = SubGoalStatusForm
    template_name = "planning/status_form.html"
    success_message = gettext_lazy("The status is saved.")

    def dispatch(self, request, *args, **kwargs):
        self.sub_goal = get_object_or_404(
            SubGoal.objects.select_related("target"), pk=kwargs["sub_goal_pk"]
        )
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["period_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None) -> SubGoalStatus:
        found = SubGoalStatus.objects.filter(sub_goal=self.sub_goal, period=self.period).first()
        return found or SubGoalStatus(sub_goal=self.sub_goal, period=self.period)

    def get_title(self) -> str:
        return f"{self.sub_goal.number}. {self.sub_goal.title}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(sub_goal=self.sub_goal, period=self.period, **kwargs)

    def back_to(self) -> str:
        return targets_url(self.period, anchor=f"goal-{self.sub_goal.pk}")

    def save_audited(self, form) -> Model:
        return services.save_sub_goal_status(
            sub_goal=self.sub_goal,
            period=self.period,
            status_text=form.cleaned_data["status_text"],
            follow_up=form.cleaned_data["committee_follow_up"],
            actor=self.request.user,
        )
