"""Access classification of the planning URLs."""

from tests.access import COORDINATORS, OPERATIONS, Access, expect


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


def _target(users):
    from tests.planning.factories import StrategicTargetFactory

    return {"pk": StrategicTargetFactory().pk}


def _new_sub_goal(users):
    from tests.planning.factories import StrategicTargetFactory

    return {"target_pk": StrategicTargetFactory().pk}


def _sub_goal(users):
    from tests.planning.factories import SubGoalFactory

    return {"pk": SubGoalFactory().pk}


def _period(users):
    from tests.planning.factories import ReportingPeriodFactory

    return {"pk": ReportingPeriodFactory().pk}


def _sent_period(users):
    from planning.models import ReportingPeriod
    from tests.planning.factories import ReportingPeriodFactory

    return {"pk": ReportingPeriodFactory(state=ReportingPeriod.State.SENT).pk}


# The USB status document is drafted by coordinators and managers (draft_usb_status).
DRAFTERS = expect(coordinator="ok", manager="ok")

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
    Access("planning:plan_quarters", COORDINATORS, kwargs=_plan),
    Access("planning:targets", OPERATIONS),
    Access("planning:period_create", DRAFTERS),
    Access("planning:period_edit", DRAFTERS, kwargs=_period),
    Access("planning:period_send", DRAFTERS, kwargs=_period),
    Access("planning:period_decision", DRAFTERS, kwargs=_sent_period),
    Access("planning:target_create", DRAFTERS),
    Access("planning:target_edit", DRAFTERS, kwargs=_target),
    Access("planning:sub_goal_create", DRAFTERS, kwargs=_new_sub_goal),
    Access("planning:sub_goal_edit", DRAFTERS, kwargs=_sub_goal),
    Access("planning:status_edit", DRAFTERS, kwargs=_status),
]
