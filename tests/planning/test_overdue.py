"""Overdue: a task whose end quarter has passed without being done, with or without a
baseline (issue 18, issue 19 item 5). Counted on the dashboard, marked on the timeline and
in the task's page, and "delayed" in the USB document's plan section."""

import datetime

import pytest
from django.urls import reverse

from planning import selectors, services
from planning.models import Task
from planning.quarters import Quarter
from reports.builder import build_report
from reports.periods import Period
from tests.dom import parse
from tests.planning.factories import PlanFactory, TaskFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2022, 5, 10)  # Q2 2022


@pytest.fixture
def workstream():
    return WorkstreamFactory(plan=PlanFactory(name="Tids- og handleplan"), name="Korsør")


def _task(workstream, title, end, status=Task.Status.NOT_STARTED, **kwargs):
    return TaskFactory(
        workstream=workstream,
        title=title,
        start_quarter=Quarter(2021, 3),
        end_quarter=end,
        status=status,
        **kwargs,
    )


def test_a_task_past_its_end_quarter_and_not_done_is_overdue(workstream):
    late = _task(workstream, "not started", Quarter(2022, 1))
    going = _task(workstream, "in progress", Quarter(2021, 4), Task.Status.IN_PROGRESS)
    marked = _task(workstream, "marked delayed", Quarter(2021, 4), Task.Status.DELAYED)
    _task(workstream, "done", Quarter(2021, 4), Task.Status.DONE)
    _task(workstream, "cancelled", Quarter(2021, 4), Task.Status.CANCELLED)
    _task(workstream, "ends this quarter", Quarter(2022, 2))
    _task(workstream, "ends later", Quarter(2022, 3))

    overdue = Task.objects.overdue(TODAY)

    assert set(overdue) == {late, going, marked}
    assert {t.title for t in Task.objects.all() if t.is_overdue_on(TODAY)} == {
        "not started",
        "in progress",
        "marked delayed",
    }
    # On the first day of the next quarter the end quarter has passed.
    assert not Task.objects.get(title="ends this quarter").is_overdue_on(datetime.date(2022, 6, 30))
    assert Task.objects.get(title="ends this quarter").is_overdue_on(datetime.date(2022, 7, 1))


def test_overdue_needs_no_baseline_and_needs_attention(workstream):
    late = _task(workstream, "not started", Quarter(2021, 4))
    _task(workstream, "ends later", Quarter(2022, 3))
    assert workstream.plan.latest_baseline() is None

    timeline = selectors.timeline(workstream.plan, today=TODAY)

    rows = {row.task.title: row for row in timeline.rows}
    assert rows["not started"].is_overdue and rows["not started"].slip is None
    assert rows["not started"].needs_attention and rows["not started"].is_late
    assert not rows["ends later"].is_overdue and not rows["ends later"].needs_attention
    found = selectors.attention(today=TODAY)
    assert [row.task for row in found.rows] == [late]
    assert found.overdue == 1


def test_the_dashboard_counts_the_overdue_tasks(coordinator_client, workstream):
    for n in range(3):
        _task(workstream, f"Opgave {n}", Quarter(2021, 4))
    _task(workstream, "Udført", Quarter(2021, 4), Task.Status.DONE)

    doc = parse(coordinator_client.get(reverse("core:dashboard")).content.decode())

    panel = doc.one("section.vs-panel[aria-labelledby=planning-panel-heading]")
    assert "3 opgaver er forsinkede: slutkvartalet er passeret" in panel.text
    assert "Ingen opgaver er forsinkede" not in panel.text
    assert "Opgave 0 – forsinket: skulle være afsluttet Q4 2021" in [
        li.text for li in panel.select("li")
    ]


def test_the_dashboard_lists_five_and_says_how_many_more(coordinator_client, workstream):
    for n in range(7):
        _task(workstream, f"Opgave {n}", Quarter(2021, 4))

    doc = parse(coordinator_client.get(reverse("core:dashboard")).content.decode())

    panel = doc.one("section.vs-panel[aria-labelledby=planning-panel-heading]")
    assert len(panel.select("li")) == 5
    assert "Og 2 mere." in panel.text


def test_the_timeline_and_the_task_page_mark_overdue_tasks(coordinator_client, workstream):
    late = _task(workstream, "Find lokaler", Quarter(2021, 4))
    _task(workstream, "Udført", Quarter(2021, 4), Task.Status.DONE)
    url = f"{reverse('planning:timeline')}?plan={workstream.plan.pk}"

    doc = parse(coordinator_client.get(url).content.decode())

    badges = doc.select(".vs-badge-overdue")
    assert [b.text for b in badges] == ["Forsinket (frist Q4 2021)"]
    assert badges[0].parent is not None and badges[0].parent.tag == "td"
    assert any(b is badges[0] for b in doc.one(f"#task-{late.pk}").descendants())
    detail = parse(
        coordinator_client.get(reverse("planning:task_detail", args=[late.pk])).content.decode()
    )
    assert detail.one(".vs-badge-overdue").text == "Forsinket: skulle være afsluttet Q4 2021"


def test_the_report_counts_overdue_as_delayed_as_of_the_period_end(manager_user, workstream):
    _task(workstream, "Ender i perioden", Quarter(2021, 4))
    _task(workstream, "Ender efter perioden", Quarter(2022, 1))
    slipped = _task(workstream, "Skubbet", Quarter(2021, 3))
    services.freeze_baseline(plan=workstream.plan, actor=manager_user)
    Task.objects.filter(pk=slipped.pk).update(end_quarter=Quarter(2022, 2))

    section = build_report(period=Period.year(2021), sites=[]).section("plan")

    assert sorted(section.figures.slipped) == ["Ender i perioden", "Skubbet"]
    assert section.figures.on_track == ["Ender efter perioden"]
    facts = {f.label: f.value for f in section.facts}
    assert facts["Opgaver forsinket"] == 2
    rows = {row[0]: row for row in section.tables[0].rows}
    assert rows["Ender i perioden"][5] == "Ikke startet, forsinket: skulle være afsluttet Q4 2021"
    # Still "delayed" by the baseline, but its end quarter (Q2 2022) was not over in 2021.
    assert rows["Skubbet"][5] == "Ikke startet"
    assert rows["Skubbet"][4] == 3


def test_a_running_period_is_judged_today(workstream):
    _task(workstream, "Q3", Quarter(2021, 3))
    _task(workstream, "Q4", Quarter(2021, 4))

    progress = selectors.plan_progress(
        start=datetime.date(2021, 1, 1),
        end=datetime.date(2021, 12, 31),
        today=datetime.date(2021, 11, 15),
    )

    assert [r.task.title for r in progress.slipped] == ["Q3"]
    assert [r.task.title for r in progress.on_track] == ["Q4"]
