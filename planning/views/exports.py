"""Downloads of the timeline: XLSX and PDF, with the page's filters."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_noop

from core import audit
from core.permissions import capability_required
from core.spreadsheets import XLSX_CONTENT_TYPE
from planning import exports
from planning.views.timeline import chosen_plan, filtered_timeline


def _download(request, *, fmt: str) -> HttpResponse:
    plan = chosen_plan(request)
    if plan is None:
        return HttpResponse(status=404)
    _form, timeline = filtered_timeline(request, plan)
    if fmt == "pdf":
        content = exports.timeline_pdf(timeline, base_url=request.build_absolute_uri("/"))
        content_type = "application/pdf"
    else:
        content = exports.timeline_xlsx(timeline)
        content_type = XLSX_CONTENT_TYPE
    note = gettext_noop("Timeline as PDF") if fmt == "pdf" else gettext_noop("Timeline as XLSX")
    audit.record(actor=request.user, instance=plan, action="export", note=note)
    name = f"handleplan-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@capability_required("view_operations")
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(request, fmt="xlsx")


@capability_required("view_operations")
def export_pdf(request: HttpRequest) -> HttpResponse:
    return _download(request, fmt="pdf")
