"""Writing an export: the file in the chosen format, the export log and the audit entry;
freezing the status document when its period is sent to USB."""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import audit
from core.audit import Actor, user_or_none
from core.disclosure import NotPublished
from planning import services as planning_services
from planning.models import ReportingPeriod, SubGoal, SubGoalStatus
from reports.builder import build_document_report
from reports.formats import render
from reports.models import DocumentFile, DocumentVersion, ReportExport, StatusFigure
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


def _freeze(
    *, period: ReportingPeriod, actor: Actor, note: str, at: datetime.datetime | None = None
) -> DocumentVersion:
    """Render the period's document now, in the site's language, in every format, and store
    the bytes as the next version. A period whose document cannot be published (no whole
    month has ended) is refused with the reason, and nothing is stored."""
    locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            report = build_document_report(locked)
        except NotPublished as refusal:
            raise ValidationError(refusal.message, code="not_published") from None
        files = [
            (format, report.file_name(format), render(report, format))
            for format in ReportExport.Format.values
        ]
    latest = DocumentVersion.objects.filter(period=locked).aggregate(n=Max("number"))["n"]
    version = DocumentVersion.objects.create(
        period=locked,
        number=(latest or 0) + 1,
        issued_at=at or timezone.now(),
        issued_by=user_or_none(actor),
        note=note,
    )
    DocumentFile.objects.bulk_create(
        DocumentFile(
            version=version,
            format=format,
            file_name=_versioned(name, version.number),
            content=content,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        for format, name, content in files
    )
    checksums = "; ".join(
        f"{format} sha256 {hashlib.sha256(content).hexdigest()}" for format, _name, content in files
    )
    audit.record(
        actor=actor,
        instance=version,
        action="create",
        note=f"{checksums}; {note}" if note else checksums,
    )
    return version


def _versioned(file_name: str, number: int) -> str:
    stem, dot, extension = file_name.rpartition(".")
    return f"{stem}-v{number}{dot}{extension}"


@transaction.atomic
def send_period(
    *, period: ReportingPeriod, meeting_date: datetime.date, actor: Actor
) -> ReportingPeriod:
    """Mark the period sent to USB and freeze its document as version 1, in one transaction:
    a period is never sent without the files the committee received."""
    sent = planning_services.mark_period_sent(period=period, meeting_date=meeting_date, actor=actor)
    _freeze(period=sent, actor=actor, note="", at=sent.sent_at)
    return sent


@transaction.atomic
def issue_new_version(*, period: ReportingPeriod, note: str, actor: Actor) -> DocumentVersion:
    """A corrected document for a period already sent, with a note of what changed. The
    earlier versions stay as they were."""
    if ReportingPeriod.objects.get(pk=period.pk).is_draft:
        raise ValidationError(
            _("Mark the period sent to USB before issuing a new version."), code="draft"
        )
    if not note.strip():
        raise ValidationError(_("Say what changed in the new version."), code="note")
    return _freeze(period=period, actor=actor, note=note.strip())
