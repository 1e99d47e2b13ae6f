"""The timeline page: grouping, bars, baseline, milestones, today, filters, access."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from planning import services
from planning.models import Task
from planning.quarters import Quarter
from tests.planning.factories import PlanFactory, TaskFactory, WorkstreamFactory

URL = reverse("planning:timeline")


@pytest.fixture
def plan(db):
    plan = PlanFactory(name="Tids- og handleplan")
    korsor = WorkstreamFactory(plan=plan, name="Korsør", order=0)
    skaelskor = WorkstreamFactory(plan=plan, name="Skælskør", order=1)
    find = TaskFactory(
        workstream=korsor,
        title="Find a location",
        order=0,
        start_quarter=Quarter(2021, 2),
        end_quarter=Quarter(2021, 3),
    )
    TaskFactory(
        workstream=korsor,
        title="Permanent offer",
        order=1,
        start_quarter=Quarter(2022, 1),
        end_quarter=Quarter(2022, 1),
        milestone_date=datetime.date(2022, 1, 1),
        depends_on=[find],
    )
    TaskFactory(
        workstream=skaelskor,
        title="Agree with Kirkens Korshær",
        start_quarter=Quarter(2021, 2),
        end_quarter=Quarter(2021, 3),
        status=Task.Status.DONE,
        responsible_name="Kirkens Korshær",
        quarters_inferred=True,
    )
    return plan


def test_it_shows_tasks_grouped_by_workstream_with_quarter_columns(staff_client, plan):
    page = staff_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = page[page.index("<main") :]
    korsor, skaelskor = (f'id="ws-{ws.pk}">' for ws in plan.workstreams.order_by("order"))
    assert page.index(korsor) < page.index("Find a location") < page.index(skaelskor)
    assert page.index(skaelskor) < page.index("Agree with Kirkens Korshær")
    for label in ["Q2 2021", "Q1 2023", "Q1 2024"]:
        assert label in page
    # Q2-Q3 2021 are the first two columns: the bar starts at 1 and ends before 3.
    assert "vs-bar vs-gs-1 vs-ge-3" in page
    assert "vs-milestone vs-gs-4 vs-ge-5" in page


def test_each_bar_has_text_for_screen_readers(staff_client, plan):
    page = staff_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Planned Q2 2021 – Q3 2021." in page
    assert "Milestone by 1. January 2022 (Q1 2022)." in page
    assert '<th scope="row"' in page and 'aria-hidden="true"' in page


def test_inferred_quarters_show_a_badge(staff_client, plan):
    page = staff_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("Quarters inferred – check") == 1


def test_the_jump_in_the_columns_is_marked(staff_client, plan):
    page = staff_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The plan's columns jump to Q1 2024" in page


def test_the_baseline_is_drawn_under_the_bar_and_slip_is_shown(
    staff_client, coordinator_user, plan
):
    services.freeze_baseline(plan=plan, actor=coordinator_user)
    task = Task.objects.get(title="Find a location")
    task.end_quarter = Quarter(2022, 1)
    task.save()
    page = staff_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "vs-baseline vs-gs-1 vs-ge-3" in page
    assert "Slipped 2 quarters" in page
    assert "Baseline Q2 2021 – Q3 2021." in page


def test_a_dependency_break_is_flagged(staff_client, plan):
    milestone = Task.objects.get(title="Permanent offer")
    find = Task.objects.get(title="Find a location")
    find.end_quarter = Quarter(2022, 2)
    find.save()
    assert milestone.depends_on.filter(pk=find.pk).exists()
    page = staff_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Starts before “Find a location” ends" in page


def test_the_today_marker_is_in_the_current_quarter(staff_client, db):
    today = timezone.localdate()
    current = Quarter.from_date(today)
    plan = PlanFactory(quarters=[str(current + n) for n in range(-1, 3)])
    TaskFactory(workstream=WorkstreamFactory(plan=plan), start_quarter=current, end_quarter=current)
    page = staff_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "vs-today vs-gs-2 vs-today-" in page


def test_filters_by_workstream_status_and_responsible(staff_client, plan):
    korsor = plan.workstreams.get(name="Korsør")
    page = staff_client.get(URL, {"workstream": korsor.pk}).content.decode()
    assert "Find a location" in page and "Agree with Kirkens Korshær" not in page
    page = staff_client.get(URL, {"status": "done"}).content.decode()
    assert "Find a location" not in page and "Agree with Kirkens Korshær" in page
    page = staff_client.get(URL, {"responsible": "Kirkens Korshær"}).content.decode()
    assert "Find a location" not in page and "Agree with Kirkens Korshær" in page


def test_a_bad_filter_is_ignored_not_an_error(staff_client, plan):
    response = staff_client.get(URL, {"workstream": "999999", "status": "nonsense"})
    assert response.status_code == 200
    assert "Find a location" in response.content.decode()


def test_an_unknown_plan_is_not_found(staff_client, plan):
    assert staff_client.get(URL, {"plan": "999999"}).status_code == 404


def test_readers_see_no_edit_buttons(staff_client, manager_client, plan):
    for reader in (staff_client, manager_client):
        page = reader.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "/quick/" not in page
        assert "Freeze the baseline" not in page


def test_coordinators_see_edit_buttons(coordinator_client, plan):
    page = coordinator_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'hx-get="/planning/tasks/' in page
    assert "Freeze the baseline" in page


def test_the_page_is_danish_by_default(staff_client, plan):
    page = staff_client.get(URL).content.decode()
    assert "Opgave" in page


def test_volunteers_and_anonymous_cannot_see_the_plan(volunteer_client, client, plan):
    assert volunteer_client.get(URL).status_code == 403
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_timeline_takes_a_bounded_number_of_queries(
    staff_client, plan, django_assert_max_num_queries
):
    ws = plan.workstreams.first()
    for n in range(20):
        TaskFactory(workstream=ws, title=f"Extra {n}")
    with django_assert_max_num_queries(20):
        staff_client.get(URL)
