"""The roster per site (week or month), with assigning and unassigning for coordinators."""

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import capability_required, has_capability
from volunteers import roster, services
from volunteers.forms import AssignForm
from volunteers.models import Shift, ShiftAssignment, Volunteer, VolunteerRole


def _day(value: str | None) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@capability_required("view_operations")
def roster_page(request: HttpRequest) -> HttpResponse:
    """The roster of one site or of every site (no `site`, or `site=all`), week or month.

    `role` keeps the shifts that need that role. Runs the same number of queries whatever the
    number of sites and shifts (tests/perf/test_queries_roster.py).
    """
    view = "month" if request.GET.get("view") == "month" else "week"
    day = _day(request.GET.get("date"))
    start, end = roster.period_for(view, day)
    site_id = request.GET.get("site", "")
    sites = roster.roster_sites(start, end, chosen=int(site_id) if site_id.isdigit() else None)
    roles = list(VolunteerRole.objects.all())
    site = None
    if site_id.isdigit():
        site = next((s for s in sites if s.pk == int(site_id)), None)
    role = None
    role_id = request.GET.get("role", "")
    if role_id.isdigit():
        role = next((r for r in roles if r.pk == int(role_id)), None)
    site_ids = [site.pk] if site else [s.pk for s in sites]
    days = (
        roster.roster_days(
            site_ids=site_ids, start=start, end=end, role_id=role.pk if role else None
        )
        if sites
        else []
    )
    can_manage = has_capability(request.user, "manage_volunteers")
    step = datetime.timedelta(days=7) if view == "week" else datetime.timedelta(days=31)
    previous_day = start - datetime.timedelta(days=1) if view == "month" else start - step
    shown = [item for d in days for item in d.shifts]
    return render(
        request,
        "volunteers/roster.html",
        {
            "sites": sites,
            "site": site,
            "all_sites": site is None,
            "roles": roles,
            "role": role,
            "filters": urlencode(
                {"site": site.pk if site else "all", "role": role.pk if role else ""}
            ),
            "view": view,
            "start": start,
            "end": end,
            "days": days,
            "shift_count": sum(1 for item in shown if not item.shift.is_cancelled),
            "gap_count": sum(1 for item in shown if item.has_gaps),
            "hours": roster.hours_per_volunteer(days),
            "can_manage": can_manage and view == "week",
            "previous_day": previous_day,
            "next_day": end + datetime.timedelta(days=1),
            "today": timezone.localdate(),
            "now": timezone.now(),
            "here": request.get_full_path(),
            "assignable": _assignable() if can_manage and view == "week" else [],
            "notices": [],
            "errors": [],
        },
    )


def _assignable() -> list[Volunteer]:
    return list(
        Volunteer.objects.not_anonymised()
        .exclude(status__in=[Volunteer.Status.LEFT, Volunteer.Status.INTERESTED])
        .only("first_name", "last_name", "anonymised_at")
    )


def _back(request: HttpRequest, shift: Shift) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        day = timezone.localdate(shift.starts).isoformat()
        target = f"{reverse('volunteers:roster')}?site={shift.site_id}&date={day}"
    return redirect(target)


def _card(request: HttpRequest, shift: Shift, notices: list[str], errors: list[str]):
    shift = Shift.objects.with_roster().get(pk=shift.pk)
    return render(
        request,
        "volunteers/roster.html#shift-card",
        {
            "item": roster.roster_shift(shift),
            "all_sites": True,
            "now": timezone.now(),
            "can_manage": True,
            "assignable": _assignable(),
            "notices": notices,
            "errors": errors,
            "here": request.POST.get("next", ""),
        },
    )


@require_POST
@capability_required("manage_volunteers")
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(Shift.objects.with_roster(), pk=pk)
    form = AssignForm(request.POST, shift=shift)
    notices: list[str] = []
    errors: list[str] = []
    if form.is_valid():
        try:
            result = services.assign(
                shift=shift,
                volunteer=form.cleaned_data["volunteer"],
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        except services.ShiftError as error:
            errors.append(str(error))
        else:
            notices.append(_("%(name)s is on the shift.") % {"name": result.assignment.volunteer})
            notices.extend(_("Warning: %(text)s") % {"text": w} for w in result.warnings)
    else:
        errors.extend(e for field_errors in form.errors.values() for e in field_errors)
    if request.htmx:
        return _card(request, shift, notices, errors)
    for text in errors:
        messages.error(request, text)
    for text in notices:
        level = messages.WARNING if text.startswith(_("Warning")) else messages.SUCCESS
        messages.add_message(request, level, text)
    return _back(request, shift)


@require_POST
@capability_required("manage_volunteers")
def unassign(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(ShiftAssignment.objects.select_related("shift"), pk=pk)
    shift = assignment.shift
    placed = services.unassign(assignment=assignment, actor=request.user)
    texts = [_("Removed from the shift.")]
    if placed is not None:
        texts.append(
            _("%(name)s, first on the waiting list, has the place and gets a message.")
            % {"name": placed.volunteer}
        )
    if request.htmx:
        return _card(request, shift, texts, [])
    for text in texts:
        messages.success(request, text)
    return _back(request, shift)
