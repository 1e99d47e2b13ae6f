"""Issue 18: indicators of a target's effect, computed from the app's data or entered by hand
per period, shown in the status document against baseline and goal with a chart over the
periods. Computed values are checked against sums done by hand on factory data."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.audit import history_for
from planning.models import ReportingPeriod
from reports.builder import build_document_report
from reports.formats import render
from reports.models import IndicatorValue, TargetIndicator
from tests.core.formwalk import post_edit
from tests.dom import parse
from tests.planning.factories import ReportingPeriodFactory, StrategicTargetFactory
from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits.models import CategoryGroup

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def data():
    """Two quarterly periods at one site; visits and showers counted on four days."""
    site = SiteFactory(name="Varmestuen i Korsør")
    visits = TallyCategoryFactory(
        code="visits", name_da="Besøg i alt", group=CategoryGroup.VISITORS, order=1
    )
    shower = TallyCategoryFactory(code="shower", name_da="Bad", group=CategoryGroup.HYGIENE)
    counts = {  # day: (visits, showers)
        D(2025, 1, 7): (30, 6),
        D(2025, 2, 4): (25, 5),
        D(2025, 4, 8): (40, 9),
        D(2025, 5, 6): (35, 7),
        D(2025, 7, 1): (99, 99),  # after both periods
    }
    for day, (v, s) in counts.items():
        DailyCountFactory(site=site, date=day, category=visits, count=v)
        DailyCountFactory(site=site, date=day, category=shower, count=s)
    first = ReportingPeriodFactory(title="USB K1 2025", starts=D(2025, 1, 1), ends=D(2025, 3, 31))
    second = ReportingPeriodFactory(title="USB K2 2025", starts=D(2025, 4, 1), ends=D(2025, 6, 30))
    for period in (first, second):
        period.sites.add(site)
    target = StrategicTargetFactory(title="Udsathed og Hjemløshed")
    return {"target": target, "first": first, "second": second, "shower": shower}


def _indicators(report):
    (target,) = report.document.targets
    return {i.name: i for i in target.indicators}


def test_computed_indicators_match_sums_done_by_hand(data):
    TargetIndicator.objects.create(
        target=data["target"],
        name="Besøg",
        definition="Besøg i alt i perioden på periodens steder.",
        kind=TargetIndicator.Kind.COMPUTED,
        source="visits",
        baseline_value=50,
        baseline_date=D(2024, 12, 31),
        goal_value=80,
        goal_date=D(2025, 12, 31),
    )
    TargetIndicator.objects.create(
        target=data["target"],
        name="Bad",
        definition="Bade givet i perioden.",
        kind=TargetIndicator.Kind.COMPUTED,
        source="service",
        category=data["shower"],
    )
    found = _indicators(build_document_report(data["second"]))
    visits, showers = found["Besøg"], found["Bad"]
    # K1: 30 + 25 = 55; K2: 40 + 35 = 75 (the July day is in neither).
    assert [(p.period, p.value) for p in visits.points] == [
        ("USB K1 2025", 55),
        ("USB K2 2025", 75),
    ]
    assert (visits.baseline, visits.goal, visits.current) == (50, 80, 75)
    # K1: 6 + 5 = 11; K2: 9 + 7 = 16.
    assert [p.value for p in showers.points] == [11, 16]
    # The chart draws the two periods, the baseline and the goal, with a text alternative.
    svg = parse(visits.svg)
    assert svg.one("svg").get("role") == "img"
    assert svg.one("title").text == "Besøg"
    assert len(svg.select("polyline")) == 3
    # The first period's document stops at the first period.
    early = _indicators(build_document_report(data["first"]))["Besøg"]
    assert [p.value for p in early.points] == [55]
    assert early.svg == ""  # one period: nothing to draw a line through


def test_the_document_prints_indicators_in_every_format(data):
    TargetIndicator.objects.create(
        target=data["target"],
        name="Besøg",
        definition="Besøg i alt i perioden.",
        kind=TargetIndicator.Kind.COMPUTED,
        source="visits",
        baseline_value=50,
        goal_value=80,
    )
    report = build_document_report(data["second"])
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render(report, "pdf"))).pages)
    assert "Indikatorer for effekt" in text and "Udgangspunkt" in text
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig")), delimiter=";"))
    mine = [r for r in rows if r and r[0] == "Udsathed og Hjemløshed" and r[1] == "Besøg"]
    assert [(r[8], r[9]) for r in mine] == [("USB K1 2025", "55"), ("USB K2 2025", "75")]
    assert (mine[0][4], mine[0][6]) == ("50", "80")


def test_a_hand_measured_indicator_is_entered_per_period_on_a_page(coordinator_client, data):
    response = coordinator_client.post(
        reverse("reports:indicator_create"),
        {
            "target": data["target"].pk,
            "name": "Borgere i egen bolig",
            "definition": "Antal borgere, som partnerne melder er kommet i egen bolig.",
            "kind": "manual",
            "source": "visits",  # ignored for a hand-measured indicator
            "baseline_value": "4",
            "baseline_date": "2024-12-31",
            "goal_value": "12",
            "goal_date": "2025-12-31",
        },
    )
    assert response.status_code == 302
    indicator = TargetIndicator.objects.get(name="Borgere i egen bolig")
    assert (indicator.source, indicator.category) == ("", None)
    url = reverse("reports:indicator_value", args=[indicator.pk, data["second"].pk])
    response = post_edit(coordinator_client, url, {"value": "7", "note": "Opgjort af Toften"})
    assert response.status_code == 302
    saved = IndicatorValue.objects.get(indicator=indicator, period=data["second"])
    assert (saved.value, saved.note) == (7, "Opgjort af Toften")
    assert history_for(saved).get().action == "create"
    entry = _indicators(build_document_report(data["second"]))["Borgere i egen bolig"]
    assert [p.value for p in entry.points] == [None, 7]  # nothing entered for K1
    assert entry.svg == ""  # a period without a value: no line drawn through it
    page = parse(coordinator_client.get(reverse("reports:indicators")).content)
    assert page.row("USB K2 2025")[:3] == ["USB K2 2025", "7", "Opgjort af Toften"]


def test_a_computed_indicator_needs_what_it_is_computed_from(manager_client, data):
    response = manager_client.post(
        reverse("reports:indicator_create"),
        {"target": data["target"].pk, "name": "X", "definition": "Y", "kind": "computed"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Choose what a computed indicator is computed from." in response.content.decode()
    response = manager_client.post(
        reverse("reports:indicator_create"),
        {
            "target": data["target"].pk,
            "name": "X",
            "definition": "Y",
            "kind": "computed",
            "source": "service",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Choose the service counted." in response.content.decode()
    assert not TargetIndicator.objects.exists()


def test_a_computed_indicator_has_no_hand_entered_values(coordinator_client, data):
    indicator = TargetIndicator.objects.create(
        target=data["target"], name="Besøg", definition="d", kind="computed", source="visits"
    )
    url = reverse("reports:indicator_value", args=[indicator.pk, data["second"].pk])
    assert coordinator_client.get(url).status_code == 404
    assert ReportingPeriod.objects.count() == 2
