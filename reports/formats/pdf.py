"""The report as an A4 PDF in Danish (WeasyPrint): page numbers, charts as SVG."""

import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from reports.report import Report

# WeasyPrint reports every layout step at INFO; a scheduled export should print one line.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(report: Report) -> bytes:
    html = render_to_string("reports/report_pdf.html", {"report": report})
    stylesheet = CSS(filename=finders.find("reports/report_pdf.css"))
    return HTML(string=html, base_url=None).write_pdf(stylesheets=[stylesheet])
