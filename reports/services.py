"""Writing an export: the file in the chosen format, the export log and the audit entry."""

from django.db import transaction

from core import audit
from core.audit import Actor, user_or_none
from reports.formats import render
from reports.models import ReportExport
from reports.report import Report


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
