"""The report's file formats: each renders a `Report` to bytes."""

from core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from reports.report import Report

CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": XLSX_CONTENT_TYPE, "csv": CSV_CONTENT_TYPE}


def render(report: Report, format: str) -> bytes:
    if format == "pdf":
        from reports.formats.pdf import render_pdf

        return render_pdf(report)
    if format == "xlsx":
        from reports.formats.xlsx import render_xlsx

        return render_xlsx(report)
    if format == "csv":
        from reports.formats.csvfile import render_csv

        return render_csv(report)
    raise ValueError(f"Unknown report format: {format!r}")
