"""Coordinators approve or decline the hours volunteers record outside shifts."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import capability_required
from volunteers import services
from volunteers.forms import DecideExtraHoursForm
from volunteers.models import ExtraHours


@capability_required("manage_volunteers")
def hours_list(request: HttpRequest) -> HttpResponse:
    """Hours waiting for an answer, oldest first, and the last ones answered."""
    found = ExtraHours.objects.select_related("volunteer", "site", "decided_by")
    return render(
        request,
        "volunteers/hours_list.html",
        {
            "pending": found.filter(state=ExtraHours.State.PENDING).order_by("created_at", "pk"),
            "decided": found.exclude(state=ExtraHours.State.PENDING).order_by("-decided_at", "-pk")[
                :20
            ],
        },
    )


@require_POST
@capability_required("manage_volunteers")
def hours_decide(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(ExtraHours.objects.select_related("volunteer"), pk=pk)
    form = DecideExtraHoursForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or decline."))
        return redirect("volunteers:hours_list")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.decide_extra_hours(
            entry=entry, approve=approve, note=form.cleaned_data["note"], actor=request.user
        )
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        text = (
            _("%(name)s's %(hours)s hours are approved.")
            if approve
            else _("%(name)s's %(hours)s hours are declined.")
        )
        messages.success(
            request, text % {"name": entry.volunteer, "hours": floatformat(entry.hours, -2)}
        )
    return redirect("volunteers:hours_list")
