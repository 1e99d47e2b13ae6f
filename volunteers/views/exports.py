"""Exporting volunteer hours per period and site (coordinators and managers)."""

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core import audit
from core.permissions import capability_required
from core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from volunteers import exports, selectors
from volunteers.forms import ExportForm
from volunteers.models import Volunteer


def _default_period() -> dict:
    today = timezone.localdate()
    first = today.replace(day=1)
    last_month_end = first - datetime.timedelta(days=1)
    return {"start": last_month_end.replace(day=1), "end": last_month_end}


def _log_export(request: HttpRequest, rows, note: str) -> None:
    """Every volunteer in an export gets an audit entry: who exported their hours, when."""
    for volunteer in Volunteer.objects.filter(pk__in={r.volunteer_id for r in rows}):
        audit.record(actor=request.user, instance=volunteer, action="export", note=note)


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    form = ExportForm(request.GET or None, initial=_default_period())
    if not form.is_valid():
        return render(
            request,
            "volunteers/export.html",
            {"form": form},
            status=200 if not request.GET else 400,
        )
    start, end, site = (
        form.cleaned_data["start"],
        form.cleaned_data["end"],
        form.cleaned_data["site"],
    )
    site_ids = [site.pk] if site else None
    rows = selectors.hours_by_volunteer(start, end, site_ids=site_ids)
    name = f"frivillig-timer-{start:%Y%m%d}-{end:%Y%m%d}"
    with translation.override(settings.LANGUAGE_CODE):  # notes made of data are kept so
        note = _("Hours %(start)s to %(end)s, %(site)s (%(format)s)") % {
            "start": formats.date_format(start, "j. F Y"),
            "end": formats.date_format(end, "j. F Y"),
            "site": site.name if site else _("all sites"),
            "format": kind.upper(),
        }
    _log_export(request, rows, note)
    if kind == "csv":
        response = HttpResponse(exports.hours_csv(rows), content_type=CSV_CONTENT_TYPE)
    else:
        extra = list(
            selectors.approved_extra_hours(start, end, site_ids)
            .select_related("volunteer", "site")
            .order_by("worked_on", "pk")
        )
        months = [
            m
            for m in selectors.hours_by_site_and_month(start, end)
            if site_ids is None or m.site_id in site_ids
        ]
        response = HttpResponse(
            exports.hours_xlsx(rows, months, extra, start=start, end=end),
            content_type=XLSX_CONTENT_TYPE,
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@capability_required("view_volunteers")
def export_page(request: HttpRequest) -> HttpResponse:
    return render(
        request, "volunteers/export.html", {"form": ExportForm(initial=_default_period())}
    )


@capability_required("view_volunteers")
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@capability_required("view_volunteers")
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")
