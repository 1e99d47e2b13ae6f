"""Issue 18: live figures beside the status texts, computed for the document's period and
sites, checked against figures worked out by hand from the data made here."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.audit import history_for
from core.disclosure import Few
from planning.models import SubGoalStatus, Task
from planning.quarters import Quarter
from reports.builder import build_document_report
from reports.formats import render
from reports.models import StatusFigure
from tests.partners.factories import OrganisationFactory, OutreachSessionFactory
from tests.planning.factories import (
    ReportingPeriodFactory,
    SubGoalFactory,
    SubGoalStatusFactory,
    TaskFactory,
)
from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from tests.volunteers.factories import ShiftAssignmentFactory, ShiftFactory, VolunteerFactory
from visits.models import CategoryGroup

pytestmark = pytest.mark.django_db
D = datetime.date
Indicator = StatusFigure.Indicator


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def world():
    """Q1 2025 at Pavillonen (the period's one site), and what happens elsewhere and later."""
    site = SiteFactory(slug="pavillonen", name="Pavillonen")
    other = SiteFactory(slug="bussen", name="Bussen")
    visits = TallyCategoryFactory(code="visits", name_da="Besøg", group=CategoryGroup.VISITORS)
    shower = TallyCategoryFactory(code="shower", name_da="Bad", group=CategoryGroup.HYGIENE)
    naloxone = TallyCategoryFactory(
        code="naloxone", name_da="Naloxon", group=CategoryGroup.HARM_REDUCTION
    )
    # Visits: 30 + 25 in January, 12 in March = 67; the bus and April do not count.
    for day, count in ((D(2025, 1, 6), 30), (D(2025, 1, 13), 25), (D(2025, 3, 3), 12)):
        DailyCountFactory(site=site, date=day, category=visits, count=count)
    DailyCountFactory(site=other, date=D(2025, 1, 6), category=visits, count=99)
    DailyCountFactory(site=site, date=D(2025, 4, 7), category=visits, count=50)
    # Showers: 6 in January and 8 in February = 14.
    DailyCountFactory(site=site, date=D(2025, 1, 6), category=shower, count=6)
    DailyCountFactory(site=site, date=D(2025, 2, 3), category=shower, count=8)
    # Naloxone: 3 in the period, a small count.
    DailyCountFactory(site=site, date=D(2025, 2, 3), category=naloxone, count=3)
    # Volunteers: Anna and Bo give 4 + 4 + 3 = 11 hours at Pavillonen; Bo 3 on the bus.
    anna = VolunteerFactory(started_on=D(2024, 3, 1))
    bo = VolunteerFactory(started_on=D(2025, 2, 10))
    VolunteerFactory(started_on=D(2025, 6, 1))  # not yet active
    morning = ShiftFactory(site=site, starts=_at(D(2025, 3, 4), 9), ends=_at(D(2025, 3, 4), 13))
    ShiftAssignmentFactory(shift=morning, volunteer=anna)
    ShiftAssignmentFactory(shift=morning, volunteer=bo)
    evening = ShiftFactory(site=site, starts=_at(D(2025, 2, 1), 17), ends=_at(D(2025, 2, 1), 20))
    ShiftAssignmentFactory(shift=evening, volunteer=anna)
    bus = ShiftFactory(site=other, starts=_at(D(2025, 3, 5), 9), ends=_at(D(2025, 3, 5), 12))
    ShiftAssignmentFactory(shift=bus, volunteer=bo)
    # Partners: one dated session in February at Pavillonen, one on the bus.
    nurse = OrganisationFactory(name="Gadesygeplejersken")
    OutreachSessionFactory(site=site, organisation=nurse, weekday=None, date=D(2025, 2, 11))
    OutreachSessionFactory(site=site, organisation=nurse, weekday=None, date=D(2025, 2, 18))
    OutreachSessionFactory(site=other, organisation=nurse, weekday=None, date=D(2025, 2, 12))
    # The plan: one task done, one delayed and one on track in Q1 2025; one in 2026.
    q1 = Quarter(2025, 1)
    TaskFactory(title="Done", start_quarter=q1, end_quarter=q1, status=Task.Status.DONE)
    TaskFactory(title="Late", start_quarter=q1, end_quarter=q1 + 1, status=Task.Status.DELAYED)
    TaskFactory(title="Fine", start_quarter=q1, end_quarter=q1 + 2)
    TaskFactory(title="Later", start_quarter=Quarter(2026, 1), end_quarter=Quarter(2026, 2))

    period = ReportingPeriodFactory(title="USB Q1 2025", starts=D(2025, 1, 1), ends=D(2025, 3, 31))
    period.sites.add(site)
    status = SubGoalStatusFactory(
        sub_goal=SubGoalFactory(title="Fællesskaber"), period=period, status_text="Det går godt."
    )
    return period, status, {"shower": shower, "naloxone": naloxone}


def _choose(status, *figures):
    for indicator, category in figures:
        StatusFigure.objects.create(status=status, indicator=indicator, category=category)


def _figures(period):
    document = build_document_report(period).document
    return [(f.label, f.value, f.note) for f in document.targets[0].goals[0].figures]


def test_each_figure_is_computed_for_the_documents_period_and_sites(world):
    period, status, categories = world
    _choose(
        status,
        (Indicator.VISITS, None),
        (Indicator.SERVICE, categories["shower"]),
        (Indicator.VOLUNTEERS_ACTIVE, None),
        (Indicator.VOLUNTEER_HOURS, None),
        (Indicator.PARTNER_SESSIONS, None),
        (Indicator.TASKS_DONE, None),
        (Indicator.TASKS_SLIPPED, None),
    )

    assert _figures(period) == [
        ("Besøg", 67, ""),
        ("Bad", 14, ""),
        ("Aktive frivillige", 2, "på alle steder"),
        ("Frivilliges timer", 11.0, ""),
        ("Partnerbesøg afholdt", 2, ""),
        ("Opgaver i planen udført", 1, ""),
        ("Opgaver i planen forsinket", 1, ""),
    ]


def test_a_small_count_is_withheld_as_in_the_appendix(world):
    period, status, categories = world
    _choose(status, (Indicator.SERVICE, categories["naloxone"]))

    assert _figures(period) == [("Naloxon", Few(5), "")]


def test_the_figures_are_printed_beside_the_status_in_every_format(world):
    period, status, categories = world
    _choose(status, (Indicator.VISITS, None), (Indicator.SERVICE, categories["shower"]))
    report = build_document_report(period)

    csv_text = render(report, "csv").decode("utf-8-sig")
    assert "Besøg: 67; Bad: 14" in csv_text
    pdf = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(render(report, "pdf"))).pages
        ).split()
    )
    assert "Det går godt." in pdf and "Besøg 67" in pdf and "Bad 14" in pdf


def test_a_drafter_adds_and_removes_a_figure_on_a_page(world, coordinator_client):
    client = coordinator_client
    period, status, categories = world
    url = reverse("reports:status_figures", args=[status.sub_goal.pk, period.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "Bad" in page.content.decode()

    assert client.post(url, {"figure": "service:shower"}).status_code == 302
    assert client.post(url, {"figure": "visits"}).status_code == 302
    figures = list(status.figures.order_by("id"))
    assert [(f.indicator, f.category) for f in figures] == [
        ("service", categories["shower"]),
        ("visits", None),
    ]
    page = client.get(url).content.decode()
    assert "<strong>Bad:</strong> 14" in page and "<strong>Besøg:</strong> 67" in page

    # The same figure twice, a service that does not exist, or nothing: refused, nothing saved.
    for bad in ("visits", "service:nope", "service", "", "tasks_all"):
        assert client.post(url, {"figure": bad}).status_code == 400
    assert status.figures.count() == 2

    assert client.post(url, {"remove": figures[0].pk}).status_code == 302
    assert [f.indicator for f in status.figures.all()] == ["visits"]
    changes = [e.changes["figures"] for e in history_for(status)]
    assert changes[0] == [["Bad", "Besøg i perioden"], ["Besøg i perioden"]]


def test_a_figure_for_a_sub_goal_without_a_status_makes_an_empty_status(world, manager_client):
    client = manager_client
    period, _status, _categories = world
    goal = SubGoalFactory(title="Ny")
    url = reverse("reports:status_figures", args=[goal.pk, period.pk])
    assert client.post(url, {"figure": "partner_sessions"}).status_code == 302
    status = SubGoalStatus.objects.get(sub_goal=goal, period=period)
    assert status.status_text == "" and status.figures.get().indicator == "partner_sessions"
