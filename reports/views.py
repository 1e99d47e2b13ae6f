"""The USB report page, its downloads and the export log (managers and superusers), and the
live figures beside the status texts (those who draft the document)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.disclosure import NotPublished
from core.permissions import capability_required
from planning.models import ReportingPeriod, SubGoal, SubGoalStatus
from reports.builder import build_document_report, build_report
from reports.formats import CONTENT_TYPES
from reports.forms import NewVersionForm, ReportForm, StatusFigureForm, preset
from reports.indicators import compute
from reports.models import DocumentFile, DocumentVersion, ReportExport
from reports.periods import Period
from reports.report import Figure, Report
from reports.services import (
    add_status_figure,
    export_report,
    issue_new_version,
    remove_status_figure,
)


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
            {"form": form, "report": None, "formats": ReportExport.Format.choices},
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


@capability_required("draft_usb_status")
def status_figures(request: HttpRequest, sub_goal_pk: int, period_pk: int) -> HttpResponse:
    """The live figures shown beside one sub-goal's status in one period's document: add one
    from the list, remove one, and see their values for the period as the document prints them."""
    sub_goal = get_object_or_404(SubGoal.objects.select_related("target"), pk=sub_goal_pk)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    status = SubGoalStatus.objects.filter(sub_goal=sub_goal, period=period).first()
    chosen = list(status.figures.select_related("category")) if status else []
    here = reverse("reports:status_figures", args=[sub_goal.pk, period.pk])
    taken = [(f.indicator, f.category_id) for f in chosen]
    form = StatusFigureForm(taken=taken)
    if request.method == "POST":
        remove = request.POST.get("remove", "")
        if remove:
            figure = next((f for f in chosen if str(f.pk) == remove), None)
            if figure is not None:
                remove_status_figure(figure=figure, actor=request.user)
                messages.success(request, _("The figure is removed."))
            return HttpResponseRedirect(here)
        form = StatusFigureForm(request.POST, taken=taken)
        if form.is_valid():
            indicator, category = form.cleaned_data["figure"]
            add_status_figure(
                sub_goal=sub_goal,
                period=period,
                indicator=indicator,
                category=category,
                actor=request.user,
            )
            messages.success(request, _("The figure is added."))
            return HttpResponseRedirect(here)
    values: list[Figure | None] = [None] * len(chosen)
    not_published = ""
    if chosen:
        try:
            report = build_document_report(period)
        except NotPublished as refusal:
            not_published = refusal.message
        else:
            sections = {s.key: s.figures for s in report.sections}
            values = [compute(f, sections) for f in chosen]
    return render(
        request,
        "reports/status_figures.html",
        {
            "title": _("Figures beside the status: %(goal)s") % {"goal": sub_goal},
            "sub_goal": sub_goal,
            "period": period,
            "rows": list(zip(chosen, values, strict=True)),
            "not_published": not_published,
            "form": form,
            "back": reverse("planning:targets") + f"?period={period.pk}#goal-{sub_goal.pk}",
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_http_methods(["GET", "POST"])
@capability_required("export_reports")
def document_versions(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The versions of a period's document sent to USB, each with its frozen files and their
    checksums; a manager issues a corrected version here, with a note of what changed."""
    period = get_object_or_404(ReportingPeriod.objects.select_related("sent_by"), pk=period_pk)
    form = NewVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = issue_new_version(
                period=period, note=form.cleaned_data["note"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Version %(number)s is issued.") % {"number": version.number}
            )
            return HttpResponseRedirect(reverse("reports:document_versions", args=[period.pk]))
    return render(
        request,
        "reports/document_versions.html",
        {
            "title": _("Versions sent to USB: %(period)s") % {"period": period},
            "period": period,
            "versions": list(DocumentVersion.objects.for_period(period.pk)),
            "form": form,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
@capability_required("export_reports")
def frozen_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A frozen file exactly as it was sent, whatever changed since."""
    frozen = get_object_or_404(DocumentFile.objects.select_related("version"), pk=pk)
    response = HttpResponse(bytes(frozen.content), content_type=CONTENT_TYPES[frozen.format])
    response["Content-Disposition"] = f'attachment; filename="{frozen.file_name}"'
    response["ETag"] = f'"{frozen.sha256}"'
    return response
