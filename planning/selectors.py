"""Reusable reads of the action plan and the strategic targets.

For the timeline, the exports and the dashboard, and for the reports app:

- `plan_progress(start=, end=, plan=None)` -> `PlanProgress`: the plan's tasks in a period,
  sorted into done / on track / slipped (with the slipped listed and their slip in quarters)
  and cancelled. A task is "in the period" when its current or baseline quarters overlap
  the quarters of the period.
- `target_statuses(start=, end=)` -> list of `TargetReport`: each strategic target with its
  numbered sub-goals and their status text and committee follow-up for the reporting
  periods that overlap the dates.
- `timeline(plan, ...)` -> `Timeline`: rows grouped by workstream with columns, baseline,
  slip and dependency breaks, as drawn on /planning/ and in the exports.
- `attention(today=)`: delayed or slipped tasks, dependency breaks and the next milestone.

All of these take plain dates and return plain dataclasses; none needs a request.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from planning.models import (
    BaselineTask,
    Plan,
    StrategicTarget,
    SubGoal,
    SubGoalStatus,
    Task,
    TaskQuerySet,
    Workstream,
)
from planning.quarters import Quarter
from planning.schedule import column_span, dependency_breaks, slip


@dataclass
class TimelineRow:
    task: Task
    span: tuple[int, int] | None  # 1-based first and last column of the current bar
    baseline: BaselineTask | None
    baseline_span: tuple[int, int] | None
    slip: int | None  # quarters late (+) or early (-) against the baseline
    broken_dependencies: list[Task] = field(default_factory=list)
    # Not done and its end quarter is over (on the timeline's day, or the report's).
    is_overdue: bool = False

    @property
    def is_slipped(self) -> bool:
        return bool(self.slip and self.slip > 0)

    @property
    def is_early(self) -> bool:
        return bool(self.slip and self.slip < 0)

    @property
    def needs_attention(self) -> bool:
        return self.is_late or bool(self.broken_dependencies)

    @property
    def is_late(self) -> bool:
        """What a reader calls delayed: overdue, marked delayed, or slipped against the
        baseline, and not done or cancelled."""
        return self.is_overdue or (
            self.task.status not in (Task.Status.DONE, Task.Status.CANCELLED)
            and (self.is_slipped or self.task.status == Task.Status.DELAYED)
        )

    # Template helpers: CSS classes place the bars (the CSP forbids style attributes).
    @property
    def bar_class(self) -> str:
        return _grid_class(self.span)

    @property
    def baseline_class(self) -> str:
        return _grid_class(self.baseline_span)

    @property
    def early_quarters(self) -> int:
        return -self.slip if self.is_early and self.slip is not None else 0


def _grid_class(span: tuple[int, int] | None) -> str:
    if span is None:
        return ""
    return f"vs-gs-{span[0]} vs-ge-{span[1] + 1}"


@dataclass
class Column:
    quarter: Quarter
    gap_before: bool  # the previous column is not the quarter before
    is_current: bool


@dataclass
class TimelineGroup:
    workstream: object
    rows: list[TimelineRow]


@dataclass
class Timeline:
    plan: Plan
    columns: list[Column]
    groups: list[TimelineGroup]
    baseline: object
    today: datetime.date
    today_column: int | None  # 1-based, None when today is outside the columns
    today_offset: int  # tenths of the quarter gone by, for the marker's position

    @property
    def rows(self) -> list[TimelineRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def column_count(self) -> int:
        return len(self.columns)

    @property
    def today_class(self) -> str:
        if self.today_column is None:
            return ""
        return f"vs-gs-{self.today_column} vs-today-{self.today_offset}"

    @property
    def today_quarter(self) -> Quarter:
        return Quarter.from_date(self.today)

    @property
    def today_after_plan(self) -> bool:
        return bool(self.columns) and self.today_quarter > self.columns[-1].quarter

    @property
    def today_before_plan(self) -> bool:
        return bool(self.columns) and self.today_quarter < self.columns[0].quarter


def responsible_choices(plan: Plan) -> list[str]:
    """The distinct responsible names shown on the plan, for the filter."""
    tasks = Task.objects.for_plan(plan).select_related("responsible_organisation")
    return sorted({t.responsible_display for t in tasks if t.responsible_display})


def _rows(
    plan: Plan, tasks: list[Task], *, today: datetime.date
) -> tuple[list[TimelineRow], object]:
    columns = plan.columns
    baseline = plan.latest_baseline()
    baseline_tasks = {bt.task_id: bt for bt in baseline.tasks.all()} if baseline is not None else {}
    spans = {t.pk: (t.start_quarter, t.end_quarter) for t in tasks}
    edges = []
    for task in tasks:
        for dependency in task.depends_on.all():
            spans.setdefault(dependency.pk, (dependency.start_quarter, dependency.end_quarter))
            edges.append((task.pk, dependency.pk))
    breaks = dependency_breaks(spans, edges)
    rows = []
    for task in tasks:
        entry = baseline_tasks.get(task.pk)
        broken = set(breaks.get(task.pk, ()))
        rows.append(
            TimelineRow(
                task=task,
                span=column_span(columns, task.start_quarter, task.end_quarter),
                baseline=entry,
                baseline_span=column_span(columns, entry.start_quarter, entry.end_quarter)
                if entry
                else None,
                slip=slip(task.end_quarter, entry.end_quarter if entry else None),
                broken_dependencies=[d for d in task.depends_on.all() if d.pk in broken],
                is_overdue=task.is_overdue_on(today),
            )
        )
    return rows, baseline


def _task_queryset() -> TaskQuerySet:
    return Task.objects.for_timeline()


def timeline(
    plan: Plan,
    *,
    workstream: Workstream | None = None,
    status: str = "",
    responsible: str = "",
    task: Task | None = None,
    today: datetime.date | None = None,
) -> Timeline:
    """The plan drawn as rows per workstream; `task` limits it to one row (htmx swaps)."""
    today = today or timezone.localdate()
    tasks = _task_queryset().for_plan(plan)
    if task is not None:
        tasks = tasks.filter(pk=task.pk)
    if workstream is not None:
        tasks = tasks.filter(workstream=workstream)
    if status:
        tasks = tasks.filter(status=status)
    task_list = list(tasks)
    if responsible:
        task_list = [t for t in task_list if t.responsible_display == responsible]
    rows, baseline = _rows(plan, task_list, today=today)
    groups: dict[int, TimelineGroup] = {}
    for row in rows:
        ws = row.task.workstream
        groups.setdefault(ws.pk, TimelineGroup(workstream=ws, rows=[])).rows.append(row)
    quarters = plan.columns
    today_quarter = Quarter.from_date(today)
    columns = [
        Column(
            quarter=q,
            gap_before=i > 0 and q - quarters[i - 1] > 1,
            is_current=q == today_quarter,
        )
        for i, q in enumerate(quarters)
    ]
    today_column = next((i for i, q in enumerate(quarters, 1) if q == today_quarter), None)
    elapsed = (today - today_quarter.first_day).days
    length = (today_quarter.last_day - today_quarter.first_day).days + 1
    return Timeline(
        plan=plan,
        columns=columns,
        groups=list(groups.values()),
        baseline=baseline,
        today=today,
        today_column=today_column,
        today_offset=min(9, elapsed * 10 // length),
    )


def default_plan() -> Plan | None:
    return Plan.objects.order_by("-dated", "name").first()


@dataclass
class PlanProgress:
    start: datetime.date
    end: datetime.date
    done: list[TimelineRow]
    on_track: list[TimelineRow]
    slipped: list[TimelineRow]
    cancelled: list[TimelineRow]

    @property
    def total(self) -> int:
        return len(self.done) + len(self.on_track) + len(self.slipped) + len(self.cancelled)


def plan_progress(
    *,
    start: datetime.date,
    end: datetime.date,
    plan: Plan | None = None,
    today: datetime.date | None = None,
) -> PlanProgress:
    """The tasks in a period, sorted into done, on track, slipped and cancelled.

    Slipped (what a reader calls delayed): not done, and its end quarter is over by the
    end of the period (or today, if sooner), or its end is later than the baseline's, or
    its status is "delayed". Rows carry `slip` (quarters, None without a baseline) and
    `is_overdue`.
    """
    first, last = Quarter.from_date(start), Quarter.from_date(end)
    # A task is overdue in a report when its end quarter was over when the period ended;
    # a period still running is judged today.
    as_of = min(today or timezone.localdate(), end + datetime.timedelta(days=1))
    plans = [plan] if plan is not None else list(Plan.objects.all())
    progress = PlanProgress(start=start, end=end, done=[], on_track=[], slipped=[], cancelled=[])
    for each in plans:
        rows, _baseline = _rows(each, list(_task_queryset().for_plan(each)), today=as_of)
        for row in rows:
            task = row.task
            spans = [(task.start_quarter, task.end_quarter)]
            if row.baseline is not None:
                spans.append((row.baseline.start_quarter, row.baseline.end_quarter))
            if not any(s <= last and e >= first for s, e in spans):
                continue
            if task.status == Task.Status.DONE:
                progress.done.append(row)
            elif task.status == Task.Status.CANCELLED:
                progress.cancelled.append(row)
            elif row.is_late:
                progress.slipped.append(row)
            else:
                progress.on_track.append(row)
    return progress


@dataclass
class SubGoalReport:
    sub_goal: SubGoal
    statuses: list[SubGoalStatus]  # one per overlapping reporting period, oldest first


@dataclass
class TargetReport:
    target: StrategicTarget
    sub_goals: list[SubGoalReport]


def target_statuses(
    *, start: datetime.date | None, end: datetime.date | None
) -> list[TargetReport]:
    """Each strategic target with its sub-goals' status texts and the committee's
    follow-up, for the reporting periods that overlap [start, end] (none without dates)."""
    statuses = SubGoalStatus.objects.select_related("period").order_by(
        "period__starts", "period__title"
    )
    if start is None or end is None:
        statuses = statuses.none()
    else:
        statuses = statuses.filter(period__starts__lte=end, period__ends__gte=start)
    targets = StrategicTarget.objects.prefetch_related(
        "sub_goals", Prefetch("sub_goals__statuses", queryset=statuses, to_attr="in_period")
    )
    return [
        TargetReport(
            target=target,
            sub_goals=[
                SubGoalReport(sub_goal=goal, statuses=goal.in_period)  # type: ignore[attr-defined]  # Prefetch to_attr
                for goal in target.sub_goals.all()
            ],
        )
        for target in targets
    ]


@dataclass
class Attention:
    rows: list[TimelineRow]  # overdue, delayed, slipped or breaking a dependency
    next_milestone: Task | None

    @property
    def overdue(self) -> int:
        return sum(row.is_overdue for row in self.rows)

    @property
    def late(self) -> int:
        return sum(row.is_late for row in self.rows)


def attention(*, today: datetime.date | None = None) -> Attention:
    """What a coordinator should look at: the default plan's problem tasks (overdue ones
    first) and the next milestone that is neither done nor cancelled."""
    today = today or timezone.localdate()
    plan = default_plan()
    if plan is None:
        return Attention(rows=[], next_milestone=None)
    rows, _baseline = _rows(plan, list(_task_queryset().for_plan(plan)), today=today)
    milestone = (
        Task.objects.for_plan(plan)
        .milestones()
        .open()
        .filter(milestone_date__gte=today)
        .order_by("milestone_date")
        .first()
    )
    problems = [r for r in rows if r.needs_attention]
    # Overdue first, the longest overdue first; the sort is stable for the rest.
    problems.sort(key=lambda r: (not r.is_overdue, r.task.end_quarter.index if r.is_overdue else 0))
    return Attention(rows=problems, next_milestone=milestone)
