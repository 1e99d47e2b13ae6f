"""The scheduled export command: files in each format, clear errors, nothing half-written."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from core.models import AuditEntry
from reports.models import ReportExport
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("format", ["pdf", "xlsx", "csv"])
def test_it_writes_the_file_and_logs_the_export(tmp_path, format):
    site = SiteFactory(slug="pavillonen", name="Pavillonen")
    target = tmp_path / f"usb.{format}"
    out = io.StringIO()
    call_command(
        "export_usb_report",
        "--from=2025-01-01",
        "--to=2025-12-31",
        "--site=pavillonen",
        f"--format={format}",
        f"--output={target}",
        stdout=out,
    )
    assert target.stat().st_size > 0
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left
    export = ReportExport.objects.get()
    assert (export.format, export.via, export.actor) == (format, "command", None)
    assert export.sites == [{"slug": "pavillonen", "name": site.name}]
    entry = AuditEntry.objects.get(action="export")
    assert entry.note == "2025-01-01..2025-12-31; sites: pavillonen"
    if format == "xlsx":
        assert "Rapport" in load_workbook(target).sheetnames


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from=2025-13-01", "--to=2025-12-31"], "--from must be a date written YYYY-MM-DD"),
        (["--from=2025-01-01", "--to=31-12-2025"], "--to must be a date written YYYY-MM-DD"),
        (["--from=2025-12-31", "--to=2025-01-01"], r"ends \(2025-01-01\) before it starts"),
        (["--from=2025-01-01", "--to=2025-12-31", "--site=nowhere"], "Unknown site: nowhere"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(tmp_path, args, message):
    SiteFactory(slug="pavillonen")
    target = tmp_path / "usb.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("export_usb_report", *args, "--format=pdf", f"--output={target}")
    assert list(tmp_path.iterdir()) == []
    assert not ReportExport.objects.exists()


def test_it_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "export_usb_report",
            "--from=2025-01-01",
            "--to=2025-01-31",
            "--format=csv",
            f"--output={tmp_path / 'missing' / 'usb.csv'}",
        )


def test_it_widens_a_day_range_to_whole_months_and_refuses_a_month_not_ended(tmp_path):
    out = io.StringIO()
    target = tmp_path / "r.csv"
    call_command(
        "export_usb_report",
        "--from",
        "2025-11-02",
        "--to",
        "2025-11-02",
        "--format",
        "csv",
        "--output",
        str(target),
        stdout=out,
    )
    export = ReportExport.objects.get()
    assert (export.period_start.isoformat(), export.period_end.isoformat()) == (
        "2025-11-01",
        "2025-11-30",
    )
    assert "hele måneder" in out.getvalue()
    with pytest.raises(CommandError, match="hele måneder"):
        call_command(
            "export_usb_report",
            "--from",
            "2099-01-01",
            "--to",
            "2099-01-31",
            "--format",
            "csv",
            "--output",
            str(tmp_path / "x.csv"),
        )
    assert not (tmp_path / "x.csv").exists()
