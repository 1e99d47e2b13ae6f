"""Coordinators answer sign-up requests for request-and-confirm roles; waiting lists."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import capability_required
from volunteers import services
from volunteers.forms import DecideRequestForm
from volunteers.models import SignUpRequest, WaitingListEntry
from volunteers.shift_mail import when


@capability_required("manage_volunteers")
def request_list(request: HttpRequest) -> HttpResponse:
    """Requests waiting for an answer, oldest first, and the upcoming shifts' waiting lists."""
    now = timezone.now()
    pending = (
        SignUpRequest.objects.filter(state=SignUpRequest.State.PENDING, shift__ends__gt=now)
        .select_related("shift__site", "volunteer", "role")
        .order_by("created_at", "pk")
    )
    waiting = (
        WaitingListEntry.objects.filter(state=WaitingListEntry.State.WAITING, shift__ends__gt=now)
        .select_related("shift__site", "volunteer", "role")
        .order_by("shift__starts", "shift_id", "created_at", "pk")
    )
    return render(
        request,
        "volunteers/request_list.html",
        {"pending": pending, "waiting": waiting, "form": DecideRequestForm()},
    )


@require_POST
@capability_required("manage_volunteers")
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        SignUpRequest.objects.select_related("shift__site", "volunteer"), pk=pk
    )
    form = DecideRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to confirm or decline."))
        return redirect("volunteers:request_list")
    confirm = form.cleaned_data["decision"] == "confirm"
    try:
        warnings = services.decide_request(
            request=found, confirm=confirm, note=form.cleaned_data["note"], actor=request.user
        )
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        values = {"name": found.volunteer, "shift": when(found.shift)}
        text = (
            _("%(name)s is confirmed on %(shift)s and gets a message.")
            if confirm
            else _("%(name)s is declined for %(shift)s and gets a message.")
        )
        messages.success(request, text % values)
        for warning in warnings:
            messages.warning(request, warning)
    return redirect("volunteers:request_list")
