"""A volunteer's own pages: "Mine vagter", sign-up, cancelling, unavailability, "my data"."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.audit import history_for
from core.links import public_url
from core.permissions import capability_required
from volunteers import services
from volunteers.forms import EmailPreferencesForm, SignUpForm, UnavailabilityForm
from volunteers.models import Message, Shift, ShiftAssignment, Volunteer
from volunteers.selectors import open_shifts_for


def own_volunteer(request: HttpRequest) -> Volunteer | None:
    return Volunteer.objects.for_user(request.user).not_anonymised().first()


def _own_or_404(request: HttpRequest) -> Volunteer:
    volunteer = own_volunteer(request)
    if volunteer is None:
        raise Http404("No volunteer record is linked to this login.")
    return volunteer


def _first_names(assignment: ShiftAssignment) -> list[str]:
    """The others on the same shift, by first name only."""
    return [
        a.volunteer.first_name or _("a volunteer")
        for a in assignment.shift.assignments.all()
        if a.pk != assignment.pk
    ]


@capability_required("volunteer_self_service")
def my_shifts(request: HttpRequest) -> HttpResponse:
    volunteer = own_volunteer(request)
    if volunteer is None:
        return render(request, "volunteers/my_shifts.html", {"volunteer": None})
    now = timezone.now()
    mine = (
        volunteer.assignments.select_related("shift__site", "role")
        .prefetch_related(
            Prefetch(
                "shift__assignments",
                queryset=ShiftAssignment.objects.select_related("volunteer").order_by("pk"),
            )
        )
        .order_by("shift__starts")
    )
    upcoming = [
        {
            "assignment": a,
            "others": _first_names(a),
            "can_cancel": not a.shift.is_cancelled and services.can_cancel_themselves(a.shift, now),
        }
        for a in mine.filter(shift__ends__gt=now)
    ]
    past = list(mine.filter(shift__ends__lte=now).order_by("-shift__starts")[:20])
    feed_url = public_url("volunteers:feed", request=request, token=volunteer.feed_token)
    return render(
        request,
        "volunteers/my_shifts.html",
        {
            "volunteer": volunteer,
            "upcoming": upcoming,
            "past": past,
            "open_shifts": open_shifts_for(volunteer),
            "unavailabilities": volunteer.unavailabilities.filter(
                ends_on__gte=timezone.localdate()
            ),
            "unavailability_form": UnavailabilityForm(),
            "notice_hours": settings.VARMESTUE["SHIFT_CANCEL_NOTICE_HOURS"],
            "feed_url": feed_url,
            "received": volunteer.deliveries.select_related("message").order_by(
                "-message__created_at", "-pk"
            )[:10],
        },
    )


@require_POST
@capability_required("volunteer_self_service")
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _own_or_404(request)
    shift = get_object_or_404(Shift, pk=pk)
    form = SignUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("volunteers:my_shifts")
    try:
        services.assign(
            shift=shift,
            volunteer=volunteer,
            role=form.cleaned_data["role"],
            actor=request.user,
            self_service=True,
        )
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("You are signed up for the shift %(shift)s.") % {"shift": shift}
        )
    return redirect("volunteers:my_shifts")


@require_POST
@capability_required("volunteer_self_service")
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _own_or_404(request)
    assignment = get_object_or_404(ShiftAssignment, pk=pk, volunteer=volunteer)
    try:
        services.unassign(assignment=assignment, actor=request.user, self_service=True)
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your shift is cancelled."))
    return redirect("volunteers:my_shifts")


@require_POST
@capability_required("volunteer_self_service")
def add_unavailability(request: HttpRequest) -> HttpResponse:
    volunteer = _own_or_404(request)
    form = UnavailabilityForm(request.POST)
    if form.is_valid():
        services.add_unavailability(volunteer=volunteer, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Saved: you are marked unavailable in that period."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("volunteers:my_shifts") + "#unavailable")


@require_POST
@capability_required("volunteer_self_service")
def delete_unavailability(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _own_or_404(request)
    period = get_object_or_404(volunteer.unavailabilities, pk=pk)
    services.remove_unavailability(period=period, actor=request.user)
    messages.success(request, _("The period is removed."))
    return redirect(reverse("volunteers:my_shifts") + "#unavailable")


@require_POST
@capability_required("volunteer_self_service")
def renew_feed(request: HttpRequest) -> HttpResponse:
    volunteer = _own_or_404(request)
    services.renew_feed_token(volunteer=volunteer)
    messages.success(
        request,
        _("Your calendar has a new address. The old one no longer works: add the new one."),
    )
    return redirect(reverse("volunteers:my_shifts") + "#calendar")


@capability_required("volunteer_self_service")
def my_data(request: HttpRequest) -> HttpResponse:
    volunteer = own_volunteer(request)
    if volunteer is None:
        return render(request, "volunteers/my_data.html", {"volunteer": None})
    return render(
        request,
        "volunteers/my_data.html",
        {
            "volunteer": volunteer,
            "roles": volunteer.roles.all(),
            "email_off": [k.label for k in Message.Kind if not volunteer.wants_email(k)],
            "trainings": volunteer.training_sessions.select_related("topic"),
            "assignments": volunteer.assignments.select_related("shift__site", "role").order_by(
                "-shift__starts"
            ),
            "unavailabilities": volunteer.unavailabilities.all(),
            "access_log": history_for(volunteer)[:100],
        },
    )


@capability_required("volunteer_self_service")
def email_preferences(request: HttpRequest) -> HttpResponse:
    """Which messages the volunteer wants by e-mail (the others show on "Mine vagter" only)."""
    volunteer = own_volunteer(request)
    if volunteer is None:
        return render(request, "volunteers/email_preferences.html", {"volunteer": None})
    form = EmailPreferencesForm(request.POST or None, volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        services.set_email_preferences(
            volunteer=volunteer, email_off=form.email_off(), actor=request.user
        )
        messages.success(request, _("Saved: your e-mail settings."))
        return redirect("volunteers:email_preferences")
    return render(
        request, "volunteers/email_preferences.html", {"volunteer": volunteer, "form": form}
    )
