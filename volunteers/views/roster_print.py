"""The roster for the notice board: a print view and an A4 PDF of a week or a month.

Volunteers appear by first name only; a coordinator may choose full names (`names=full`).
The same filters as the roster page (site or all, role, week or month, a date), in a constant
number of queries (roster.roster_days).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.pdf import html_to_pdf
from core.permissions import capability_required, has_capability
from volunteers import roster
from volunteers.models import VolunteerRole
from volunteers.views.roster import _day


def _name(volunteer, *, full: bool) -> str:
    if volunteer.is_anonymised or not volunteer.first_name:
        return _("a volunteer")
    return str(volunteer) if full else volunteer.first_name


def _lines(item: roster.RosterShift, *, full: bool) -> list[tuple[str, list[str]]]:
    """(role, names) per role the shift needs (its gaps are in item.gaps)."""
    return [
        (
            need.role.name,
            [_name(a.volunteer, full=full) for a in item.assignments if a.role_id == need.role_id],
        )
        for need in item.shift.needs.all()
    ]


def _context(request: HttpRequest) -> dict:
    view = "month" if request.GET.get("view") == "month" else "week"
    start, end = roster.period_for(view, _day(request.GET.get("date")))
    site_id = request.GET.get("site", "")
    sites = roster.roster_sites(start, end, chosen=int(site_id) if site_id.isdigit() else None)
    site = next((s for s in sites if site_id.isdigit() and s.pk == int(site_id)), None)
    role_id = request.GET.get("role", "")
    role = VolunteerRole.objects.filter(pk=role_id).first() if role_id.isdigit() else None
    can_choose = has_capability(request.user, "manage_volunteers")
    full = can_choose and request.GET.get("names") == "full"
    site_ids = [site.pk] if site else [s.pk for s in sites]
    days = roster.roster_days(
        site_ids=site_ids, start=start, end=end, role_id=role.pk if role else None
    )
    printed = [
        {
            "date": day.date,
            "shifts": [{"item": item, "lines": _lines(item, full=full)} for item in day.shifts],
        }
        for day in days
        if day.shifts
    ]
    query = {
        "view": view,
        "date": start.isoformat(),
        "site": site.pk if site else "all",
        "role": role.pk if role else "",
    }
    return {
        "view": view,
        "start": start,
        "end": end,
        "week": start.isocalendar().week,
        "site": site,
        "sites": sites,
        "role": role,
        "days": printed,
        "full_names": full,
        "can_choose_names": can_choose,
        "query": urlencode(query),
        "names_query": urlencode({**query, "names": "full"}) if full else urlencode(query),
        "made": timezone.localdate(),
    }


@require_GET
@capability_required("view_operations")
def roster_print(request: HttpRequest) -> HttpResponse:
    """The roster as a printable page (print CSS gives A4 sheets)."""
    return render(request, "volunteers/roster_print.html", _context(request))


@require_GET
@capability_required("view_operations")
def roster_pdf(request: HttpRequest) -> HttpResponse:
    """The same roster as a tagged A4 PDF."""
    context = _context(request)
    html = render_to_string("volunteers/roster_pdf.html", context, request=request)
    pdf = html_to_pdf(html, stylesheet="volunteers/roster_print.css")
    response = HttpResponse(pdf, content_type="application/pdf")
    start = context["start"]
    period = f"uge-{context['week']:02d}" if context["view"] == "week" else f"{start:%m}"
    response["Content-Disposition"] = f'inline; filename="vagtplan-{start:%Y}-{period}.pdf"'
    return response
