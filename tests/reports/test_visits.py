"""Visits and services in the report, against daily tallies made in the test."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.disclosure import Complement, Few
from reports.builder import build_report
from reports.formats import render
from reports.periods import Period
from tests.sites.factories import SiteFactory, WeeklyHoursFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits.models import CategoryGroup, TallyCategory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def tallies():
    """Pavillonen and a bus stop in January 2025 and January 2024."""
    pavilion = SiteFactory(slug="pavillonen", name="Pavillonen", town="Korsør")
    stop = SiteFactory(slug="lilleoe", name="Bussen på Lilleø", town="Korsør")
    visits = TallyCategoryFactory(
        code="visits", name_da="Besøg i alt", group=CategoryGroup.VISITORS, order=1
    )
    lunch = TallyCategoryFactory(
        code="lunch", name_da="Varm frokost", group=CategoryGroup.MEALS, order=10
    )
    shower = TallyCategoryFactory(
        code="shower", name_da="Bad", group=CategoryGroup.HYGIENE, order=20
    )
    for day, count in ((6, 30), (13, 25), (20, 4)):
        DailyCountFactory(site=pavilion, date=D(2025, 1, day), category=visits, count=count)
        DailyCountFactory(site=pavilion, date=D(2025, 1, day), category=lunch, count=count - 2)
    DailyCountFactory(site=pavilion, date=D(2025, 1, 6), category=shower, count=7)
    DailyCountFactory(site=pavilion, date=D(2025, 2, 3), category=visits, count=11)  # outside
    DailyCountFactory(site=stop, date=D(2025, 1, 9), category=visits, count=3)
    DailyCountFactory(site=stop, date=D(2025, 1, 16), category=visits, count=5)
    DailyCountFactory(site=pavilion, date=D(2024, 1, 8), category=visits, count=40)
    DailyCountFactory(site=SiteFactory(slug="other"), date=D(2025, 1, 6), category=visits, count=99)
    WeeklyHoursFactory(site=pavilion)  # Mondays 10-14: 4 in January 2025
    return pavilion, stop


def test_visits_per_site_and_month_with_a_year_earlier(tallies):
    pavilion, stop = tallies
    report = build_report(period=Period.month(2025, 1), sites=[pavilion, stop])
    figures = report.section("visits").figures

    assert figures.visits() == 30 + 25 + 4 + 3 + 5
    assert figures.visits_year_earlier() == 40
    assert figures.visits(pavilion.pk, D(2025, 1, 1)) == 59
    assert figures.visits(stop.pk, D(2025, 1, 1)) == 8
    assert figures.total(figures.now, codes=["lunch"]) == 53
    assert figures.total(figures.now, codes=["shower"]) == 7
    rows = {row[0]: row for row in report.section("visits").tables[1].rows}
    # 8 at the bus stop is at the threshold or above: shown exactly.
    assert rows["Bussen på Lilleø"][2:4] == [8, 0]
    assert rows["Pavillonen"][2:] == [59, 40, 47.5]


@pytest.fixture
def small(tallies):
    """Skælskør with 3 visits in January 2025, and 2 doses of naloxone at the pavilion."""
    pavilion, stop = tallies
    skaelskoer = SiteFactory(slug="skaelskoer", name="Skælskør", town="Skælskør")
    visits = TallyCategory.objects.get(code="visits")
    naloxone = TallyCategoryFactory(
        code="naloxone", name_da="Naloxon", group=CategoryGroup.HARM_REDUCTION, order=30
    )
    DailyCountFactory(site=skaelskoer, date=D(2025, 1, 7), category=visits, count=3)
    DailyCountFactory(site=skaelskoer, date=D(2024, 1, 9), category=visits, count=12)
    DailyCountFactory(site=pavilion, date=D(2025, 1, 6), category=naloxone, count=2)
    return pavilion, stop, skaelskoer


def test_a_small_count_is_withheld_and_so_is_every_total_and_change_that_includes_it(small):
    pavilion, stop, skaelskoer = small
    report = build_report(period=Period.month(2025, 1), sites=[pavilion, stop, skaelskoer])
    section = report.section("visits")
    tables = {t.key: t for t in section.tables}

    per_site = {row[0]: row[1:] for row in tables["visits_per_site"].rows}
    assert per_site["Skælskør"] == [Few(5), 12, Complement()]  # the change would give it away
    assert per_site["Pavillonen"] == [59, 40, 47.5]
    # 59 + 8 + 3: the total minus the shown sites would be the 3.
    assert tables["visits_per_site"].total[1:] == [Complement(), 52, Complement()]
    assert tables["visits_per_site_month"].total[2] == Complement()
    facts = {fact.label: fact.value for fact in section.facts}
    assert facts["Besøg"] == Complement()

    services = {row[0]: row for row in tables["services_per_site_month"].rows}
    harm = [c.label for c in tables["services_per_site_month"].columns].index("Skadesreduktion")
    assert services["Pavillonen"][harm] == Few(5)
    assert tables["services_per_site_month"].total[harm] == Few(5)
    categories = {row[0]: row[2:] for row in tables["categories"].rows}
    assert categories["Naloxon"] == [Few(5), 0, Complement()]
    assert categories["Besøg i alt"][0] == Complement()
    detail = {(row[0], row[2]): row[3] for row in tables["counts_per_site_month_category"].rows}
    assert detail[("Pavillonen", "Naloxon")] == Few(5)
    assert detail[("Skælskør", "Besøg i alt")] == Few(5)

    opening = {row[0]: row for row in report.section("opening").tables[0].rows}
    assert opening["Skælskør"][5:] == [Few(5), None]  # no hours: no rate either
    assert report.section("opening").tables[0].total[5:] == [Complement(), Complement()]

    # No count from 1 to 4 is printed anywhere (openings and hours are not counts of
    # visitors), and no chart draws a withheld count.
    for table in section.tables:
        for row in [*table.rows, table.total or []]:
            assert not any(type(v) is int and 0 < v < 5 for v in row), (table.key, row)
    assert [c.title for c in section.charts] == []


def test_nothing_finer_than_site_and_month_is_published(tallies):
    pavilion, stop = tallies
    report = build_report(period=Period.month(2025, 1), sites=[pavilion, stop])
    for section in report.sections:
        for table in section.tables:
            assert all(not isinstance(row[1], D) or row[1].day == 1 for row in table.rows[:1]), (
                table.key
            )
    assert "visits_per_day" not in {t.key for t in report.section("visits").tables}


def test_visits_per_opening_hour(tallies):
    pavilion, _stop = tallies
    report = build_report(period=Period.month(2025, 1), sites=[pavilion])
    opening = report.section("opening").figures
    assert opening.hours == 16.0
    assert opening.visits_per_hour == round(59 / 16, 1)


def test_the_figures_reach_every_format(small):
    pavilion, stop, skaelskoer = small
    report = build_report(period=Period.month(2025, 1), sites=[pavilion, stop, skaelskoer])

    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render(report, "pdf"))).pages
    )
    assert "Besøg pr. sted og måned" in text
    assert "59" in text and "<5" in text

    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    sheet = book["Besøg og ydelser"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert ["Pavillonen", datetime.datetime(2025, 1, 1), 59, 40, 47.5] in [r[:5] for r in rows]
    # A withheld count is the text "<5" (not the HTML escape "&lt;5"), and "..".
    assert ["Skælskør", datetime.datetime(2025, 1, 1), "<5", 12, ".."] in [r[:5] for r in rows]
    values = {v for r in rows for v in r}
    assert "&lt;5" not in values and not {1, 2, 3, 4} & values
    # Months are dates shown with Danish month names (so they sort and chart).
    months = [r[1] for r in sheet.iter_rows() if r[1].number_format == "[$-406]mmmm yyyy"]
    assert len(months) >= 4 and all(cell.is_date for cell in months)

    content = render(report, "csv")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert ["Pavillonen", "januar 2025", "59", "40", "47,5"] in lines
    assert ["Skælskør", "januar 2025", "<5", "12", ".."] in lines
    small = {"1", "2", "3", "4"}
    assert not any(small & set(line) for line in lines if line[:1] in (["Skælskør"], ["Naloxon"]))


def test_the_report_draws_the_visits_charts(tallies):
    pavilion, stop = tallies
    period = Period(D(2025, 1, 1), D(2025, 2, 28))
    report = build_report(period=period, sites=[pavilion, stop])

    charts = report.section("visits").charts
    assert [c.title for c in charts] == ["Besøg pr. måned", "Besøg pr. sted"]
    assert all(c.svg.startswith("<svg") for c in charts)
    assert "Bussen på Lilleø" in charts[1].svg
    assert ">70</text>" in charts[1].svg and ">8</text>" in charts[1].svg  # 59 + 11; 3 + 5
    pdf = PdfReader(io.BytesIO(render(report, "pdf")))
    assert "Besøg pr. måned" in "\n".join(page.extract_text() for page in pdf.pages)
