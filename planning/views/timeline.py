"""The timeline page and the baseline freeze."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import capability_required, has_capability
from planning import selectors, services
from planning.forms import FreezeForm, TaskFilterForm
from planning.models import Plan


def chosen_plan(request: HttpRequest) -> Plan | None:
    """The plan in ?plan=, else the newest one."""
    plan_id = request.GET.get("plan", "")
    if plan_id.isdigit():
        return get_object_or_404(Plan, pk=plan_id)
    return selectors.default_plan()


def filtered_timeline(request: HttpRequest, plan: Plan):
    """The timeline with the request's filters applied; invalid filters are ignored."""
    form = TaskFilterForm(
        request.GET or None,
        plan=plan,
        responsible_choices=selectors.responsible_choices(plan),
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    timeline = selectors.timeline(
        plan,
        workstream=filters.get("workstream"),
        status=filters.get("status", ""),
        responsible=filters.get("responsible", ""),
    )
    return form, timeline


@capability_required("view_operations")
def timeline_page(request: HttpRequest) -> HttpResponse:
    plan = chosen_plan(request)
    if plan is None:
        return render(request, "planning/no_plan.html")
    form, timeline = filtered_timeline(request, plan)
    return render(
        request,
        "planning/timeline.html",
        {
            "plan": plan,
            "plans": Plan.objects.all(),
            "timeline": timeline,
            "filter_form": form,
            "can_edit": has_capability(request.user, "manage_plan"),
            "freeze_form": FreezeForm(),
            "export_query": request.GET.urlencode(),
        },
    )


@require_POST
@capability_required("manage_plan")
def freeze(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    form = FreezeForm(request.POST)
    if form.is_valid():
        services.freeze_baseline(plan=plan, actor=request.user, label=form.cleaned_data["label"])
        messages.success(
            request,
            _("The baseline is frozen: slip is now measured against today's quarters."),
        )
    else:
        messages.error(request, _("The baseline was not frozen: the name is too long."))
    return redirect(f"{reverse('planning:timeline')}?plan={plan.pk}")
