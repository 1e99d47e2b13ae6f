"""Writing an export: the file in the chosen format, the export log and the audit entry."""

from django.db import transaction

from core import audit
from core.audit import Actor, user_or_none
from planning.models import ReportingPeriod, SubGoal, SubGoalStatus
from reports.formats import render
from reports.models import ReportExport, StatusFigure
from reports.report import Report
from visits.models import TallyCategory


def export_note(report: Report) -> str:
    sites = ", ".join(s.slug for s in report.sites) or "-"
    return f"{report.period.start.isoformat()}..{report.period.end.isoformat()}; sites: {sites}"


@transaction.atomic
def record_export(*, actor: Actor, report: Report, format: str, via: str) -> ReportExport:
    """Log that `actor` exported `report` as `format` (in the export log and the audit)."""
    export = ReportExport.objects.create(
        actor=user_or_none(actor),
        period_start=report.period.start,
        period_end=report.period.end,
        sites=[{"slug": s.slug, "name": s.name} for s in report.sites],
        format=format,
        via=via,
    )
    audit.record(actor=actor, instance=export, action="export", note=export_note(report))
    return export


def export_report(
    *, actor: Actor, report: Report, format: str, via: str
) -> tuple[bytes, ReportExport]:
    """The file's bytes, logged. Rendering first: a failed render is not logged as an export."""
    content = render(report, format)
    export = record_export(actor=actor, report=report, format=format, via=via)
    return content, export


def _figure_names(status: SubGoalStatus) -> list[str]:
    return [str(f) for f in status.figures.select_related("category").order_by("id")]


@transaction.atomic
def add_status_figure(
    *,
    sub_goal: SubGoal,
    period: ReportingPeriod,
    indicator: str,
    category: TallyCategory | None,
    actor: Actor,
) -> StatusFigure:
    """Show a live figure beside the sub-goal's status for the period (the status is made
    empty if there is none yet). Audited on the status, as its list of figures."""
    status, _created = SubGoalStatus.objects.select_for_update().get_or_create(
        sub_goal=sub_goal, period=period
    )
    before = _figure_names(status)
    figure, _new = StatusFigure.objects.get_or_create(
        status=status, indicator=indicator, category=category
    )
    after = _figure_names(status)
    if after != before:
        audit.record(
            actor=actor, instance=status, action="update", changes={"figures": [before, after]}
        )
    return figure


@transaction.atomic
def remove_status_figure(*, figure: StatusFigure, actor: Actor) -> None:
    status = SubGoalStatus.objects.select_for_update().get(pk=figure.status_id)
    before = _figure_names(status)
    StatusFigure.objects.filter(pk=figure.pk).delete()
    audit.record(
        actor=actor,
        instance=status,
        action="update",
        changes={"figures": [before, _figure_names(status)]},
    )
