"""The survey on paper: the printable A4 form made from a round (in Danish), and the staff form
that types one filled-in sheet in as a reply (issue 21).

A typed-in sheet is a reply like a kiosk's or a phone's (round, site, date, answers, nothing
else), stored by feedback.services.receive_survey_replies with a new random id; core's one-time
token (core/submission.py) makes a sheet sent twice (a double click, the back button) count
once.
"""

import datetime
import uuid
from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.pdf import html_to_pdf
from feedback.models import Question, Survey
from feedback.survey_page import field_name
from sites.models import Site


def paper_pdf(survey: Survey, *, base_url: str | None = None) -> bytes:
    """The round's paper form as a tagged A4 PDF, in Danish whatever the staff language."""
    with translation.override("da"):
        html = render_to_string(
            "feedback/paper_pdf.html",
            {"survey": survey, "questions": survey.ordered_questions(), "scale": range(1, 6)},
        )
    return html_to_pdf(html, stylesheet="feedback/paper.css", base_url=base_url)


class PaperSheetForm(forms.Form):
    """One filled-in sheet: where and when it was filled in, and what was ticked or written."""

    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none(), empty_label=None)
    date = forms.DateField(
        label=_("Date filled in"),
        help_text=_("The day on the sheet, or the day it was handed in."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, survey: Survey, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["site"].queryset = survey.sites.order_by("name")
        today = timezone.localdate()
        self.fields["date"].initial = min(max(today, survey.starts), survey.ends)
        self.questions = survey.ordered_questions()
        for question in self.questions:
            self.fields[field_name(question)] = _question_field(question)

    def clean_date(self) -> datetime.date:
        day = self.cleaned_data["date"]
        if not self.survey.is_open_on(day):
            raise forms.ValidationError(_("The date must be within the round's period."))
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def reply(self) -> dict[str, Any]:
        """The sheet as the sync protocol's reply, with a new random id."""
        answers: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if value:
                answers[str(question.pk)] = value
        return {
            "id": str(uuid.uuid4()),
            "date": self.cleaned_data["date"].isoformat(),
            "survey": self.survey.pk,
            "answers": answers,
        }


def _question_field(question: Question) -> forms.Field:
    kind = Question.Kind
    if question.kind == kind.TEXT:
        return forms.CharField(
            label=question.text,
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Type the words as written; the text waits for review like the others."),
        )
    if question.kind == kind.SCALE:
        choices = [(str(n), str(n)) for n in range(1, 6)]
    else:
        choices = [(str(n), label) for n, label in enumerate(question.choices, start=1)]
    if question.kind == kind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=question.text,
            required=False,
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
        )
    return forms.ChoiceField(
        label=question.text, required=False, choices=choices, widget=forms.RadioSelect
    )
