"""The report's file formats: each renders a `Report` to bytes."""

from reports.report import Report

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


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
