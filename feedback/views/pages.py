"""The visitors' voice start page: what each role can do here."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.permissions import capability_required, has_capability
from feedback.models import Kiosk, VisitorText


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
    if can["manage_feedback"]:
        context["texts_waiting"] = VisitorText.objects.pending().count()
    return render(request, "feedback/home.html", context)
