"""Issue 19 item 11: the USB PDF's charts keep their last axis label whole, and a long table's
"I alt" is printed once, as its last row, not repeated at the foot of every page."""

import datetime
import io
import shutil
import subprocess

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from reports.builder import build_report
from reports.formats import render
from reports.periods import Period
from tests.dom import parse
from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits.charts import FONT_SIZE, line_chart
from visits.models import CategoryGroup

pytestmark = pytest.mark.django_db


def _font_width(text: str) -> float:
    """The text's width in px in the font the PDF draws sans-serif with (fontconfig's)."""
    fc_match = shutil.which("fc-match")
    assert fc_match, "fontconfig's fc-match finds the font WeasyPrint uses"
    path = subprocess.check_output([fc_match, "-f", "%{file}", "sans-serif"], text=True)  # noqa: S603
    font = TTFont(path)
    cmap, metrics, units = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    return sum(metrics[cmap[ord(c)]][0] for c in text) / units * FONT_SIZE


def _labels_fit(svg: str) -> list[tuple[str, float, float]]:
    """Each text's (text, right edge, chart width) for texts centred on a point."""
    root = parse(svg)
    width = float(root.one("svg")["viewbox"].split()[2])
    found = []
    for text in root.select("text[text-anchor=middle]"):
        right = float(text["x"]) + _font_width(text.text) / 2
        found.append((text.text, right, width))
    return found


@pytest.mark.parametrize(
    "labels",
    [
        [f"{m}/2026" for m in range(1, 13)],
        [f"{m}/2025" for m in range(1, 13)] + [f"{m}/2026" for m in range(1, 13)],
        [f"W{w}" for w in range(1, 53)],
        ["1/12", "31/12"],
    ],
)
def test_no_axis_label_is_cut_at_the_charts_edge(labels):
    svg = line_chart(title="t", desc="d", labels=labels, series=[])
    placed = _labels_fit(svg)
    assert placed[-1][0] == labels[-1]
    for label, right, width in placed:
        assert right <= width, f"{label!r} ends at {right:.1f} px in a {width:.0f} px chart"


def test_the_year_reports_month_chart_shows_december_whole():
    site = SiteFactory(name="Varmestuen i Korsør")
    visits = TallyCategoryFactory(code="visits", group=CategoryGroup.VISITORS, order=1)
    for month in range(1, 13):
        for year in (2024, 2025):
            DailyCountFactory(
                site=site, date=datetime.date(year, month, 3), category=visits, count=20 + month
            )
    report = build_report(period=Period.year(2025), sites=[site])
    chart = next(c for s in report.sections for c in s.charts if "12/2025" in c.svg)
    label, right, width = _labels_fit(chart.svg)[-1]
    assert label == "12/2025" and right <= width


def test_a_long_tables_total_is_printed_once_as_its_last_row():
    visits = TallyCategoryFactory(
        code="visits", name_da="Besøg i alt", group=CategoryGroup.VISITORS, order=1
    )
    sites = [SiteFactory(name=f"Sted {n:02d}", town="Korsør") for n in range(70)]
    for site in sites:
        DailyCountFactory(site=site, date=datetime.date(2025, 3, 4), category=visits, count=12)
    report = build_report(period=Period.month(2025, 3), sites=sites)
    totals = sum(1 for s in report.sections for t in s.printed_tables() if t.total)
    reader = PdfReader(io.BytesIO(render(report, "pdf")))
    pages = [page.extract_text() for page in reader.pages]
    per_site = [n for n, text in enumerate(pages) if "Sted 00" in text or "Sted 69" in text]
    assert per_site[-1] > per_site[0], "the per-site table should run over pages"
    assert sum(text.count("I alt") for text in pages) == totals
    # The total of visits per site follows the last site, on the table's last page.
    last = pages[per_site[-1]]
    assert last.index("Sted 69") < last.index("I alt")


@pytest.mark.parametrize(("sites", "printed"), [(10, True), (11, False)])
def test_a_year_prints_site_by_month_tables_up_to_120_rows(sites, printed):
    """A year of ten sites (120 rows a table) prints its months; of eleven, each site's
    totals, and the months go to the spreadsheet (what made the 20-site PDF slow)."""
    chosen = [SiteFactory(name=f"Sted {n:02d}") for n in range(sites)]
    report = build_report(period=Period.year(2025), sites=chosen)
    for key in ("visits", "opening"):
        section = report.section(key)
        month_tables = [t for t in section.tables if len(t.rows) == 12 * sites]
        assert month_tables, key
        assert all(t.detail is not printed for t in month_tables), key
        if not printed:
            assert any(len(t.rows) == sites for t in section.printed_tables()), key


def test_the_bench_status_document_is_made_once_and_builds():
    from bench.pages import usb_document
    from planning.models import ReportingPeriod
    from reports.builder import build_document_report

    first, again = usb_document(), usb_document()
    assert first == again
    report = build_document_report(ReportingPeriod.objects.get(pk=first))
    (target,) = report.document.targets
    assert [len(g.figures) for g in target.goals] == [1, 1, 1, 1]
