"""The coordinators' dashboard panel: delayed tasks and the next milestone."""

import datetime

from django.urls import reverse
from django.utils import timezone

from planning.models import Task
from planning.quarters import Quarter
from tests.dom import parse
from tests.planning.factories import PlanFactory, TaskFactory, WorkstreamFactory


def body_items(doc) -> list[str]:
    return [li.text for li in doc.select("section.vs-panel li")]


def _plan_around_today():
    current = Quarter.from_date(timezone.localdate())
    plan = PlanFactory(quarters=[str(current + n) for n in range(-2, 4)])
    return WorkstreamFactory(plan=plan), current


def test_coordinators_see_delayed_tasks_and_the_next_milestone(coordinator_client, db):
    ws, current = _plan_around_today()
    TaskFactory(
        workstream=ws,
        title="Hire staff",
        status=Task.Status.DELAYED,
        start_quarter=current,
        end_quarter=current,
    )
    TaskFactory(
        workstream=ws,
        title="Open the site",
        start_quarter=current + 2,
        end_quarter=current + 2,
        milestone_date=(current + 2).first_day,
    )
    TaskFactory(
        workstream=ws,
        title="Old milestone",
        start_quarter=current - 1,
        end_quarter=current - 1,
        milestone_date=(current - 1).first_day,
    )
    page = coordinator_client.get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert "Hire staff" in body
    doc = parse(body)
    next_line = next(p for p in doc.select("section.vs-panel p") if "Next milestone:" in p.text)
    assert "Open the site" in next_line.text
    # A milestone in a past quarter is not next; not done, it is overdue instead.
    assert "Old milestone" not in next_line.text
    assert "Old milestone – overdue: due " + (current - 1).label in body_items(doc)


def test_others_get_no_planning_panel(staff_client, manager_client, volunteer_client, db):
    ws, current = _plan_around_today()
    TaskFactory(
        workstream=ws,
        title="Hire staff",
        status=Task.Status.DELAYED,
        start_quarter=current,
        end_quarter=current,
    )
    for other in (staff_client, manager_client, volunteer_client):
        body = other.get(reverse("core:dashboard")).content.decode()
        assert "Hire staff" not in body


def test_the_panel_works_without_any_plan(coordinator_client, db):
    body = coordinator_client.get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert "No milestone ahead." in body.content.decode()


def test_dates_in_the_past_are_not_next(db):
    from planning.selectors import attention

    ws, current = _plan_around_today()
    TaskFactory(
        workstream=ws,
        start_quarter=current - 1,
        end_quarter=current - 1,
        milestone_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert attention().next_milestone is None
