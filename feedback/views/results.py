"""The feedback box's results per site and period, through core.disclosure (feedback.selectors)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.disclosure import NotPublished, Withheld
from core.permissions import capability_required
from feedback.forms import ResultsForm
from feedback.selectors import FeedbackResults, SiteResult, feedback_results
from sites.models import Site
from visits.charts import bar_chart


def mood_chart(result: SiteResult) -> str:
    """The faces as bars; left out ("") when a bar would draw a withheld count."""
    moods = result.moods()
    values = [n for _v, _label, n in moods]
    if any(isinstance(n, Withheld) for n in values) or not any(values):
        return ""
    title = _("Answers per face: %(where)s") % {"where": result.name}
    return bar_chart(
        title=title,
        desc=_("How many answered each face, from very bad to very good."),
        labels=[label for _v, label, _n in moods],
        values=[n for n in values if not isinstance(n, Withheld)],
    )


@capability_required("view_feedback")
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = ResultsForm(request.GET or None, today=today)
    found: FeedbackResults | None = None
    refusal = ""
    if not form.is_bound:
        form = ResultsForm({}, today=today)
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        sites = list(form.cleaned_data["sites"]) or list(
            Site.objects.in_use_between(start, end).order_by("town", "name")
        )
        try:
            found = feedback_results(start=start, end=end, sites=sites, today=today)
        except NotPublished as error:
            refusal = error.message
    if found is not None:
        for result in [found.total, *found.sites]:
            result.chart = mood_chart(result)
    return render(
        request,
        "feedback/results.html",
        {"form": form, "results": found, "refusal": refusal},
    )
