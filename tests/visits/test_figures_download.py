"""The visit figures page's download (CSV, XLSX) and its Danish labels (issue 19 item 7)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.dom import parse
from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory

pytestmark = pytest.mark.django_db
D = datetime.date
MARCH = {"period": "week", "start": "2025-03-01", "end": "2025-03-31"}


@pytest.fixture
def counted(site, visits, breakfast):
    for day, n in [(D(2025, 3, 3), 10), (D(2025, 3, 4), 12), (D(2025, 3, 11), 7)]:
        DailyCountFactory(site=site, category=visits, date=day, count=n)
    DailyCountFactory(site=site, category=breakfast, date=D(2025, 3, 3), count=4)
    return site


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_holds_the_counts_the_page_shows(staff_client, counted):
    page = parse(
        staff_client.get(reverse("visits:figures"), MARCH, HTTP_ACCEPT_LANGUAGE="da").content
    )
    link = page.select("a[download]")[0]["href"]
    assert link.startswith(reverse("visits:figures_csv") + "?")
    response = staff_client.get(link, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="besoegstal-20250301-20250331.csv"' in response["Content-Disposition"]
    rows = _csv_rows(response.content)
    assert rows[0] == ["Uge", "Besøg i alt", "Morgenmad"]
    assert rows[1:] == [["Uge 10, 2025", "22", "4"], ["Uge 11, 2025", "7", "0"]]
    assert page.row("Uge 10, 2025")[1:] == ["22", "4"]


def test_a_category_name_is_never_a_formula_in_the_files(staff_client, site, visits):
    TallyCategoryFactory(code="odd", name_da='=HYPERLINK("http://x")', name_en="odd")
    DailyCountFactory(site=site, category=visits, date=D(2025, 3, 3), count=1)
    rows = _csv_rows(staff_client.get(reverse("visits:figures_csv"), MARCH).content)
    assert '\'=HYPERLINK("http://x")' in rows[0]
    content = staff_client.get(reverse("visits:figures_xlsx"), MARCH).content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    header = [cell.value for cell in sheet[2]]
    assert '=HYPERLINK("http://x")' in header
    cell = sheet.cell(row=2, column=header.index('=HYPERLINK("http://x")') + 1)
    assert cell.data_type == "s"  # text, not a formula


def test_the_xlsx_has_the_counts_and_the_sites_compared(staff_client, counted):
    other = SiteFactory(slug="skaelskoer", name="Skælskør")
    response = staff_client.get(
        reverse("visits:figures_xlsx"),
        {"period": "day", "start": "2025-03-03", "end": "2025-03-04"},
        HTTP_ACCEPT_LANGUAGE="da",
    )
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    counts, compared = book.worksheets
    assert [c.value for c in counts[2]] == ["Dag", "Besøg i alt", "Morgenmad"]
    assert counts.cell(row=3, column=1).value.date() == D(2025, 3, 3)
    assert [c.value for c in counts[3]][1:] == [10, 4]
    assert compared.cell(row=2, column=1).value == "Sted"
    names = {compared.cell(row=r, column=1).value for r in range(3, compared.max_row + 1)}
    assert names == {counted.name, other.name}


def test_only_those_who_log_tallies_download_the_figures(
    client, volunteer_client, manager_client, coordinator_client
):
    for kind in ("figures_csv", "figures_xlsx"):
        url = reverse(f"visits:{kind}")
        assert client.get(url).status_code == 302
        assert volunteer_client.get(url).status_code == 403
        assert manager_client.get(url).status_code == 403  # the USB report is theirs
        assert coordinator_client.get(url).status_code == 200


def test_the_page_speaks_danish_mid_sentence(staff_client, counted):
    doc = parse(
        staff_client.get(
            reverse("visits:figures"),
            {"period": "day", "start": "2025-03-03", "end": "2025-03-05"},
            HTTP_ACCEPT_LANGUAGE="da",
        ).content
    )
    headings = doc.texts("main thead th")
    assert "Ændring i procent" in headings and "Ret" not in headings
    assert "Timer åbent" in headings and "Åbningstider" not in headings
    days = [th.text for th in doc.select("main tbody th.vs-nowrap")]
    assert days == ["man 3. mar 2025", "tir 4. mar 2025"]
    assert len(doc.select("svg.vs-chart")) == 2  # a wide chart and one for phones


def test_the_entry_page_names_another_day_in_lower_case(staff_client, site, visits):
    day = datetime.date.today() - datetime.timedelta(days=1)
    url = reverse("visits:entry") + f"?site={site.slug}&date={day.isoformat()}"
    text = (
        parse(staff_client.get(url, HTTP_ACCEPT_LANGUAGE="da").content).one("main p.vs-muted").text
    )
    assert text.startswith("Der tælles for ")
    assert text[len("Der tælles for ")].islower()
