"""Operators' pages: who runs the sites, and each operator's sites over time.

Staff and managers (view_operations) read them; records are kept in the admin for now.
"""

from django.utils import timezone
from django.views.generic import DetailView, ListView

from core.audit import history_for
from core.permissions import CapabilityRequiredMixin
from sites.models import Operator, SiteOperation


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
        return context
