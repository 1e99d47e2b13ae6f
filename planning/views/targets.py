"""The strategic targets (pejlemærker) and their status per reporting period."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView

from core.formpage import FormPageMixin
from core.permissions import CapabilityRequiredMixin, capability_required, has_capability
from planning import selectors, services
from planning.forms import ReportingPeriodForm, SubGoalStatusForm
from planning.models import ReportingPeriod, SubGoal, SubGoalStatus


@capability_required("view_operations")
def targets(request: HttpRequest) -> HttpResponse:
    periods = list(ReportingPeriod.objects.all())
    period = None
    wanted = request.GET.get("period", "")
    if wanted.isdigit():
        period = next((p for p in periods if p.pk == int(wanted)), None)
    period = period or (periods[0] if periods else None)
    reports = selectors.target_statuses(start=period.starts, end=period.ends) if period else []
    # Only this period's status per sub-goal: periods may overlap.
    for report in reports:
        for goal in report.sub_goals:
            goal.status = next((s for s in goal.statuses if s.period_id == period.pk), None)
    return render(
        request,
        "planning/targets.html",
        {
            "periods": periods,
            "period": period,
            "reports": reports,
            "can_edit": has_capability(request.user, "manage_plan"),
        },
    )


@capability_required("manage_plan")
def status_edit(request: HttpRequest, sub_goal_pk: int, period_pk: int) -> HttpResponse:
    sub_goal = get_object_or_404(SubGoal.objects.select_related("target"), pk=sub_goal_pk)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    status = SubGoalStatus.objects.filter(sub_goal=sub_goal, period=period).first()
    form = SubGoalStatusForm(request.POST or None, instance=status)
    if request.method == "POST" and form.is_valid():
        services.save_sub_goal_status(
            sub_goal=sub_goal,
            period=period,
            status_text=form.cleaned_data["status_text"],
            follow_up=form.cleaned_data["committee_follow_up"],
            actor=request.user,
        )
        messages.success(request, _("The status is saved."))
        return redirect(f"{reverse('planning:targets')}?period={period.pk}#goal-{sub_goal.pk}")
    return render(
        request,
        "planning/status_form.html",
        {
            "form": form,
            "sub_goal": sub_goal,
            "period": period,
            "title": f"{sub_goal.number}. {sub_goal.title}",
            "cancel_url": f"{reverse('planning:targets')}?period={period.pk}",
        },
    )


class PeriodCreate(CapabilityRequiredMixin, FormPageMixin, CreateView):
    capability = "manage_plan"
    form_class = ReportingPeriodForm
    title = gettext_lazy("Add a reporting period")
    success_message = gettext_lazy("The reporting period is added.")
    cancel_url = reverse_lazy("planning:targets")

    def get_success_url(self) -> str:
        return f"{reverse('planning:targets')}?period={self.object.pk}"
