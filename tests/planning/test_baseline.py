"""Freezing a baseline, and slip and progress measured against it."""

import datetime

import pytest
from django.urls import reverse

from core.audit import history_for
from planning import selectors, services
from planning.models import Baseline, BaselineTask, Task
from planning.quarters import Quarter
from tests.planning.factories import TaskFactory, WorkstreamFactory


@pytest.fixture
def workstream(db):
    return WorkstreamFactory()


def test_freezing_keeps_every_tasks_quarters(coordinator_client, workstream):
    a = TaskFactory(
        workstream=workstream, start_quarter=Quarter(2021, 2), end_quarter=Quarter(2021, 3)
    )
    b = TaskFactory(
        workstream=workstream,
        start_quarter=Quarter(2022, 1),
        end_quarter=Quarter(2022, 1),
        milestone_date=datetime.date(2022, 1, 1),
    )
    response = coordinator_client.post(
        reverse("planning:freeze", args=[workstream.plan.pk]), {"label": "Agreed June 2021"}
    )
    assert response.status_code == 302
    baseline = Baseline.objects.get()
    assert baseline.label == "Agreed June 2021"
    kept = {bt.task_id: bt for bt in BaselineTask.objects.filter(baseline=baseline)}
    assert kept[a.pk].end_quarter == Quarter(2021, 3)
    assert kept[b.pk].milestone_date == datetime.date(2022, 1, 1)
    assert history_for(workstream.plan).get().changes["baseline"][1] == "Agreed June 2021"


def test_staff_cannot_freeze(staff_client, workstream):
    response = staff_client.post(reverse("planning:freeze", args=[workstream.plan.pk]))
    assert response.status_code == 403
    assert not Baseline.objects.exists()


def test_freeze_needs_post(coordinator_client, workstream):
    response = coordinator_client.get(reverse("planning:freeze", args=[workstream.plan.pk]))
    assert response.status_code == 405


def test_slip_is_measured_against_the_newest_baseline(coordinator_user, workstream):
    task = TaskFactory(
        workstream=workstream, start_quarter=Quarter(2021, 3), end_quarter=Quarter(2021, 4)
    )
    services.freeze_baseline(plan=workstream.plan, actor=coordinator_user)
    task.end_quarter = Quarter(2022, 2)
    task.save()
    assert selectors.timeline(workstream.plan).rows[0].slip == 2
    services.freeze_baseline(plan=workstream.plan, actor=coordinator_user)
    assert selectors.timeline(workstream.plan).rows[0].slip == 0


def test_a_task_added_after_the_freeze_has_no_baseline(coordinator_user, workstream):
    services.freeze_baseline(plan=workstream.plan, actor=coordinator_user)
    TaskFactory(workstream=workstream)
    row = selectors.timeline(workstream.plan).rows[0]
    assert row.baseline is None and row.slip is None


def test_plan_progress_sorts_tasks_in_a_period(coordinator_user, workstream):
    done = TaskFactory(workstream=workstream, title="done", status=Task.Status.DONE)
    # Ends after the period: on track when the period ended (a task ending in its last
    # quarter and not done is overdue, tests/planning/test_overdue.py).
    on_track = TaskFactory(workstream=workstream, title="on track", end_quarter=Quarter(2022, 1))
    slipped = TaskFactory(workstream=workstream, title="slipped")
    delayed = TaskFactory(workstream=workstream, title="delayed", status=Task.Status.DELAYED)
    TaskFactory(
        workstream=workstream,
        title="later",
        start_quarter=Quarter(2023, 1),
        end_quarter=Quarter(2023, 1),
    )
    services.freeze_baseline(plan=workstream.plan, actor=coordinator_user)
    slipped.end_quarter = Quarter(2022, 3)
    slipped.save()
    progress = selectors.plan_progress(
        start=datetime.date(2021, 7, 1), end=datetime.date(2021, 12, 31)
    )
    assert [r.task for r in progress.done] == [done]
    assert [r.task for r in progress.on_track] == [on_track]
    assert {r.task for r in progress.slipped} == {slipped, delayed}
    assert next(r for r in progress.slipped if r.task == slipped).slip == 3
    assert progress.total == 4


def test_a_service_save_from_a_stale_form_raises_and_saves_nothing(coordinator_user, workstream):
    from planning.forms import TaskQuickForm

    task = TaskFactory(workstream=workstream)
    data = {"start_quarter": "2021-Q2", "end_quarter": "2021-Q2", "status": "done", "version": 0}
    stale = TaskQuickForm(data, instance=Task.objects.get(pk=task.pk))
    fresh = TaskQuickForm(dict(data, status="delayed"), instance=Task.objects.get(pk=task.pk))
    assert stale.is_valid() and fresh.is_valid()
    services.save_task(form=fresh, actor=coordinator_user)
    with pytest.raises(services.EditConflict):
        services.save_task(form=stale, actor=coordinator_user)
    task.refresh_from_db()
    assert task.status == "delayed"
