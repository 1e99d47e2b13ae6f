"""Every PDF the app makes is tagged (PDF/UA-1) with its title and language: the shared
helper core.pdf, and poppler's `pdfinfo` on the flyer, the plan and the USB report.

CI installs poppler-utils (.ci/run sets REQUIRE_OFFICE_TESTS=1, the document readers' tools);
elsewhere the pdfinfo test is skipped with the reason when it is missing.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.pdf import html_to_pdf
from reports.formats import render
from tests.pdfs import assert_tagged, pdfinfo
from tests.planning.factories import PlanFactory, TaskFactory, WorkstreamFactory
from tests.reports.factories import sample_report
from tests.tools import required_program


@pytest.fixture
def poppler():
    return required_program("pdfinfo", package="poppler-utils")


PAGE = '<html lang="{lang}"><head><title>{title}</title></head><body>{body}</body></html>'


def test_the_helper_tags_a_page_with_its_headings_and_table(settings):
    body = "<h1>Overskrift</h1><h2>Del</h2><table><tr><th>Dag</th><td>8-12</td></tr></table>"
    html = PAGE.format(lang="da", title="Åbningstider", body=body)
    assert_tagged(
        html_to_pdf(html, stylesheet="planning/timeline_pdf.css"),
        title="Åbningstider",
        lang="da",
        elements={"/H1": 1, "/H2": 1, "/Table": 1, "/TR": 1, "/TH": 1, "/TD": 1},
    )


@pytest.mark.parametrize(
    "html",
    [
        PAGE.format(lang="da", title="", body="<p>x</p>"),
        PAGE.format(lang="", title="Titel", body="<p>x</p>"),
        "<html><body><p>x</p></body></html>",
    ],
)
def test_a_page_without_title_or_language_is_refused(html):
    with pytest.raises(ValueError, match="title"):
        html_to_pdf(html, stylesheet="planning/timeline_pdf.css")


@pytest.mark.django_db
def test_pdfinfo_says_tagged_with_the_title_for_the_flyer_the_plan_and_the_report(
    poppler, client, staff_client
):
    call_command("load_reference_data", stdout=io.StringIO())
    plan = PlanFactory(name="Handleplan")
    TaskFactory(workstream=WorkstreamFactory(plan=plan, name="Korsør"))
    report = sample_report()
    files = {
        "Åbningstider, uge 48": client.get("/schedule/flyer.pdf?at=2026-11-23T10:00").content,
        "Handleplan": staff_client.get(reverse("planning:export_pdf"), {"plan": plan.pk}).content,
        f"USB-rapport {report.period.label()}": render(report, "pdf"),
    }
    for title, content in files.items():
        info = pdfinfo(poppler, content)
        assert info["Tagged"] == "yes", title
        assert info["Title"] == title
