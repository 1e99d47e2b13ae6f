"""The timeline page, the baseline freeze and the plan's quarters."""

from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from core.audit import history_for, readable
from core.formpage import FormPageMixin
from core.permissions import CapabilityRequiredMixin, capability_required, has_capability
from planning import selectors, services
from planning.forms import FreezeForm, PlanQuartersForm, TaskFilterForm
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


def plan_url(plan: Plan) -> str:
    return f"{reverse('planning:timeline')}?plan={plan.pk}"


class PlanQuarters(CapabilityRequiredMixin, FormPageMixin, UpdateView):
    """Coordinators set the plan's quarter columns: later ones, earlier ones, a gap filled
    (issue 19 item 5). Every change is in the plan's history, shown under the form."""

    capability = "manage_plan"
    model = Plan
    form_class = PlanQuartersForm
    template_name = "planning/plan_quarters.html"
    success_message = gettext_lazy("The plan's quarters are saved.")

    def get_title(self) -> str:
        return _("Quarters of %(plan)s") % {"plan": self.object}

    def get_cancel_url(self) -> str:
        return plan_url(self.object)

    def get_success_url(self) -> str:
        return plan_url(self.object)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["history"] = readable(history_for(self.object)[:50])
        return context

    def save_audited(self, form: PlanQuartersForm) -> Model:  # type: ignore[override]
        return services.set_plan_quarters(
            plan=self.object, quarters=form.cleaned_data["quarters"], actor=self.request.user
        )
