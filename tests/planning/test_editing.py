"""Editing tasks: in place with htmx, the plain-form fallback, validation and history."""

import datetime

import pytest
from django.urls import reverse

from core.audit import history_for
from planning.models import ProgressNote, Task
from planning.quarters import Quarter
from tests.planning.factories import PlanFactory, TaskFactory, WorkstreamFactory


@pytest.fixture
def task(db):
    return TaskFactory(
        title="Recruit staff", start_quarter=Quarter(2021, 3), end_quarter=Quarter(2021, 4)
    )


def _version(task):
    """The version a form loaded now would carry (services.save_task refuses a save without)."""
    return Task.objects.values_list("version", flat=True).get(pk=task.pk)


def quick(task):
    return reverse("planning:task_quick", args=[task.pk])


def test_htmx_get_returns_the_form_row_only(coordinator_client, task):
    response = coordinator_client.get(quick(task), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<tr id="task-')
    assert "<html" not in body
    assert f'hx-post="{quick(task)}"' in body


def test_without_js_the_edit_is_its_own_page(coordinator_client, task):
    body = coordinator_client.get(quick(task)).content.decode()
    assert "<html" in body and 'name="start_quarter"' in body


def test_htmx_post_saves_and_returns_the_updated_row(coordinator_client, task):
    response = coordinator_client.post(
        quick(task),
        {
            "version": _version(task),
            "start_quarter": "2021-Q3",
            "end_quarter": "2022-Q2",
            "status": "in_progress",
        },
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="task-{task.pk}"')
    assert "Planned Q3 2021 – Q2 2022." in body
    task.refresh_from_db()
    assert task.end_quarter == Quarter(2022, 2)
    assert task.status == Task.Status.IN_PROGRESS


def test_plain_post_saves_and_redirects_to_the_timeline(coordinator_client, task):
    response = coordinator_client.post(
        quick(task),
        {
            "version": _version(task),
            "start_quarter": "2021-Q4",
            "end_quarter": "2021-Q4",
            "status": "done",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#task-{task.pk}")
    task.refresh_from_db()
    assert task.start_quarter == Quarter(2021, 4) and task.status == "done"


def test_it_rejects_an_end_before_the_start(coordinator_client, task):
    response = coordinator_client.post(
        quick(task),
        {
            "version": _version(task),
            "start_quarter": "2022-Q1",
            "end_quarter": "2021-Q3",
            "status": "done",
        },
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "The end quarter cannot be before the start quarter." in response.content.decode()
    task.refresh_from_db()
    assert task.start_quarter == Quarter(2021, 3) and task.status == "not_started"


@pytest.mark.parametrize("value", ["2023-Q3", "2030-Q1", "garbage"])
def test_it_rejects_a_quarter_outside_the_plan(coordinator_client, task, value):
    response = coordinator_client.post(
        quick(task),
        {
            "version": _version(task),
            "start_quarter": "2021-Q3",
            "end_quarter": value,
            "status": "done",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "is not one of the plan&#x27;s quarters" in body or "is not a quarter" in body
    task.refresh_from_db()
    assert task.end_quarter == Quarter(2021, 4)


def test_a_milestone_date_outside_the_plan_is_rejected(coordinator_client, db):
    milestone = TaskFactory(
        start_quarter=Quarter(2022, 1),
        end_quarter=Quarter(2022, 1),
        milestone_date=datetime.date(2022, 1, 1),
    )
    response = coordinator_client.post(
        quick(milestone),
        {"version": _version(milestone), "milestone_date": "2023-08-01", "status": "done"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Q3 2023 is not one of the plan&#x27;s quarters." in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.milestone_date == datetime.date(2022, 1, 1)


def test_moving_a_milestone_moves_its_quarter(coordinator_client, db):
    milestone = TaskFactory(
        start_quarter=Quarter(2022, 1),
        end_quarter=Quarter(2022, 1),
        milestone_date=datetime.date(2022, 1, 1),
    )
    coordinator_client.post(
        quick(milestone),
        {"version": _version(milestone), "milestone_date": "2022-05-01", "status": "not_started"},
    )
    milestone.refresh_from_db()
    assert milestone.start_quarter == milestone.end_quarter == Quarter(2022, 2)


def test_changes_are_recorded_and_shown_on_the_task(coordinator_client, coordinator_user, task):
    coordinator_client.post(
        quick(task),
        {
            "version": _version(task),
            "start_quarter": "2021-Q3",
            "end_quarter": "2022-Q1",
            "status": "delayed",
            "note": "Nobody applied",
        },
    )
    entries = list(history_for(task))
    change = next(e for e in entries if "end_quarter" in e.changes)
    assert change.actor == coordinator_user
    assert change.changes["end_quarter"] == ["2021-Q4", "2022-Q1"]
    assert change.changes["status"] == ["not_started", "delayed"]
    assert ProgressNote.objects.get(task=task).text == "Nobody applied"
    page = coordinator_client.get(
        reverse("planning:task_detail", args=[task.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "History of changes" in page and "End quarter: 2021-Q4 → 2022-Q1" in page
    assert "Nobody applied" in page


def test_saving_without_changes_records_nothing(coordinator_client, task):
    coordinator_client.post(
        quick(task),
        {
            "version": _version(task),
            "start_quarter": "2021-Q3",
            "end_quarter": "2021-Q4",
            "status": "not_started",
        },
    )
    assert not history_for(task).exists()


def test_readers_cannot_edit(staff_client, manager_client, task):
    for reader in (staff_client, manager_client):
        response = reader.post(
            quick(task),
            {
                "version": _version(task),
                "start_quarter": "2021-Q2",
                "end_quarter": "2021-Q2",
                "status": "done",
            },
        )
        assert response.status_code == 403
    task.refresh_from_db()
    assert task.status == "not_started"


def test_the_cancel_link_swaps_the_row_back(coordinator_client, task):
    body = coordinator_client.get(
        reverse("planning:task_row", args=[task.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert body.lstrip().startswith(f'<tr id="task-{task.pk}"') and "Recruit staff" in body


def test_a_row_swapped_back_gives_the_focus_to_its_edit_link(coordinator_client, task):
    """Saving or cancelling removes the focused form: the keyboard user's place is kept."""
    saved = coordinator_client.post(
        quick(task),
        {
            "version": _version(task),
            "start_quarter": "2021-Q4",
            "end_quarter": "2022-Q1",
            "status": "not_started",
        },
        HTTP_HX_REQUEST="true",
    ).content.decode()
    cancelled = coordinator_client.get(
        reverse("planning:task_row", args=[task.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    for body in (saved, cancelled):
        assert body.count("autofocus") == 1
        assert f'href="{quick(task)}"' in body.split("autofocus")[0].rsplit("<a ", 1)[1]
    timeline = coordinator_client.get(reverse("planning:timeline")).content.decode()
    assert "autofocus" not in timeline


def test_the_full_form_edits_dependencies_and_rejects_a_loop(coordinator_client, db):
    ws = WorkstreamFactory()
    first = TaskFactory(workstream=ws, title="First")
    second = TaskFactory(workstream=ws, title="Second", depends_on=[first])
    url = reverse("planning:task_edit", args=[first.pk])
    data = {
        "version": 0,
        "workstream": ws.pk,
        "title": "First",
        "start_quarter": "2021-Q3",
        "end_quarter": "2021-Q4",
        "status": "not_started",
        "order": 0,
        "depends_on": [second.pk],
    }
    response = coordinator_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "would make a loop" in response.content.decode()
    assert not first.depends_on.exists()
    data["depends_on"] = []
    data["title"] = "First, renamed"
    assert coordinator_client.post(url, data).status_code == 302
    first.refresh_from_db()
    assert first.title == "First, renamed"


def test_the_full_form_only_offers_tasks_of_the_same_plan(coordinator_client, db):
    task = TaskFactory()
    elsewhere = TaskFactory(workstream=WorkstreamFactory(plan=PlanFactory()))
    url = reverse("planning:task_edit", args=[task.pk])
    data = {
        "version": 0,
        "workstream": task.workstream.pk,
        "title": "x",
        "start_quarter": "2021-Q3",
        "end_quarter": "2021-Q4",
        "status": "not_started",
        "order": 0,
        "depends_on": [elsewhere.pk],
    }
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    assert not task.depends_on.exists()


def test_coordinators_add_a_task(coordinator_client, db):
    ws = WorkstreamFactory()
    url = reverse("planning:task_create", args=[ws.plan.pk])
    response = coordinator_client.post(
        url,
        {
            "workstream": ws.pk,
            "title": "Open in the evening",
            "milestone_date": "2022-10-01",
            "status": "not_started",
            "order": 3,
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Open in the evening")
    assert task.is_milestone and task.start_quarter == Quarter(2022, 4)
    assert history_for(task).get().action == "create"


def test_a_progress_note_is_dated_and_recorded(coordinator_client, coordinator_user, task):
    url = reverse("planning:add_note", args=[task.pk])
    response = coordinator_client.post(url, {"date": "2021-09-01", "text": "Pavilion is up"})
    assert response.status_code == 302
    note = task.notes.get()
    assert note.date == datetime.date(2021, 9, 1) and note.author == coordinator_user
    assert history_for(task).get().changes["progress_note"][1] == "2021-09-01: Pavilion is up"


def test_an_empty_note_is_refused(coordinator_client, task):
    url = reverse("planning:add_note", args=[task.pk])
    response = coordinator_client.post(url, {"date": "", "text": ""})
    assert response.status_code == 200
    assert not task.notes.exists()


def test_a_partner_organisation_can_be_responsible_and_agreements_linked(coordinator_client, db):
    from tests.partners.factories import AgreementFactory, OrganisationFactory

    korshaer = OrganisationFactory(name="Kirkens Korshær")
    agreement = AgreementFactory(organisation=korshaer, title="Overtagelse i Skælskør")
    task = TaskFactory(responsible_name="")
    url = reverse("planning:task_edit", args=[task.pk])
    data = {
        "version": 0,
        "workstream": task.workstream.pk,
        "title": task.title,
        "start_quarter": "2021-Q3",
        "end_quarter": "2021-Q4",
        "status": "not_started",
        "order": 0,
        "responsible_organisation": korshaer.pk,
        "agreements": [agreement.pk],
    }
    assert coordinator_client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.responsible_display == "Kirkens Korshær"
    page = coordinator_client.get(reverse("planning:task_detail", args=[task.pk])).content
    assert "Overtagelse i Skælskør" in page.decode()
    timeline = coordinator_client.get(
        reverse("planning:timeline"), {"responsible": "Kirkens Korshær"}
    ).content.decode()
    assert task.title in timeline


def test_a_stale_edit_is_refused_and_nothing_is_lost(coordinator_client, task):
    # Two coordinators open the same task (version 0); the first one saves.
    first = {
        "start_quarter": "2021-Q3",
        "end_quarter": "2022-Q1",
        "status": "in_progress",
        "version": 0,
    }
    assert coordinator_client.post(quick(task), first).status_code == 302
    # The second one's form still says version 0: refused, the first edit stays.
    second = {
        "start_quarter": "2021-Q3",
        "end_quarter": "2021-Q4",
        "status": "done",
        "version": 0,
        "note": "from a stale form",
    }
    response = coordinator_client.post(
        quick(task), second, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Someone else changed this task" in response.content.decode()
    assert 'name="version" value="1"' in response.content.decode()
    task.refresh_from_db()
    assert (task.end_quarter, task.status, task.version) == (Quarter(2022, 1), "in_progress", 1)
    assert not task.notes.exists()
    # Made again from the fresh form, it saves.
    second["version"] = 1
    assert coordinator_client.post(quick(task), second).status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.version == 2


def test_a_stale_full_edit_is_refused(coordinator_client, task):
    url = reverse("planning:task_edit", args=[task.pk])
    data = {
        "workstream": task.workstream.pk,
        "title": "Renamed",
        "start_quarter": "2021-Q3",
        "end_quarter": "2021-Q4",
        "status": "not_started",
        "order": 0,
        "version": 0,
    }
    Task.objects.filter(pk=task.pk).update(version=3)
    response = coordinator_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert "Someone else changed this task" in response.content.decode()
    task.refresh_from_db()
    assert task.title == "Recruit staff"
