"""Issue 16 as a new manager would try it: one day with 1 to 4 of every category at one site
(an ambulance called once, naloxone, the gender split, first-time visitors). Neither the
page nor a file, for the month or for a custom range of that one day, prints any of them."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from sites.models import Site
from tests.dom import parse
from tests.visits.factories import DailyCountFactory
from visits.models import TallyCategory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 11, 2)
ASKED = [
    {"period": "month:2025-11"},
    {"period": "custom", "start": DAY.isoformat(), "end": DAY.isoformat()},
    {"period": "custom", "start": "2025-11-01", "end": "2025-11-03"},
]


@pytest.fixture
def small_day(db):
    call_command("load_reference_data", stdout=io.StringIO())
    korsor = Site.objects.get(slug="korsoer")
    categories = list(TallyCategory.objects.order_by("pk"))
    for n, category in enumerate(categories):
        DailyCountFactory(site=korsor, date=DAY, category=category, count=1 + n % 4)
    return [c.name_da for c in categories]


def _small(value) -> bool:
    return type(value) is int and 0 < value < 5


def _page_cells(html: str) -> list[list[str]]:
    doc = parse(html)
    return [[c.text for c in row.select("td")] for row in doc.select("main table tr")]


def _small_counts_printed(client, asked) -> dict[str, list]:
    """Every cell from 1 to 4 in the page's tables, the CSV and the XLSX (first columns are
    labels)."""
    found: dict[str, list] = {"page": [], "csv": [], "xlsx": []}
    page = client.get(reverse("reports:usb"), asked)
    assert page.status_code == 200
    for row in _page_cells(page.content.decode()):
        found["page"] += [c for c in row if re.fullmatch(r"[1-4]", c)]

    url = reverse("reports:usb_download", kwargs={"format": "csv"})
    text = client.get(url, asked).content.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        found["csv"] += [c for c in row[1:] if re.fullmatch(r"[1-4]", c)]

    url = reverse("reports:usb_download", kwargs={"format": "xlsx"})
    book = load_workbook(io.BytesIO(client.get(url, asked).content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            found["xlsx"] += [v for v in row if _small(v)]
    return found


@pytest.mark.parametrize("asked", ASKED, ids=["month", "one day", "three days"])
def test_no_output_prints_a_count_from_1_to_4(manager_client, small_day, asked):
    assert _small_counts_printed(manager_client, asked) == {"page": [], "csv": [], "xlsx": []}


def test_the_check_sees_them_when_nothing_is_withheld(manager_client, small_day, settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "SMALL_NUMBER_THRESHOLD": 1}
    found = _small_counts_printed(manager_client, ASKED[1])
    assert all(found.values()), found
