"""The action plan (plans, workstreams, tasks, baselines) and the strategic targets."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planning.quarters import Quarter, QuarterField


class Plan(models.Model):
    """A dated action plan, e.g. the "Tids- og handleplan" of 25 May 2021.

    `quarters` are the plan's columns as printed, in order; they need not be consecutive
    (the 2021 plan jumps from Q1 2023 to Q1 2024). A task's quarters must be columns.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    dated = models.DateField(_("dated"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    quarters = models.JSONField(
        _("quarters"),
        default=list,
        help_text=_("The plan's quarter columns in order, e.g. 2021-Q2, 2021-Q3."),
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-dated", "name"]

    def __str__(self) -> str:
        return self.name

    # The timeline's CSS places bars in up to this many columns (planning.css).
    MAX_QUARTERS = 40

    def clean(self):
        if len(self.quarters or []) > self.MAX_QUARTERS:
            raise ValidationError(
                {
                    "quarters": _("A plan can have at most %(count)d quarters.")
                    % {"count": self.MAX_QUARTERS}
                }
            )
        try:
            columns = [Quarter.parse(q) for q in self.quarters or []]
        except ValueError:
            raise ValidationError(
                {"quarters": _("Each quarter must be written as 2021-Q3.")}
            ) from None
        if columns != sorted(set(columns)):
            raise ValidationError({"quarters": _("The quarters must be in order, each once.")})

    @property
    def columns(self) -> list[Quarter]:
        return [Quarter.parse(q) for q in self.quarters]

    def latest_baseline(self):
        return self.baselines.order_by("-frozen_at", "-id").first()


class Workstream(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="workstreams"
    )
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("workstream")
        verbose_name_plural = _("workstreams")
        ordering = ["plan", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="workstream_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name


class TaskQuerySet(models.QuerySet):
    def for_plan(self, plan):
        return self.filter(workstream__plan=plan)

    def for_timeline(self):
        return self.select_related(
            "workstream", "workstream__plan", "responsible_organisation"
        ).prefetch_related("depends_on", "sites")

    def milestones(self):
        return self.filter(milestone_date__isnull=False)

    def open(self):
        return self.exclude(status__in=[Task.Status.DONE, Task.Status.CANCELLED])

    def outside_quarters(self, columns: list[Quarter]) -> list["Task"]:
        """The tasks that start or end in a quarter not among `columns`."""
        names = [str(q) for q in columns]
        return list(
            self.filter(~Q(start_quarter__in=names) | ~Q(end_quarter__in=names)).order_by(
                "start_quarter", "title"
            )
        )

    def overdue(self, today: datetime.date | None = None):
        """Open tasks whose end quarter has passed by `today` (default: today), whether
        or not a baseline exists (issue 18, issue 19 item 5)."""
        current = Quarter.from_date(today or timezone.localdate())
        return self.open().filter(end_quarter__lt=current)


class Task(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DELAYED = "delayed", _("Delayed")
        CANCELLED = "cancelled", _("Cancelled")

    workstream = models.ForeignKey(
        Workstream, verbose_name=_("workstream"), on_delete=models.PROTECT, related_name="tasks"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    start_quarter = QuarterField(_("start quarter"))
    end_quarter = QuarterField(_("end quarter"))
    milestone_date = models.DateField(
        _("milestone date"),
        null=True,
        blank=True,
        help_text=_(
            "Only for a milestone: the date it happens by. Its quarter is then both start and end."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    responsible_name = models.CharField(_("responsible person or unit"), max_length=200, blank=True)
    responsible_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_tasks",
    )
    depends_on = models.ManyToManyField(
        "self",
        verbose_name=_("depends on"),
        symmetrical=False,
        blank=True,
        related_name="dependents",
    )
    sites = models.ManyToManyField(
        "sites.Site", verbose_name=_("sites"), blank=True, related_name="plan_tasks"
    )
    agreements = models.ManyToManyField(
        "partners.Agreement",
        verbose_name=_("partner agreements"),
        blank=True,
        related_name="plan_tasks",
    )
    quarters_inferred = models.BooleanField(
        _("quarters inferred"),
        default=False,
        help_text=_(
            "The quarters were inferred from the text of the source document; a "
            "coordinator should check them."
        ),
    )
    quarters_note = models.TextField(_("why these quarters"), blank=True)
    # Facts the reference data supplies that the seeds do not state (issue 18).
    responsible_to_be_confirmed = models.BooleanField(
        _("responsible to be confirmed"),
        default=False,
        help_text=_("The responsible was proposed, not stated in the source document."),
    )
    dependencies_to_be_confirmed = models.BooleanField(
        _("dependencies to be confirmed"),
        default=False,
        help_text=_("The dependencies were added, not stated in the source document."),
    )
    # Raised by every save through planning.services, so a stale form cannot overwrite
    # an edit someone else made meanwhile.
    version = models.PositiveIntegerField(default=0, editable=False)
    # Stable key for the reference data loader, so a renamed task is never created again.
    reference_key = models.SlugField(max_length=80, null=True, blank=True, unique=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["workstream__plan", "workstream__order", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_quarter__gte=models.F("start_quarter")),
                name="task_ends_after_start",
                violation_error_message=_("The end quarter cannot be before the start quarter."),
            ),
            models.CheckConstraint(
                condition=Q(milestone_date__isnull=True) | Q(start_quarter=models.F("end_quarter")),
                name="task_milestone_single_quarter",
                violation_error_message=_("A milestone lies in a single quarter."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_milestone(self) -> bool:
        return self.milestone_date is not None

    def is_overdue_on(self, today: datetime.date) -> bool:
        """Not done (nor cancelled) and its end quarter is over by `today`."""
        if self.status in (Task.Status.DONE, Task.Status.CANCELLED) or self.end_quarter is None:
            return False
        return self.end_quarter < Quarter.from_date(today)

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def span_label(self) -> str:
        if self.start_quarter == self.end_quarter:
            return self.start_quarter.label
        return f"{self.start_quarter.label} – {self.end_quarter.label}"

    @property
    def responsible_display(self) -> str:
        organisation = self.responsible_organisation
        if organisation is not None and self.responsible_name:
            return f"{self.responsible_name} ({organisation})"
        return str(organisation) if organisation is not None else self.responsible_name

    def clean(self):
        # A milestone's quarters follow from its date.
        if self.milestone_date is not None:
            self.start_quarter = self.end_quarter = Quarter.from_date(self.milestone_date)
        start, end = self.start_quarter, self.end_quarter
        if start and end and end < start:
            raise ValidationError(
                {"end_quarter": _("The end quarter cannot be before the start quarter.")}
            )
        plan = self.workstream.plan if self.workstream_id else None
        if plan is not None and plan.quarters:
            columns = plan.columns
            errors = {}
            for name, value in (("start_quarter", start), ("end_quarter", end)):
                if value and value not in columns:
                    field = "milestone_date" if self.milestone_date else name
                    errors[field] = _("%(quarter)s is not one of the plan's quarters.") % {
                        "quarter": value.label
                    }
            if errors:
                raise ValidationError(errors)


class ProgressNote(models.Model):
    """A dated note on how a task is going."""

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="notes"
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}: {self.text[:60]}"


class Baseline(models.Model):
    """A frozen copy of a plan's agreed quarters; the newest is what slip is measured by."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="baselines"
    )
    label = models.CharField(_("label"), max_length=120, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frozen by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        ordering = ["-frozen_at", "-id"]

    def __str__(self) -> str:
        return self.label or f"{self.plan}: {self.frozen_at:%Y-%m-%d}"


class BaselineTask(models.Model):
    baseline = models.ForeignKey(
        Baseline, verbose_name=_("baseline"), on_delete=models.CASCADE, related_name="tasks"
    )
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="baseline_entries"
    )
    start_quarter = QuarterField(_("start quarter"))
    end_quarter = QuarterField(_("end quarter"))
    milestone_date = models.DateField(_("milestone date"), null=True, blank=True)

    class Meta:
        verbose_name = _("task in a baseline")
        verbose_name_plural = _("tasks in a baseline")
        constraints = [
            models.UniqueConstraint(fields=["baseline", "task"], name="baseline_task_once"),
            models.CheckConstraint(
                condition=Q(end_quarter__gte=models.F("start_quarter")),
                name="baseline_task_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task}: {self.start_quarter}–{self.end_quarter}"


# Strategic targets (pejlemærker) reported to the committee (USB).


class StrategicTarget(models.Model):
    title = models.CharField(_("title"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("strategic target")
        verbose_name_plural = _("strategic targets")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class SubGoal(models.Model):
    target = models.ForeignKey(
        StrategicTarget,
        verbose_name=_("strategic target"),
        on_delete=models.CASCADE,
        related_name="sub_goals",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("sub-goal")
        verbose_name_plural = _("sub-goals")
        ordering = ["target__order", "target__title", "number"]
        constraints = [
            models.UniqueConstraint(fields=["target", "number"], name="sub_goal_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ReportingPeriodQuerySet(models.QuerySet):
    def overlapping(self, start, end):
        return self.filter(starts__lte=end, ends__gte=start)


class ReportingPeriod(models.Model):
    """A period the committee gets a status for, e.g. "USB 2018-2021".

    Its life: a draft (the statuses and the summary are written), sent to USB for a meeting
    (the document is frozen, in the reports app), then USB's decision recorded.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent to USB")
        DECIDED = "decided", _("USB has decided")

    title = models.CharField(_("title"), max_length=120, unique=True)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    sites = models.ManyToManyField(
        "sites.Site",
        verbose_name=_("sites"),
        blank=True,
        related_name="+",
        help_text=_("None chosen: every site in use in the period."),
    )
    summary = models.TextField(
        _("manager's summary"),
        blank=True,
        help_text=_(
            "A few paragraphs for the document's front page; a blank line starts a new one."
        ),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    meeting_date = models.DateField(_("date of the USB meeting"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField(_("date of USB's decision"), null=True, blank=True)
    decision = models.TextField(_("USB's decision"), blank=True)

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-ends", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gte=models.F("starts")),
                name="reporting_period_ends_after_start",
                violation_error_message=_("A reporting period cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT


class SubGoalStatus(models.Model):
    """The status text of one sub-goal for one reporting period, and the committee's note."""

    sub_goal = models.ForeignKey(
        SubGoal, verbose_name=_("sub-goal"), on_delete=models.CASCADE, related_name="statuses"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="statuses",
    )
    status_text = models.TextField(_("status"), blank=True)
    committee_follow_up = models.TextField(
        _("recommendations from USB"),
        blank=True,
        help_text=_('What the committee recommends or decides, e.g. "Området følges tæt af USB".'),
    )

    class Meta:
        verbose_name = _("status of a sub-goal")
        verbose_name_plural = _("statuses of sub-goals")
        ordering = ["period", "sub_goal"]
        constraints = [
            models.UniqueConstraint(fields=["sub_goal", "period"], name="sub_goal_status_once")
        ]

    def __str__(self) -> str:
        return f"{self.sub_goal} – {self.period}"
