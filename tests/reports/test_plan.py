"""The action plan in the report: done, on track and slipped tasks; target statuses."""

import datetime

import pytest

from planning.models import Task
from planning.quarters import Quarter
from planning.services import freeze_baseline
from reports.builder import build_report
from reports.periods import Period
from tests.planning.factories import (
    ReportingPeriodFactory,
    SubGoalFactory,
    SubGoalStatusFactory,
    TaskFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db


def test_it_sorts_the_tasks_of_the_period(manager_user):
    korsor = WorkstreamFactory(name="Korsør")
    done = TaskFactory(workstream=korsor, title="Find lokaler", status=Task.Status.DONE)
    on_track = TaskFactory(
        workstream=korsor, title="Rekruttér frivillige", end_quarter=Quarter(2022, 1)
    )
    late = TaskFactory(workstream=korsor, title="Indret lokaler")
    delayed = TaskFactory(
        workstream=korsor, title="Aftaler med partnere", status=Task.Status.DELAYED
    )
    TaskFactory(
        workstream=korsor,
        title="Evaluér",
        start_quarter=Quarter(2023, 1),
        end_quarter=Quarter(2023, 1),
    )  # outside 2021
    freeze_baseline(plan=korsor.plan, actor=manager_user)
    Task.objects.filter(pk=late.pk).update(end_quarter=Quarter(2022, 2))

    section = build_report(period=Period.year(2021), sites=[]).section("plan")

    figures = section.figures
    assert figures.done == [done.title]
    assert figures.on_track == [on_track.title]
    assert sorted(figures.slipped) == sorted([late.title, delayed.title])
    facts = {f.label: f.value for f in section.facts}
    assert facts["Opgaver udført"] == 1
    assert facts["Opgaver forsinket"] == 2
    slipped = {row[0]: row for row in section.tables[0].rows}
    assert slipped["Indret lokaler"][4] == 2  # two quarters later than the baseline
    assert slipped["Indret lokaler"][3] == "Q3 2021 – Q4 2021"
    assert "Evaluér" not in [row[0] for row in section.tables[1].rows]


def test_it_gives_the_target_statuses_of_the_period():
    goal = SubGoalFactory(target__title="Udsathed og Hjemløshed", number=1, title="Boliger")
    SubGoalStatusFactory(
        sub_goal=goal,
        period=ReportingPeriodFactory(
            title="2021", starts=datetime.date(2021, 1, 1), ends=datetime.date(2021, 12, 31)
        ),
        status_text="9 skæve boliger opført",
        committee_follow_up="Området følges tæt af USB",
    )
    SubGoalStatusFactory(
        sub_goal=goal,
        period=ReportingPeriodFactory(
            title="2019", starts=datetime.date(2019, 1, 1), ends=datetime.date(2019, 12, 31)
        ),
        status_text="Gammel status",
    )

    section = build_report(period=Period.half_year(2021, 2), sites=[]).section("plan")

    assert section.figures.statuses == [
        ("Udsathed og Hjemløshed", 1, "2021", "9 skæve boliger opført", "Området følges tæt af USB")
    ]
    heading, items = section.lists[-1]
    assert heading == "Pejlemærke: Udsathed og Hjemløshed"
    assert items == ["1. Boliger (2021): 9 skæve boliger opført USB: Området følges tæt af USB"]
