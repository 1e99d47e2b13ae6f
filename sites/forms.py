"""Coordinators' forms for sites, operators, the bus, weekly hours, closures and extra openings."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from sites import rules
from sites.models import (
    Bus,
    Closure,
    ExtraOpening,
    Operator,
    Service,
    Site,
    SiteOperation,
    WeeklyHours,
)

RESERVED_SLUGS = {"new", "buses", "hours", "closures", "extra", "operators", "operations"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class SiteForm(forms.ModelForm):
    services = forms.MultipleChoiceField(
        label=_("services offered"),
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Site
        fields = [
            "name",
            "slug",
            "kind",
            "bus",
            "town",
            "address",
            "latitude",
            "longitude",
            "in_use_from",
            "in_use_until",
            "services",
            "description",
            "closes_on_holidays",
            "to_be_confirmed",
        ]
        widgets = {
            "in_use_from": DateInput,
            "in_use_until": DateInput,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The slug is used by the tally tablets and in links: it never changes.
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _("Fixed: the tally tablets and links use it.")

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not self.instance.pk and slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved. Choose another."))
        return slug


class BusForm(forms.ModelForm):
    class Meta:
        model = Bus
        fields = ["name", "slug", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["slug"].disabled = True


class RuleCheckedForm(forms.ModelForm):
    """Checks the rules across rows (`sites.rules`) on the values entered.

    The instance's site must be set before validation (the pages and the admin's inlines do);
    `sites.services` checks again under a lock when saving.
    """

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            candidate = copy.copy(self.instance)
            for name, value in cleaned.items():
                setattr(candidate, name, value)
            rules.check(candidate)
        return cleaned


class WeeklyHoursForm(RuleCheckedForm):
    class Meta:
        model = WeeklyHours
        fields = [
            "weekday",
            "opens",
            "closes",
            "overnight",
            "valid_from",
            "valid_until",
            "to_be_confirmed",
            "note",
        ]
        widgets = {
            "opens": TimeInput,
            "closes": TimeInput,
            "valid_from": DateInput,
            "valid_until": DateInput,
        }


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["starts_on", "ends_on", "reason"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}


class ExtraOpeningForm(RuleCheckedForm):
    class Meta:
        model = ExtraOpening
        fields = ["starts", "ends", "reason"]
        widgets = {"starts": DateTimeInput, "ends": DateTimeInput}
        help_texts = {"reason": _("Shown to the public, e.g. “Frost night”.")}


class OperatorForm(forms.ModelForm):
    class Meta:
        model = Operator
        fields = ["name", "slug", "kind", "contact"]
        widgets = {"contact": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Exchanged data files name the operator by it: it never changes.
            self.fields["slug"].disabled = True

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not self.instance.pk and slug == "new":
            raise forms.ValidationError(_("This short name is reserved. Choose another."))
        return slug


class TakeoverForm(forms.ModelForm):
    """A new operator runs the site from a day; the running operation ends the day before."""

    class Meta:
        model = SiteOperation
        fields = ["operator", "starts_on", "to_be_confirmed", "note"]
        widgets = {"starts_on": DateInput}
        labels = {"operator": _("New operator"), "starts_on": _("Runs the site from")}
        help_texts = {"starts_on": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].required = True


class OperationForm(forms.ModelForm):
    """Correct a period (e.g. confirm the agreed takeover date)."""

    class Meta:
        model = SiteOperation
        fields = ["operator", "starts_on", "ends_on", "to_be_confirmed", "note"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}
