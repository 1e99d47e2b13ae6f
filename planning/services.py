"""Writes that touch several models or need an audit entry: tasks, notes, baselines, statuses."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from core import audit
from core.audit import Actor, kept_note
from planning.models import (
    Baseline,
    BaselineTask,
    Plan,
    ProgressNote,
    ReportingPeriod,
    SubGoal,
    SubGoalStatus,
    Task,
)
from planning.quarters import Quarter


class EditConflict(Exception):
    """The task was changed by someone else after the form was loaded."""


@transaction.atomic
def save_task(*, form: forms.ModelForm, actor: Actor) -> Task:
    """Save a valid TaskForm or TaskQuickForm and record what changed on the task.

    A quick form's optional note becomes a progress note dated today. Raises EditConflict,
    saving nothing, when the task's version is no longer the one the form was loaded with.
    """
    creating = form.instance.pk is None
    changes = audit.form_changes(form)
    changes.pop("note", None)
    changes.pop("version", None)
    checked = bool(changes.pop("quarters_checked", None))
    # The "quarters inferred – check" mark goes once a coordinator has set the quarters:
    # changed them, or said they are right; unless the same form ticks the mark itself.
    quarters_set = checked or any(
        name in changes for name in ("start_quarter", "end_quarter", "milestone_date")
    )
    if (
        not creating
        and quarters_set
        and form.instance.quarters_inferred
        and "quarters_inferred" not in form.changed_data
    ):
        form.instance.quarters_inferred = False
        changes["quarters_inferred"] = [True, False]
    if not creating:
        seen = form.cleaned_data.get("version")
        # A save that does not say which version it changes is refused, never waved through.
        if seen is None:
            raise EditConflict
        current = Task.objects.filter(pk=form.instance.pk, version=seen)
        # One conditional UPDATE: of two saves from the same version only one matches.
        if current.update(version=F("version") + 1) != 1:
            raise EditConflict
        form.instance.version = Task.objects.values_list("version", flat=True).get(
            pk=form.instance.pk
        )
    task = form.save()
    if creating or changes:
        audit.record(
            actor=actor,
            instance=task,
            action="create" if creating else "update",
            changes=changes,
        )
    note = form.cleaned_data.get("note", "")
    if note:
        add_progress_note(task=task, actor=actor, text=note, date=timezone.localdate())
    return task


@transaction.atomic
def set_plan_quarters(*, plan: Plan, quarters: list[str], actor: Actor) -> Plan:
    """Set the plan's quarter columns (extend it, fill a gap) and record the change.

    Refuses (ValidationError, nothing saved) when a task would start or end in a quarter
    that is no longer a column; the plan's tasks are locked so none moves meanwhile.
    """
    columns = sorted({Quarter.parse(q) for q in quarters})
    if not columns:
        raise ValidationError(_("Tick at least one quarter."), code="required")
    list(Task.objects.for_plan(plan).select_for_update().values_list("pk", flat=True))
    outside = Task.objects.for_plan(plan).outside_quarters(columns)
    if outside:
        raise ValidationError(
            _("Some tasks start or end in a quarter that is not ticked: %(tasks)s.")
            % {"tasks": ", ".join(f"{t.title} ({t.span_label})" for t in outside)},
            code="used",
        )
    # As stored, not as a bound form may have left the instance it was given.
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    before = [q.label for q in locked.columns]
    locked.quarters = [str(q) for q in columns]
    locked.full_clean(validate_unique=False)
    locked.save(update_fields=["quarters"])
    after = [q.label for q in columns]
    if before != after:
        audit.record(
            actor=actor,
            instance=locked,
            action="update",
            changes={"quarters": [", ".join(before), ", ".join(after)]},
        )
    return locked


@transaction.atomic
def add_progress_note(*, task: Task, actor: Actor, text: str, date: datetime.date) -> ProgressNote:
    note = ProgressNote.objects.create(
        task=task, text=text, date=date, author=audit.user_or_none(actor)
    )
    audit.record(
        actor=actor,
        instance=task,
        action="update",
        changes={"progress_note": [None, f"{date:%Y-%m-%d}: {text}"]},
    )
    return note


@transaction.atomic
def freeze_baseline(*, plan: Plan, actor: Actor, label: str = "") -> Baseline:
    """Keep every task's current quarters as the agreed ones; slip is measured from here."""
    # Lock the plan's tasks so a concurrent edit lands wholly before or after the freeze.
    tasks = list(Task.objects.for_plan(plan).select_for_update().order_by("pk"))
    baseline = Baseline.objects.create(
        plan=plan,
        label=label,
        frozen_at=timezone.now(),
        frozen_by=audit.user_or_none(actor),
    )
    BaselineTask.objects.bulk_create(
        BaselineTask(
            baseline=baseline,
            task=task,
            start_quarter=task.start_quarter,
            end_quarter=task.end_quarter,
            milestone_date=task.milestone_date,
        )
        for task in tasks
    )
    audit.record(
        actor=actor,
        instance=plan,
        action="update",
        changes={"baseline": [None, str(baseline)]},
        note=kept_note(
            ngettext_lazy(
                "Baseline frozen with %(count)d task",
                "Baseline frozen with %(count)d tasks",
                "count",
            )
            % {"count": len(tasks)}
        ),
    )
    return baseline


@transaction.atomic
def save_sub_goal_status(
    *, sub_goal: SubGoal, period: ReportingPeriod, status_text: str, follow_up: str, actor: Actor
) -> SubGoalStatus:
    status, created = SubGoalStatus.objects.select_for_update().get_or_create(
        sub_goal=sub_goal, period=period
    )
    changes = {}
    if status.status_text != status_text:
        changes["status_text"] = [status.status_text, status_text]
    if status.committee_follow_up != follow_up:
        changes["committee_follow_up"] = [status.committee_follow_up, follow_up]
    if changes:
        status.status_text, status.committee_follow_up = status_text, follow_up
        status.save(update_fields=["status_text", "committee_follow_up"])
        audit.record(
            actor=actor,
            instance=status,
            action="create" if created else "update",
            changes=changes,
        )
    return status


@transaction.atomic
def mark_period_sent(
    *, period: ReportingPeriod, meeting_date: datetime.date, actor: Actor
) -> ReportingPeriod:
    """Draft → sent to USB for the meeting on `meeting_date`. A period is sent once; a later
    version of its document is issued from the reports app, with a note."""
    locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if locked.state != ReportingPeriod.State.DRAFT:
        raise ValidationError(_("This period has already been sent to USB."), code="sent")
    locked.state = ReportingPeriod.State.SENT
    locked.meeting_date = meeting_date
    locked.sent_at = timezone.now()
    locked.sent_by = audit.user_or_none(actor)
    locked.save(update_fields=["state", "meeting_date", "sent_at", "sent_by"])
    audit.record(
        actor=actor,
        instance=locked,
        action="update",
        changes={
            "state": [ReportingPeriod.State.DRAFT.label, locked.get_state_display()],
            "meeting_date": [None, meeting_date.isoformat()],
        },
    )
    return locked


@transaction.atomic
def record_decision(
    *, period: ReportingPeriod, decided_on: datetime.date, decision: str, actor: Actor
) -> ReportingPeriod:
    """Sent → USB's decision recorded (it can be corrected later)."""
    locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if locked.state == ReportingPeriod.State.DRAFT:
        raise ValidationError(
            _("Mark the period sent to USB before recording USB's decision."), code="draft"
        )
    changes = {}
    if locked.decided_on != decided_on:
        changes["decided_on"] = [
            locked.decided_on.isoformat() if locked.decided_on else None,
            decided_on.isoformat(),
        ]
    if locked.decision != decision:
        changes["decision"] = [locked.decision, decision]
    if locked.state != ReportingPeriod.State.DECIDED:
        changes["state"] = [locked.get_state_display(), str(ReportingPeriod.State.DECIDED.label)]
    locked.state = ReportingPeriod.State.DECIDED
    locked.decided_on, locked.decision = decided_on, decision
    locked.save(update_fields=["state", "decided_on", "decision"])
    if changes:
        audit.record(actor=actor, instance=locked, action="update", changes=changes)
    return locked
