"""A plan that can grow (issue 19 item 5): coordinators set the plan's quarters on a page,
extend them and fill a jump; a task can then move to any of them; the inferred-quarters
mark goes once a coordinator has set a task's quarters."""

import pytest
from django.urls import reverse

from core.audit import history_for
from core.concurrency import VERSION_FIELD
from planning.forms import TaskQuickForm
from planning.models import Plan, Task
from planning.quarters import Quarter
from tests.core.formwalk import form_data
from tests.dom import parse
from tests.planning.factories import QUARTERS_2021, PlanFactory, TaskFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return PlanFactory(name="Tids- og handleplan", quarters=list(QUARTERS_2021))


def _url(plan):
    return reverse("planning:plan_quarters", args=[plan.pk])


def _post(client, plan, quarters, **extra):
    data = form_data(client.get(_url(plan)).content.decode())
    data["quarters"] = quarters
    data.update(extra)
    return client.post(_url(plan), data)


def test_the_page_ticks_the_plan_s_quarters_and_offers_the_gap_and_later(coordinator_client, plan):
    doc = parse(coordinator_client.get(_url(plan)).content.decode())

    ticked = [i["value"] for i in doc.select("input[name=quarters]") if "checked" in i.attrs]
    offered = [i["value"] for i in doc.select("input[name=quarters]")]
    assert ticked == QUARTERS_2021
    assert {"2023-Q2", "2023-Q3", "2023-Q4", "2024-Q2", "2027-Q4"} <= set(offered)
    label = doc.one("label[for=id_quarters_0_0]").text
    assert label == Quarter.parse(offered[0]).label
    # One row per year.
    years = [
        [i["value"][:4] for i in row.select("input")] for row in doc.select(".vs-quarter-year")
    ]
    assert all(len(set(row)) == 1 and len(row) <= 4 for row in years)


def test_a_coordinator_fills_the_gap_and_extends_the_plan(coordinator_client, plan):
    wanted = [str(Quarter(2021, 2) + n) for n in range(16)]  # Q2 2021 - Q1 2025, no jump

    response = _post(coordinator_client, plan, wanted)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('planning:timeline')}?plan={plan.pk}"
    plan.refresh_from_db()
    assert plan.quarters == wanted
    entry = history_for(plan)[0]
    before, after = entry.changes["quarters"]
    assert before.endswith("Q1 2023, Q1 2024") and "Q2 2023, Q3 2023, Q4 2023" in after
    assert entry.actor.username == "bob"
    history = parse(coordinator_client.get(_url(plan)).content.decode())
    assert "Q2 2023, Q3 2023, Q4 2023" in history.one("main table").text


def test_a_task_can_then_move_to_a_new_quarter(coordinator_client, plan):
    task = TaskFactory(
        workstream=WorkstreamFactory(plan=plan),
        start_quarter=Quarter(2023, 1),
        end_quarter=Quarter(2024, 1),
    )
    assert "2024-Q2" not in [
        c for c, _ in TaskQuickForm(instance=task).fields["end_quarter"].choices
    ]
    _post(coordinator_client, plan, [*QUARTERS_2021, "2023-Q2", "2024-Q2", "2024-Q3"])

    quick = reverse("planning:task_quick", args=[task.pk])
    data = form_data(coordinator_client.get(quick).content.decode())
    data.update(end_quarter="2024-Q3", start_quarter="2023-Q2")
    response = coordinator_client.post(quick, data)

    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.start_quarter, task.end_quarter) == (Quarter(2023, 2), Quarter(2024, 3))


def test_a_quarter_a_task_uses_cannot_be_taken_away(coordinator_client, plan):
    TaskFactory(
        workstream=WorkstreamFactory(plan=plan),
        title="Evaluering",
        start_quarter=Quarter(2024, 1),
        end_quarter=Quarter(2024, 1),
    )

    response = _post(coordinator_client, plan, QUARTERS_2021[:-1])

    assert response.status_code == 200
    doc = parse(response.content.decode())
    assert "Evaluering (Q1 2024)" in doc.one(".form-error-message").text
    plan.refresh_from_db()
    assert plan.quarters == QUARTERS_2021
    assert not history_for(plan).exists()


def test_bad_input_is_refused_with_a_message(coordinator_client, plan):
    for quarters in ([], ["2021-Q9"], ["nonsense"]):
        response = _post(coordinator_client, plan, quarters)
        assert response.status_code == 200
        assert parse(response.content.decode()).select(".form-error-message")
    plan.refresh_from_db()
    assert plan.quarters == QUARTERS_2021


def test_a_stale_form_is_refused(coordinator_client, plan):
    stale = form_data(coordinator_client.get(_url(plan)).content.decode())
    Plan.objects.filter(pk=plan.pk).update(quarters=[*QUARTERS_2021, "2024-Q2"])

    stale["quarters"] = [*QUARTERS_2021, "2024-Q3"]
    response = coordinator_client.post(_url(plan), stale)

    assert response.status_code == 409
    plan.refresh_from_db()
    assert plan.quarters == [*QUARTERS_2021, "2024-Q2"]
    assert stale[VERSION_FIELD]


def test_staff_cannot_change_the_quarters(staff_client, plan):
    assert staff_client.get(_url(plan)).status_code == 403
    assert staff_client.post(_url(plan), {"quarters": ["2030-Q1"]}).status_code == 403
    plan.refresh_from_db()
    assert plan.quarters == QUARTERS_2021


def test_the_timeline_links_the_page_for_coordinators_only(coordinator_client, staff_client, plan):
    timeline = f"{reverse('planning:timeline')}?plan={plan.pk}"
    links = [a["href"] for a in parse(coordinator_client.get(timeline).content).select("a[href]")]
    assert _url(plan) in links
    links = [a["href"] for a in parse(staff_client.get(timeline).content).select("a[href]")]
    assert _url(plan) not in links


def _inferred_task(plan):
    return TaskFactory(
        workstream=WorkstreamFactory(plan=plan),
        start_quarter=Quarter(2021, 3),
        end_quarter=Quarter(2021, 4),
        quarters_inferred=True,
    )


def test_the_inferred_mark_goes_when_a_coordinator_moves_the_quarters(coordinator_client, plan):
    task = _inferred_task(plan)
    quick = reverse("planning:task_quick", args=[task.pk])
    data = form_data(coordinator_client.get(quick).content.decode())
    data["end_quarter"] = "2022-Q1"

    coordinator_client.post(quick, data)

    task.refresh_from_db()
    assert not task.quarters_inferred
    assert history_for(task)[0].changes["quarters_inferred"] == [True, False]


def test_the_inferred_mark_goes_when_a_coordinator_confirms_the_quarters(coordinator_client, plan):
    task = _inferred_task(plan)
    quick = reverse("planning:task_quick", args=[task.pk])
    page = parse(coordinator_client.get(quick).content.decode())
    assert page.one(f"label[for=task{task.pk}_quarters_checked]").text == (
        "Kvartalerne er kontrolleret"
    )
    data = form_data(coordinator_client.get(quick).content.decode())

    coordinator_client.post(quick, data)  # unchanged: the mark stays
    task.refresh_from_db()
    assert task.quarters_inferred

    data = form_data(coordinator_client.get(quick).content.decode())
    data["quarters_checked"] = "on"
    coordinator_client.post(quick, data)
    task.refresh_from_db()
    assert not task.quarters_inferred
    assert Task.objects.filter(quarters_inferred=True).count() == 0


def test_the_full_form_keeps_the_mark_when_ticked_again(coordinator_client, plan):
    task = _inferred_task(plan)
    edit = reverse("planning:task_edit", args=[task.pk])
    data = form_data(coordinator_client.get(edit).content.decode())
    data["end_quarter"] = "2022-Q1"

    coordinator_client.post(edit, data)  # moved, mark untouched: it goes

    task.refresh_from_db()
    assert (task.end_quarter, task.quarters_inferred) == (Quarter(2022, 1), False)
    data = form_data(coordinator_client.get(edit).content.decode())
    data.update(end_quarter="2022-Q2", quarters_inferred="on")
    coordinator_client.post(edit, data)  # moved and the mark ticked by hand: it stays
    task.refresh_from_db()
    assert (task.end_quarter, task.quarters_inferred) == (Quarter(2022, 2), True)
