"""A volunteer's own pages: "Mine vagter", sign-up, cancelling, unavailability, hours outside
shifts, "my data"."""

import datetime
import uuid

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
from volunteers.forms import (
    EmailPreferencesForm,
    ExtraHoursForm,
    SignUpForm,
    UnavailabilityForm,
)
from volunteers.models import (
    Message,
    Shift,
    ShiftAssignment,
    SignUpRequest,
    Volunteer,
    VolunteerRole,
    WaitingListEntry,
)
from volunteers.selectors import shifts_for
from volunteers.shift_mail import when


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


# "Mine vagter" shows the weeks that start within this many days; later ones on demand.
SOON_DAYS = 14


def by_week(items: list[dict], *, today: datetime.date) -> list[dict]:
    """Upcoming places grouped by ISO week, in order; `soon` marks this week and those that start
    within SOON_DAYS (and always the first week that has a shift, however far off)."""
    weeks: list[dict] = []
    for item in items:
        day = timezone.localdate(item["assignment"].shift.starts)
        monday = day - datetime.timedelta(days=day.weekday())
        if not weeks or weeks[-1]["monday"] != monday:
            weeks.append(
                {
                    "monday": monday,
                    "sunday": monday + datetime.timedelta(days=6),
                    "number": monday.isocalendar().week,
                    "soon": (monday - today).days < SOON_DAYS or not weeks,
                    "items": [],
                }
            )
        weeks[-1]["items"].append(item)
    return weeks


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
            "when": when(a.shift),
            "others": _first_names(a),
            "can_cancel": not a.shift.is_cancelled and services.can_cancel_themselves(a.shift, now),
        }
        for a in mine.filter(shift__ends__gt=now)
    ]
    weeks = by_week(upcoming, today=timezone.localdate(now))
    past = list(mine.filter(shift__ends__lte=now).order_by("-shift__starts")[:20])
    candidates = shifts_for(volunteer)
    waiting = list(
        volunteer.waiting.filter(state=WaitingListEntry.State.WAITING, shift__ends__gt=now)
        .select_related("shift__site", "role")
        .order_by("shift__starts")
    )
    waiting_shifts = {w.shift_id for w in waiting}
    instant = VolunteerRole.SignUp.INSTANT
    feed_url = public_url("volunteers:feed", request=request, token=volunteer.feed_token)
    return render(
        request,
        "volunteers/my_shifts.html",
        {
            "volunteer": volunteer,
            "upcoming": upcoming,
            "first_weeks": [w for w in weeks if w["soon"]],
            "later_weeks": [w for w in weeks if not w["soon"]],
            "later_count": sum(len(w["items"]) for w in weeks if not w["soon"]),
            "past": past,
            "open_shifts": [(shift, free) for shift, free, _full in candidates if free],
            "full_shifts": [
                (shift, [r for r in full if r.signup == instant])
                for shift, free, full in candidates
                if not free
                and shift.pk not in waiting_shifts
                and any(r.signup == instant for r in full)
            ],
            "waiting": waiting,
            "requests": volunteer.requests.filter(
                state=SignUpRequest.State.PENDING, shift__ends__gt=now
            )
            .select_related("shift__site", "role")
            .order_by("shift__starts"),
            "unavailabilities": volunteer.unavailabilities.filter(
                ends_on__gte=timezone.localdate()
            ),
            "unavailability_form": UnavailabilityForm(),
            "hours_form": ExtraHoursForm(
                initial={"key": uuid.uuid4(), "worked_on": timezone.localdate(now)}
            ),
            "extra_hours": volunteer.extra_hours.select_related("site")[:10],
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
    role = form.cleaned_data["role"]
    try:
        if role.signup == VolunteerRole.SignUp.CONFIRM:
            services.request_place(shift=shift, volunteer=volunteer, role=role, actor=request.user)
        else:
            services.assign(
                shift=shift, volunteer=volunteer, role=role, actor=request.user, self_service=True
            )
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        text = (
            _(
                "You have asked for the shift %(shift)s. A coordinator confirms it; "
                "you get a message."
            )
            if role.signup == VolunteerRole.SignUp.CONFIRM
            else _("You are signed up for the shift %(shift)s.")
        )
        messages.success(request, text % {"shift": when(shift)})
    return redirect("volunteers:my_shifts")


@require_POST
@capability_required("volunteer_self_service")
def withdraw_request(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _own_or_404(request)
    found = get_object_or_404(volunteer.requests.select_related("shift__site", "role"), pk=pk)
    try:
        services.withdraw_request(request=found, actor=request.user)
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your request for %(shift)s is withdrawn.") % {"shift": when(found.shift)}
        )
    return redirect("volunteers:my_shifts")


@require_POST
@capability_required("volunteer_self_service")
def join_waiting_list(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _own_or_404(request)
    shift = get_object_or_404(Shift.objects.select_related("site"), pk=pk)
    form = SignUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("volunteers:my_shifts")
    try:
        services.join_waiting_list(
            shift=shift, volunteer=volunteer, role=form.cleaned_data["role"], actor=request.user
        )
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "You are on the waiting list for %(shift)s. If a place comes free, it is yours "
                "and you get a message."
            )
            % {"shift": when(shift)},
        )
    return redirect("volunteers:my_shifts")


@require_POST
@capability_required("volunteer_self_service")
def leave_waiting_list(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _own_or_404(request)
    entry = get_object_or_404(volunteer.waiting.select_related("shift__site", "role"), pk=pk)
    services.leave_waiting_list(entry=entry, actor=request.user)
    messages.success(
        request, _("You are off the waiting list for %(shift)s.") % {"shift": when(entry.shift)}
    )
    return redirect("volunteers:my_shifts")


@require_POST
@capability_required("volunteer_self_service")
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _own_or_404(request)
    assignment = get_object_or_404(
        ShiftAssignment.objects.select_related("shift__site"), pk=pk, volunteer=volunteer
    )
    try:
        services.unassign(assignment=assignment, actor=request.user, self_service=True)
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You have cancelled your shift %(shift)s. The coordinator can see it.")
            % {"shift": when(assignment.shift)},
        )
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


@require_POST
@capability_required("volunteer_self_service")
def record_hours(request: HttpRequest) -> HttpResponse:
    """Hours outside shifts, waiting for a coordinator's approval."""
    volunteer = _own_or_404(request)
    form = ExtraHoursForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.record_extra_hours(
            volunteer=volunteer,
            worked_on=data["worked_on"],
            kind=data["kind"],
            hours=data["hours"],
            site=data["site"],
            description=data["description"],
            client_key=data["key"],
            actor=request.user,
        )
        messages.success(request, _("Saved: a coordinator approves the hours."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect(reverse("volunteers:my_shifts") + "#hours")


@require_POST
@capability_required("volunteer_self_service")
def withdraw_hours(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _own_or_404(request)
    entry = get_object_or_404(volunteer.extra_hours, pk=pk)
    try:
        services.withdraw_extra_hours(entry=entry, actor=request.user)
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The hours are withdrawn."))
    return redirect(reverse("volunteers:my_shifts") + "#hours")
