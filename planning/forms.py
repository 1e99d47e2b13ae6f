"""Forms for tasks, progress notes, baselines and the strategic targets' statuses."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from planning.models import (
    Plan,
    ProgressNote,
    ReportingPeriod,
    StrategicTarget,
    SubGoal,
    SubGoalStatus,
    Task,
    Workstream,
)
from planning.quarters import Quarter
from planning.schedule import creates_cycle


class QuarterChoiceField(forms.ChoiceField):
    """A select of the plan's quarter columns; cleans to a `Quarter`."""

    def __init__(self, *, columns: list[Quarter], **kwargs):
        self.columns = columns
        super().__init__(choices=[("", "—")] + [(str(q), q.label) for q in columns], **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return Quarter.parse(value)
        except ValueError:
            raise forms.ValidationError(
                _("%(value)s is not a quarter."), code="invalid", params={"value": value}
            ) from None

    def validate(self, value):
        forms.Field.validate(self, value)
        if value is not None and value not in self.columns:
            raise forms.ValidationError(
                _("%(quarter)s is not one of the plan's quarters."),
                code="outside_plan",
                params={"quarter": value.label},
            )


class _TaskQuartersMixin:
    """Quarter selects from the plan; a milestone takes its quarter from its date."""

    def _setup_quarters(self, plan):
        self.plan = plan
        # The version the user saw; services.save_task refuses a stale one.
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=self.instance.version
        )
        for name in ("start_quarter", "end_quarter"):
            self.fields[name] = QuarterChoiceField(
                columns=plan.columns,
                label=capfirst(Task._meta.get_field(name).verbose_name),
                required=False,
            )

    def _clean_quarters(self, cleaned):
        milestone = cleaned.get("milestone_date")
        if milestone:
            # Whether that quarter is in the plan is checked by Task.clean().
            cleaned["start_quarter"] = cleaned["end_quarter"] = Quarter.from_date(milestone)
            return cleaned
        start, end = cleaned.get("start_quarter"), cleaned.get("end_quarter")
        for name in ("start_quarter", "end_quarter"):
            if name in self.fields and name not in self.errors and cleaned.get(name) is None:
                self.add_error(name, _("Choose a quarter, or give a milestone date."))
        if start and end and end < start:
            self.add_error("end_quarter", _("The end quarter cannot be before the start quarter."))
        return cleaned


class TaskForm(_TaskQuartersMixin, forms.ModelForm):
    """Every field of a task (the full edit page)."""

    class Meta:
        model = Task
        fields = [
            "workstream",
            "title",
            "description",
            "start_quarter",
            "end_quarter",
            "milestone_date",
            "status",
            "responsible_name",
            "responsible_organisation",
            "depends_on",
            "sites",
            "agreements",
            "quarters_inferred",
            "quarters_note",
            "responsible_to_be_confirmed",
            "dependencies_to_be_confirmed",
            "order",
        ]
        widgets = {
            "milestone_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "quarters_note": forms.Textarea(attrs={"rows": 2}),
            "depends_on": forms.CheckboxSelectMultiple,
            "sites": forms.CheckboxSelectMultiple,
            "agreements": forms.CheckboxSelectMultiple,
            # DKFDS draws a checkbox, and its focus ring, on the label.
            "quarters_inferred": forms.CheckboxInput(attrs={"class": "form-checkbox"}),
            "responsible_to_be_confirmed": forms.CheckboxInput(attrs={"class": "form-checkbox"}),
            "dependencies_to_be_confirmed": forms.CheckboxInput(attrs={"class": "form-checkbox"}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_quarters(plan)
        for name in ("start_quarter", "end_quarter"):
            self.fields[name].help_text = _("Not needed for a milestone.")
        self.fields["workstream"].queryset = Workstream.objects.filter(plan=plan)
        others = Task.objects.for_plan(plan).select_related("workstream")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["depends_on"].queryset = others
        self.fields["agreements"].queryset = self.fields["agreements"].queryset.select_related(
            "organisation"
        )
        self.fields["quarters_inferred"].label = _(
            "The quarters are inferred and still need checking"
        )

    def clean_depends_on(self):
        depends_on = self.cleaned_data["depends_on"]
        edges = Task.depends_on.through.objects.filter(
            from_task__workstream__plan=self.plan
        ).values_list("from_task_id", "to_task_id")
        if creates_cycle(self.instance.pk, [t.pk for t in depends_on], edges):
            raise forms.ValidationError(
                _("These dependencies would make a loop: a task would wait for itself."),
                code="cycle",
            )
        return depends_on

    def clean(self):
        return self._clean_quarters(super().clean())


class TaskQuickForm(_TaskQuartersMixin, forms.ModelForm):
    """What coordinators change in place on the timeline: quarters, status and a note."""

    note = forms.CharField(
        label=_("Progress note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Task
        fields = ["start_quarter", "end_quarter", "milestone_date", "status"]
        widgets = {
            "milestone_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_quarters(self.instance.workstream.plan)
        if self.instance.is_milestone:
            del self.fields["start_quarter"], self.fields["end_quarter"]
        else:
            del self.fields["milestone_date"]
        if self.instance.quarters_inferred:
            # Changing the quarters also confirms them (services.save_task).
            self.fields["quarters_checked"] = forms.BooleanField(
                label=_("The quarters are checked"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
                help_text=_("Removes the mark “Quarters inferred – check”."),
            )
        # Unique ids: several of these forms can be open on the timeline at once.
        self.auto_id = f"task{self.instance.pk}_%s"
        # After the htmx swap, focus lands in the form rather than being lost.
        next(iter(self.fields.values())).widget.attrs["autofocus"] = True

    def clean(self):
        return self._clean_quarters(super().clean())


class ProgressNoteForm(forms.ModelForm):
    class Meta:
        model = ProgressNote
        fields = ["date", "text"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate


class QuarterCheckboxes(forms.CheckboxSelectMultiple):
    """The quarters as checkboxes in DKFDS's markup, one row per year."""

    template_name = "planning/widgets/quarters.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-checkbox", **(attrs or {})}, choices)


# How far the quarters page reaches before the plan's first and after its last quarter (or
# today, if later): a plan can start earlier or run years longer.
QUARTERS_BEFORE = 4
QUARTERS_AFTER = 12


class PlanQuartersForm(forms.ModelForm):
    """The plan's quarter columns: extend it later or earlier, fill a gap (issue 19 item 5).

    A quarter a task starts or ends in cannot be taken away (services.set_plan_quarters
    checks again under a lock).
    """

    quarters = forms.MultipleChoiceField(
        label=_("The plan's quarters"),
        widget=QuarterCheckboxes,
        help_text=_(
            "Tick every quarter the timeline should show. Quarters that are not ticked between "
            "two ticked ones are drawn as a jump."
        ),
        error_messages={"required": _("Tick at least one quarter.")},
    )

    class Meta:
        model = Plan
        fields = ["quarters"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        columns = self.instance.columns
        today = Quarter.from_date(timezone.localdate())
        first = min([*columns, today]) - QUARTERS_BEFORE
        last = max([*columns, today]) + QUARTERS_AFTER
        years: dict[int, list[tuple[str, str]]] = {}
        quarter = first
        while quarter <= last:
            years.setdefault(quarter.year, []).append((str(quarter), quarter.label))
            quarter += 1
        self.fields["quarters"].choices = [(str(year), rows) for year, rows in years.items()]
        self.initial["quarters"] = [str(q) for q in columns]

    def clean_quarters(self) -> list[str]:
        chosen = sorted({Quarter.parse(value) for value in self.cleaned_data["quarters"]})
        if len(chosen) > Plan.MAX_QUARTERS:
            raise forms.ValidationError(
                _("A plan can have at most %(count)d quarters."),
                code="too_many",
                params={"count": Plan.MAX_QUARTERS},
            )
        used = Task.objects.for_plan(self.instance).outside_quarters(chosen)
        if used:
            raise forms.ValidationError(
                _("Some tasks start or end in a quarter that is not ticked: %(tasks)s."),
                code="used",
                params={"tasks": ", ".join(f"{t.title} ({t.span_label})" for t in used)},
            )
        return [str(q) for q in chosen]


class FreezeForm(forms.Form):
    label = forms.CharField(
        label=_("Name of the baseline (optional)"), max_length=120, required=False
    )


class TaskFilterForm(forms.Form):
    """The timeline's filters (GET)."""

    workstream = forms.ModelChoiceField(
        label=_("Workstream"),
        queryset=Workstream.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    responsible = forms.ChoiceField(label=_("Responsible"), required=False)

    def __init__(self, *args, plan, responsible_choices: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = Workstream.objects.filter(plan=plan)
        self.fields["status"].choices = [("", _("All"))] + list(Task.Status.choices)
        self.fields["responsible"].choices = [("", _("All"))] + [
            (name, name) for name in responsible_choices
        ]


class SubGoalStatusForm(forms.ModelForm):
    class Meta:
        model = SubGoalStatus
        fields = ["status_text", "committee_follow_up"]
        widgets = {
            "status_text": forms.Textarea(attrs={"rows": 8}),
            "committee_follow_up": forms.Textarea(attrs={"rows": 3}),
        }


_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportingPeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["title", "starts", "ends", "sites", "summary"]
        widgets = {
            "starts": _DATE,
            "ends": _DATE,
            "sites": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 10}),
        }


class PeriodSendForm(forms.ModelForm):
    """Marking a period sent to USB: the date of the meeting it goes to."""

    class Meta:
        model = ReportingPeriod
        fields = ["meeting_date"]
        widgets = {"meeting_date": _DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting_date"].required = True


class PeriodDecisionForm(forms.ModelForm):
    """What USB decided on the period's document (the recommendations are per sub-goal)."""

    class Meta:
        model = ReportingPeriod
        fields = ["decided_on", "decision"]
        widgets = {"decided_on": _DATE, "decision": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].required = True
        self.fields["decision"].required = True


class StrategicTargetForm(forms.ModelForm):
    class Meta:
        model = StrategicTarget
        fields = ["title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class SubGoalForm(forms.ModelForm):
    """A numbered sub-goal of a target; the number is unique within the target."""

    class Meta:
        model = SubGoal
        fields = ["number", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        labels = {"description": _("What it aims at")}

    def __init__(self, *args, target: StrategicTarget, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        self.instance.target = target
        if self.instance.pk is None and not self.is_bound:
            last = target.sub_goals.order_by("-number").values_list("number", flat=True).first()
            self.fields["number"].initial = (last or 0) + 1

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = SubGoal.objects.filter(target=self.target, number=number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("%(target)s already has a sub-goal number %(number)s."),
                code="taken",
                params={"target": self.target, "number": number},
            )
        return number
