"""The visitors' voice start page: what each role can do here."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.permissions import capability_required, has_capability
from feedback.models import Kiosk, Survey, VisitorText


def surveys_open_at_any_site():
    """The rounds that have begun and ended at most the answer window ago."""
    import datetime

    from django.utils import timezone

    from feedback import limits

    today = timezone.localdate()
    oldest = today - datetime.timedelta(days=limits.window_days())
    return Survey.objects.filter(starts__lte=today, ends__gte=oldest).order_by("-starts")


@capability_required("view_operations")
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    can = {
        code: has_capability(user, code)
        for code in ("collect_feedback", "manage_feedback", "view_feedback")
    }
    context = {"can": can}
    if can["collect_feedback"]:
        context["active_kiosks"] = Kiosk.objects.active().count()
        # The rounds staff print paper forms for and type them in: begun, not long ended.
        context["paper_rounds"] = list(surveys_open_at_any_site())
    if can["manage_feedback"]:
        context["texts_waiting"] = VisitorText.objects.pending().count()
    return render(request, "feedback/home.html", context)
