"""The action plan: tasks done, on track and slipped; the strategic targets' status."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from planning.selectors import PlanProgress, plan_progress, target_statuses
from reports.report import Column, Fact, Section, Table
from reports.sections.common import Context

KEY = "plan"


@dataclass
class PlanFigures:
    done: list[str] = field(default_factory=list)
    on_track: list[str] = field(default_factory=list)
    slipped: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    # (target, sub-goal number, reporting period, status text, committee follow-up)
    statuses: list[tuple[str, int, str, str, str]] = field(default_factory=list)


def _task_row(row, kind: str | None = None) -> list:
    task = row.task
    cells = [
        task.title,
        str(task.workstream),
        task.span_label,
        f"{row.baseline.start_quarter.label} – {row.baseline.end_quarter.label}"
        if row.baseline
        else None,
        row.slip,
        _("%(status)s, overdue: due %(quarter)s")
        % {"status": task.get_status_display(), "quarter": task.end_quarter.label}
        if row.is_overdue
        else task.get_status_display(),
        task.responsible_display,
    ]
    return cells if kind is None else [*cells, kind]


def _task_columns(*, kind: bool = False) -> list[Column]:
    columns = [
        Column(_("Task"), numeric=False),
        Column(_("Workstream"), numeric=False),
        Column(_("Quarters"), numeric=False),
        Column(_("Baseline"), numeric=False),
        Column(_("Slip (quarters)")),
        Column(_("Status"), numeric=False),
        Column(_("Responsible"), numeric=False),
    ]
    return [*columns, Column(_("In the report"), numeric=False)] if kind else columns


def build(ctx: Context) -> Section:
    progress: PlanProgress = plan_progress(start=ctx.period.start, end=ctx.period.end)
    figures = PlanFigures(
        done=[r.task.title for r in progress.done],
        on_track=[r.task.title for r in progress.on_track],
        slipped=[r.task.title for r in progress.slipped],
        cancelled=[r.task.title for r in progress.cancelled],
    )
    slipped = Table(
        key="slipped",
        title=_("Slipped tasks"),
        columns=_task_columns(),
        rows=[_task_row(r) for r in progress.slipped],
        note=_(
            "Slipped: not done, and past its end quarter by the end of the period, "
            "marked delayed, or ending later than the baseline."
        ),
    )
    kinds = (
        (progress.done, _("Done")),
        (progress.on_track, _("On track")),
        (progress.slipped, _("Slipped")),
        (progress.cancelled, _("Cancelled")),
    )
    every_task = Table(
        key="tasks",
        title=_("Tasks in the period"),
        columns=_task_columns(kind=True),
        rows=[_task_row(r, kind) for rows, kind in kinds for r in rows],
        detail=True,
    )

    lists = [(_("Done in the period"), figures.done)]
    statuses = Table(
        key="targets",
        title=_("Strategic targets: status"),
        columns=[
            Column(_("Strategic target"), numeric=False),
            Column(_("No."), numeric=True),
            Column(_("Sub-goal"), numeric=False),
            Column(_("Reporting period"), numeric=False),
            Column(_("Status"), numeric=False),
            Column(_("Committee's follow-up"), numeric=False),
        ],
        detail=True,
    )
    # The status document shows the targets itself, with its own period's statuses only.
    reports = (
        [] if ctx.with_document else target_statuses(start=ctx.period.start, end=ctx.period.end)
    )
    for report in reports:
        items = []
        for goal in report.sub_goals:
            for status in goal.statuses:
                figures.statuses.append(
                    (
                        report.target.title,
                        goal.sub_goal.number,
                        status.period.title,
                        status.status_text,
                        status.committee_follow_up,
                    )
                )
                statuses.rows.append(
                    [
                        report.target.title,
                        goal.sub_goal.number,
                        goal.sub_goal.title,
                        status.period.title,
                        status.status_text,
                        status.committee_follow_up,
                    ]
                )
                text = f"{goal.sub_goal.number}. {goal.sub_goal.title} ({status.period.title}): "
                text += status.status_text or _("no status given")
                if status.committee_follow_up:
                    text += " " + _("USB: %(note)s") % {"note": status.committee_follow_up}
                items.append(text)
        if items:
            lists.append((_("Strategic target: %(title)s") % {"title": report.target.title}, items))
    if not figures.statuses and not ctx.with_document:
        lists.append((_("Strategic targets"), []))

    return Section(
        key=KEY,
        title=_("Action plan"),
        note=_("The whole action plan, whichever sites are chosen."),
        facts=[
            Fact(_("Tasks done"), len(figures.done)),
            Fact(_("Tasks on track"), len(figures.on_track)),
            Fact(_("Tasks slipped"), len(figures.slipped)),
            Fact(_("Tasks cancelled"), len(figures.cancelled)),
        ],
        tables=[slipped, every_task] if ctx.with_document else [slipped, every_task, statuses],
        lists=lists,
        figures=figures,
    )
