"""Forms of the feedback staff pages."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.roles import Role
from feedback.models import (
    Kiosk,
    MeetingAction,
    Question,
    Survey,
    SurveyQuestion,
    VisitorMeeting,
    VisitorText,
)
from sites.models import Site


class KioskStartForm(forms.ModelForm):
    """Which site this device takes feedback for, and a name to tell it apart."""

    class Meta:
        model = Kiosk
        fields = ["site", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.in_use(timezone.localdate())
        self.fields["site"].empty_label = None


class TextFilterForm(forms.Form):
    """Which texts the review list shows: waiting (the default), approved or discarded."""

    status = forms.ChoiceField(label=_("Show"), choices=VisitorText.Status.choices, required=False)
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.all(), required=False, empty_label=_("All sites")
    )


class TextReviewForm(forms.Form):
    """The words as they may be shown (edited or not), and what the coordinator saw."""

    action = forms.ChoiceField(choices=[("approve", "approve"), ("discard", "discard")])
    body = forms.CharField(
        label=_("The text as it may be shown"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        strip=False,
        help_text=_(
            "Remove names and anything else that could tell who wrote it or whom it is about "
            "(a place and time, an appearance, a story only one person has)."
        ),
    )
    seen = forms.CharField(widget=forms.HiddenInput)


def _default_start(today: datetime.date) -> datetime.date:
    """The first day of the sixth whole month before this one."""
    index = today.year * 12 + today.month - 1 - 6
    return datetime.date(index // 12, index % 12 + 1, 1)


class ResultsForm(forms.Form):
    """A period (widened to whole months that have ended) and the sites to show."""

    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Results cover whole months that have ended."),
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("Sites"),
        queryset=Site.objects.order_by("town", "name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text=_("None chosen: every site in use in the period."),
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start = data.get("start") or _default_start(self.today)
        end = data.get("end") or self.today.replace(day=1) - datetime.timedelta(days=1)
        if end < start:
            self.add_error("end", _("The period cannot end before it starts."))
        elif (end - start).days > 366 * 10:
            self.add_error("end", _("Choose at most ten years."))
        data["start"], data["end"] = start, end
        return data


class MeetingForm(forms.ModelForm):
    """A meeting with visitors: how many took part (a number, never names) and what came of it."""

    class Meta:
        model = VisitorMeeting
        fields = ["date", "site", "participants", "topics", "wishes", "decisions"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "wishes": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.order_by("town", "name")
        self.fields["participants"].min_value = 1
        self.fields["participants"].widget.attrs["min"] = 1

    def clean_participants(self) -> int:
        value = self.cleaned_data["participants"]
        if value < 1:
            raise forms.ValidationError(_("At least one visitor took part."))
        return value


class ActionForm(forms.ModelForm):
    """A follow-up action: what, who is responsible (a user of the app), by when."""

    class Meta:
        model = MeetingAction
        fields = ["description", "responsible", "due"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True)
        staff_roles = [Role.STAFF.value, Role.COORDINATOR.value, Role.MANAGER.value]
        self.fields["responsible"].queryset = (
            users.filter(groups__name__in=staff_roles).distinct().order_by("first_name", "username")
        )
        self.fields["responsible"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes that DKFDS draws: each input before its own label."""

    template_name = "feedback/widgets/checkboxes.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-checkbox", **(attrs or {})}, choices)


class QuestionForm(forms.ModelForm):
    """A question for the bank: its kind, and for single and multiple choice the choices."""

    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For single and multiple choice: one choice per line, at least two."),
    )

    class Meta:
        model = Question
        fields = ["text", "kind", "choices"]

    def clean_choices(self) -> list[str]:
        raw = self.cleaned_data.get("choices") or ""
        lines = [line.strip() for line in str(raw).splitlines()]
        return list(dict.fromkeys(line for line in lines if line))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        kind, choices = data.get("kind"), data.get("choices") or []
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(choices) < 2:
            self.add_error("choices", _("Give at least two choices, one per line."))
        elif kind in (Question.Kind.SCALE, Question.Kind.TEXT) and choices:
            self.add_error("choices", _("Only single and multiple choice questions have choices."))
        return data


class SurveyForm(forms.ModelForm):
    """A survey round: title, period, sites and questions from the bank (asked in the bank's
    order)."""

    questions = forms.ModelMultipleChoiceField(
        label=_("Questions"),
        queryset=Question.objects.order_by("id"),
        widget=CheckboxList,
        help_text=_(
            "Reuse a question from an earlier round to compare the rounds question by question."
        ),
    )

    class Meta:
        model = Survey
        fields = ["title", "starts", "ends", "sites", "questions"]
        widgets = {
            "starts": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "sites": CheckboxList,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = Site.objects.order_by("town", "name")
        if self.instance.pk:
            self.initial["questions"] = [q.pk for q in self.instance.ordered_questions()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("The period cannot end before it starts."))
        return data

    def _save_m2m(self) -> None:
        """The sites, and the questions in the bank's order (the through table's order)."""
        survey = self.instance
        survey.sites.set(self.cleaned_data["sites"])
        chosen = sorted(self.cleaned_data["questions"], key=lambda q: q.pk)
        SurveyQuestion.objects.filter(survey=survey).exclude(question__in=chosen).delete()
        for order, question in enumerate(chosen):
            SurveyQuestion.objects.update_or_create(
                survey=survey, question=question, defaults={"order": order}
            )
