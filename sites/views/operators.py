"""Operators' pages: who runs the sites, each operator's sites over time, and takeovers.

Staff and managers (view_operations) read them; coordinators (manage_sites) add and edit
operators, record a takeover and correct a period, unless scoped to some operators: who runs
a site is the municipality's record, not one operator's. Periods are saved through
`sites.operations` (checked against the site's other periods under its lock, audited).
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core.audit import history_for
from core.formpage import FormPageMixin
from core.permissions import CapabilityRequiredMixin, has_capability
from sites.forms import OperationForm, OperatorForm, TakeoverForm
from sites.models import Operator, Site, SiteOperation
from sites.operations import is_scoped, record_takeover, save_operation
from sites.views.manage import UnscopedOnlyMixin


class OperatorListView(CapabilityRequiredMixin, ListView):
    capability = "view_operations"
    template_name = "sites/operator_list.html"
    context_object_name = "operators"

    def get_queryset(self):
        return Operator.objects.order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        running = SiteOperation.objects.on(today).select_related("site").order_by("site__name")
        by_operator: dict[int, list] = {}
        for operation in running:
            by_operator.setdefault(operation.operator_id, []).append(operation.site)
        for operator in context["operators"]:
            operator.current_sites = by_operator.get(operator.pk, [])
        context["can_edit"] = has_capability(self.request.user, "manage_sites") and not (
            is_scoped(self.request.user)
        )
        return context


class OperatorDetailView(CapabilityRequiredMixin, DetailView):
    capability = "view_operations"
    model = Operator
    template_name = "sites/operator_detail.html"
    context_object_name = "operator"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        operations = list(self.object.operations.select_related("site").order_by("site__name"))
        for operation in operations:
            operation.is_current = operation.covers(today)
        context["operations"] = operations
        context["history"] = history_for(self.object)[:10]
        context["can_edit"] = has_capability(self.request.user, "manage_sites") and not (
            is_scoped(self.request.user)
        )
        return context


class OperatorFormMixin(UnscopedOnlyMixin, CapabilityRequiredMixin, FormPageMixin):
    capability = "manage_sites"
    model = Operator
    form_class = OperatorForm


class OperatorCreateView(OperatorFormMixin, CreateView):
    title = _("New operator")
    cancel_url = reverse_lazy("sites:operator_list")


class OperatorUpdateView(OperatorFormMixin, UpdateView):
    def get_title(self) -> str:
        return _("Edit %(operator)s") % {"operator": self.object}


class TakeoverCreateView(UnscopedOnlyMixin, CapabilityRequiredMixin, FormPageMixin, CreateView):
    """A takeover of the site: the new operator's period, the old one ended the day before."""

    capability = "manage_sites"
    model = SiteOperation
    form_class = TakeoverForm
    submit_label = _("Record the takeover")

    def get_site(self) -> Site:
        return get_object_or_404(Site.objects.for_user(self.request.user), slug=self.kwargs["slug"])

    def get_title(self) -> str:
        return _("Takeover of %(site)s") % {"site": self.get_site()}

    def get_cancel_url(self) -> str:
        return self.get_site().get_absolute_url()

    def get_success_url(self) -> str:
        return self.get_site().get_absolute_url()

    def save_audited(self, form):
        data = form.cleaned_data
        return record_takeover(
            site=self.get_site(),
            operator=data["operator"],
            on=data["starts_on"],
            actor=self.request.user,
            to_be_confirmed=data["to_be_confirmed"],
            note=data["note"],
        )


class OperationUpdateView(UnscopedOnlyMixin, CapabilityRequiredMixin, FormPageMixin, UpdateView):
    capability = "manage_sites"
    model = SiteOperation
    form_class = OperationForm

    def get_queryset(self):
        return SiteOperation.objects.select_related("site", "operator").filter(
            site__in=Site.objects.for_user(self.request.user)
        )

    def get_title(self) -> str:
        return _("Edit who ran %(site)s") % {"site": self.object.site}

    def get_cancel_url(self) -> str:
        return self.object.site.get_absolute_url()

    def get_success_url(self) -> str:
        return self.object.site.get_absolute_url()

    def save_audited(self, form):
        return save_operation(form=form, actor=self.request.user)
