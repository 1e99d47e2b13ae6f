"""The report as an A4 PDF in Danish (WeasyPrint): page numbers, charts as SVG, tagged."""

from django.template.loader import render_to_string

from core.pdf import html_to_pdf
from reports.report import Report


def render_pdf(report: Report) -> bytes:
    html = render_to_string("reports/report_pdf.html", {"report": report})
    return html_to_pdf(html, stylesheet="reports/report_pdf.css")
