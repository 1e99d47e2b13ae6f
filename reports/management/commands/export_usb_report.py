"""Export the USB report for a period to a file, for scheduled exports (cron)."""

import datetime
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from core.disclosure import NotPublished
from planning.models import ReportingPeriod
from reports.builder import build_document_report, build_report
from reports.formats import render
from reports.models import ReportExport
from reports.periods import Period, publishable
from reports.services import record_export
from sites.models import Site


def _date(value: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} must be a date written YYYY-MM-DD, not {value!r}.") from None


def _reporting_period(value: str) -> ReportingPeriod:
    found = ReportingPeriod.objects.filter(title=value).first()
    if found is None and value.isdigit():
        found = ReportingPeriod.objects.filter(pk=int(value)).first()
    if found is None:
        raise CommandError(f"No reporting period is called {value!r}.")
    return found


class Command(BaseCommand):
    help = "Export the period report for USB as PDF, XLSX or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", help="Last day, YYYY-MM-DD.")
        parser.add_argument(
            "--document",
            metavar="TITLE",
            help=(
                "The status document of the reporting period with this title (or id), with the "
                "statistics as its appendix; its dates and sites are the period's."
            ),
        )
        parser.add_argument(
            "--site",
            dest="sites",
            action="append",
            default=[],
            metavar="SLUG",
            help="A site's short name; repeat for several. Default: every site in use.",
        )
        parser.add_argument(
            "--format", required=True, choices=ReportExport.Format.values, help="File format."
        )
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, start, end, sites, format, output, document, **options):
        reporting_period = _reporting_period(document) if document else None
        if reporting_period is not None:
            if start or end or sites:
                raise CommandError("--document takes its dates and sites from the period.")
            asked = Period(reporting_period.starts, reporting_period.ends)
        else:
            if not start or not end:
                raise CommandError("Give --from and --to, or --document.")
            start_day, end_day = _date(start, "--from"), _date(end, "--to")
            if end_day < start_day:
                raise CommandError(f"The period ends ({end_day}) before it starts ({start_day}).")
            asked = Period(start_day, end_day)
        try:
            period = publishable(asked)
        except NotPublished as refusal:
            raise CommandError(refusal.message) from None
        if period.note:
            self.stdout.write(period.note)
        chosen = None
        if sites:
            found = {s.slug: s for s in Site.objects.filter(slug__in=sites)}
            unknown = [slug for slug in sites if slug not in found]
            if unknown:
                raise CommandError(f"Unknown site: {', '.join(unknown)}.")
            chosen = [found[slug] for slug in dict.fromkeys(sites)]
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")

        with translation.override(settings.LANGUAGE_CODE):
            if reporting_period is not None:
                report = build_document_report(reporting_period)
            else:
                report = build_report(period=period, sites=chosen)
            content = render(report, format)
        # Write beside the target and rename: a failed export never leaves half a file.
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".usb-", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            with transaction.atomic():
                record_export(
                    actor=None, report=report, format=format, via=ReportExport.Via.COMMAND
                )
                os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(self.style.SUCCESS(f"Wrote {target} ({len(content)} bytes)."))
