"""Factories for plans, workstreams, tasks and strategic targets."""

import datetime

import factory

from planning import models
from planning.quarters import Quarter

QUARTERS_2021 = [
    "2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2",
    "2022-Q3", "2022-Q4", "2023-Q1", "2024-Q1",
]  # fmt: skip


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Plan

    name = factory.Sequence(lambda n: f"Plan {n}")
    dated = datetime.date(2021, 5, 25)
    quarters = factory.LazyFunction(lambda: list(QUARTERS_2021))


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Workstream

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Workstream {n}")


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Task
        skip_postgeneration_save = True

    workstream = factory.SubFactory(WorkstreamFactory)
    title = factory.Sequence(lambda n: f"Task {n}")
    start_quarter = Quarter(2021, 3)
    end_quarter = Quarter(2021, 4)
    responsible_name = "Rusmiddelcenter Slagelse"

    @factory.post_generation
    def depends_on(self, create, extracted, **kwargs):
        if create and extracted:
            self.depends_on.add(*extracted)


class StrategicTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.StrategicTarget

    title = factory.Sequence(lambda n: f"Target {n}")


class SubGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SubGoal

    target = factory.SubFactory(StrategicTargetFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Sub-goal {n}")


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReportingPeriod

    title = factory.Sequence(lambda n: f"Period {n}")
    starts = datetime.date(2021, 1, 1)
    ends = datetime.date(2021, 12, 31)


class SubGoalStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SubGoalStatus

    sub_goal = factory.SubFactory(SubGoalFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    status_text = "Going well"
