"""The USB report page, its downloads and the export log (managers and superusers)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from core.permissions import capability_required
from reports.builder import build_document_report, build_report
from reports.formats import CONTENT_TYPES
from reports.forms import ReportForm, preset
from reports.models import ReportExport
from reports.periods import Period
from reports.report import Report
from reports.services import export_report


def _build(form: ReportForm) -> Report:
    """The report a valid form asks for: a status document, or the statistics alone."""
    if form.cleaned_data.get("document") is not None:
        return build_document_report(form.cleaned_data["document"])
    return build_report(
        period=form.cleaned_data["report_period"], sites=form.cleaned_data["sites"] or None
    )


def _form(request: HttpRequest) -> ReportForm:
    today = timezone.localdate()
    if request.GET:
        return ReportForm(request.GET, today=today)
    last = Period.last_month(today)
    return ReportForm({"period": preset("month", last.start.year, last.start.month)}, today=today)


@require_GET
@capability_required("export_reports")
def usb(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    report = _build(form) if form.is_valid() else None
    return render(
        request,
        "reports/usb.html",
        {
            "form": form,
            "report": report,
            "query": request.GET.urlencode() if request.GET else urlencode(form.data),
            "formats": ReportExport.Format.choices,
        },
        status=200 if report else 400,
    )


@require_GET
@capability_required("export_reports")
def usb_download(request: HttpRequest, format: str) -> HttpResponse:
    if format not in ReportExport.Format.values:
        raise Http404
    form = ReportForm(request.GET, today=timezone.localdate())
    if not form.is_valid():
        return render(
            request,
            "reports/usb.html",
            {"form": form, "report": None, "query": "", "formats": ReportExport.Format.choices},
            status=400,
        )
    report = _build(form)
    content, _export = export_report(
        actor=request.user, report=report, format=format, via=ReportExport.Via.WEB
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{report.file_name(format)}"'
    return response


@require_GET
@capability_required("export_reports")
def exports(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/exports.html", {"exports": ReportExport.objects.recent(100)})
