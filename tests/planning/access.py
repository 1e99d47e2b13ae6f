"""Access classification of the planning URLs."""

from tests.access import COORDINATORS, OPERATIONS, Access


def _task(users):
    from tests.planning.factories import TaskFactory

    return {"pk": TaskFactory().pk}


def _plan(users):
    from tests.planning.factories import PlanFactory

    return {"pk": PlanFactory().pk}


def _a_plan_exists(users):
    _plan(users)
    return {}


def _new_task(users):
    from tests.planning.factories import PlanFactory

    return {"plan_pk": PlanFactory().pk}


def _status(users):
    from tests.planning.factories import ReportingPeriodFactory, SubGoalFactory

    return {"sub_goal_pk": SubGoalFactory().pk, "period_pk": ReportingPeriodFactory().pk}


ACCESS = [
    Access("planning:timeline", OPERATIONS),
    Access("planning:export_xlsx", OPERATIONS, kwargs=_a_plan_exists),
    Access("planning:export_pdf", OPERATIONS, kwargs=_a_plan_exists),
    Access("planning:task_detail", OPERATIONS, kwargs=_task),
    Access("planning:task_row", OPERATIONS, kwargs=_task),
    Access("planning:task_quick", COORDINATORS, kwargs=_task),
    Access("planning:task_edit", COORDINATORS, kwargs=_task),
    Access("planning:task_create", COORDINATORS, kwargs=_new_task),
    Access("planning:add_note", COORDINATORS, kwargs=_task, method="post", data={}),
    Access("planning:freeze", COORDINATORS, kwargs=_plan, method="post", data={}),
    Access("planning:targets", OPERATIONS),
    Access("planning:period_create", COORDINATORS),
    Access("planning:status_edit", COORDINATORS, kwargs=_status),
]
