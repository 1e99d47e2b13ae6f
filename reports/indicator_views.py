"""The indicators of the targets' effect (issue 18): a list, add and edit an indicator, and
enter a hand-measured indicator's value for a reporting period. Those who draft the status
document (`draft_usb_status`: coordinators and managers) use them; every save is audited."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, UpdateView

from core.formpage import FormPageMixin
from core.permissions import CapabilityRequiredMixin, capability_required
from planning.models import ReportingPeriod
from reports.forms import IndicatorValueForm, TargetIndicatorForm
from reports.models import IndicatorValue, TargetIndicator

CAPABILITY = "draft_usb_status"


@capability_required(CAPABILITY)
def indicators(request: HttpRequest) -> HttpResponse:
    found = list(TargetIndicator.objects.select_related("target", "category"))
    periods = list(ReportingPeriod.objects.order_by("starts"))
    values = {
        (v.indicator_id, v.period_id): v
        for v in IndicatorValue.objects.filter(indicator__kind=TargetIndicator.Kind.MANUAL)
    }
    rows = [
        (indicator, [(period, values.get((indicator.pk, period.pk))) for period in periods])
        for indicator in sorted(found, key=lambda i: (i.target.order, i.target.title, i.name))
    ]
    return render(request, "reports/indicators.html", {"rows": rows, "periods": periods})


class _IndicatorPage(CapabilityRequiredMixin, FormPageMixin):
    capability = CAPABILITY

    def get_cancel_url(self) -> str:
        return reverse("reports:indicators")

    def get_success_url(self) -> str:
        return reverse("reports:indicators")


class IndicatorCreate(_IndicatorPage, CreateView):
    form_class = TargetIndicatorForm
    title = gettext_lazy("Add an indicator")
    success_message = gettext_lazy("The indicator is added.")


class IndicatorUpdate(_IndicatorPage, UpdateView):
    model = TargetIndicator
    form_class = TargetIndicatorForm
    success_message = gettext_lazy("The indicator is saved.")

    def get_title(self) -> str:
        return _("Edit the indicator %(name)s") % {"name": self.object}


class IndicatorValueEdit(_IndicatorPage, UpdateView):
    """A hand-measured indicator's value for one period (made on its first save)."""

    form_class = IndicatorValueForm
    success_message = gettext_lazy("The value is saved.")

    def dispatch(self, request, *args, **kwargs):
        self.indicator = get_object_or_404(
            TargetIndicator, pk=kwargs["indicator_pk"], kind=TargetIndicator.Kind.MANUAL
        )
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["period_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None) -> IndicatorValue:
        found = IndicatorValue.objects.filter(indicator=self.indicator, period=self.period).first()
        return found or IndicatorValue(indicator=self.indicator, period=self.period)

    def get_title(self) -> str:
        return _("%(indicator)s in %(period)s") % {
            "indicator": self.indicator,
            "period": self.period,
        }
