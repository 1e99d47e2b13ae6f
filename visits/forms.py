"""Forms of the visits pages: choosing a site and day, and correcting a past day."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sites.models import Site
from visits.models import CorrectionReason, TallyCategory
from visits.retention import retention_days


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SiteDayForm(forms.Form):
    """The site and day a page is about (GET)."""

    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.all(), to_field_name="slug", empty_label=None
    )
    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=["%Y-%m-%d"])

    def __init__(self, *args, max_date: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_date = max_date or timezone.localdate()
        self.fields["date"].widget.attrs["max"] = self.max_date.isoformat()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > self.max_date:
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class CorrectionForm(forms.Form):
    """New counts for one site and day, the counts the form showed, and why."""

    reason = forms.ChoiceField(
        label=_("Reason for the correction"),
        choices=CorrectionReason.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": _("Choose a reason for the correction.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Do not write names or anything else that could identify a visitor, a volunteer "
            "or a colleague. The note is deleted with the correction's other details after "
            "%(days)d days."
        ),
    )

    def __init__(self, *args, categories: list[TallyCategory], counts: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        for category in categories:
            current = counts.get(category.code, 0)
            self.fields[f"count_{category.code}"] = forms.IntegerField(
                label=category.name, min_value=0, max_value=100_000, initial=current
            )
            self.fields[f"expected_{category.code}"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0, initial=current
            )
        self.fields["note"].help_text = self.fields["note"].help_text % {"days": retention_days()}
        # The reason and the note go last, after the counts.
        self.order_fields([*(f for f in self.fields if f not in {"reason", "note"}), "reason"])

    def clean_note(self):
        return self.cleaned_data["note"].strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("reason") == CorrectionReason.OTHER and not data.get("note"):
            self.add_error("note", _("Say in a few words what the other reason is."))
        return data

    def count_fields(self):
        return [self[f"count_{c.code}"] for c in self.categories]

    def expected(self) -> dict[TallyCategory, int]:
        return {c: self.cleaned_data[f"expected_{c.code}"] for c in self.categories}

    def wanted(self) -> dict[TallyCategory, int]:
        return {c: self.cleaned_data[f"count_{c.code}"] for c in self.categories}


class FiguresForm(forms.Form):
    """Which site (or all), which period and how fine: the visit figures page (GET)."""

    PERIOD_CHOICES = [("day", _("Day")), ("week", _("Week")), ("month", _("Month"))]

    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sites"),
    )
    period = forms.ChoiceField(label=_("Per"), choices=PERIOD_CHOICES, initial="day")
    start = forms.DateField(label=_("From"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    end = forms.DateField(label=_("To"), widget=DateInput(), input_formats=["%Y-%m-%d"])

    MAX_DAYS = 3 * 366

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        if not self.is_bound:
            self.initial = self.defaults()

    def defaults(self) -> dict:
        return {
            "site": None,
            "period": "day",
            "start": self.today - datetime.timedelta(days=27),
            "end": self.today,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end date is before the start date."))
            if (end - start).days > self.MAX_DAYS:
                raise forms.ValidationError(_("Choose at most three years."))
        return data
