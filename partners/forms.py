"""Forms for the partner pages: the directory filter and the editing forms."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Agreement, Contact, Organisation, OutreachSession, Service
from sites.models import Site


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ServiceMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organisation.Kind.choices]
    )
    service = ServiceChoiceField(
        label=_("Offers"),
        required=False,
        queryset=Service.objects.all(),
        to_field_name="key",
        empty_label=_("All services"),
    )
    site = forms.ModelChoiceField(
        label=_("Present at"),
        required=False,
        queryset=Site.objects.all(),
        to_field_name="slug",
        empty_label=_("All sites"),
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        site_field = self.fields["site"]
        assert isinstance(site_field, forms.ModelChoiceField)
        # A day-to-day list: the sites in use today (decisions: Sites 14), and one chosen
        # by address stays valid.
        chosen = Site.objects.filter(slug=self.data.get("site") or "").values("pk")
        site_field.queryset = Site.objects.listed(today, with_data=[chosen])

    def filter(self, organisations):
        """The organisations matching the valid fields; invalid fields are ignored."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        if data.get("q"):
            organisations = organisations.search(data["q"])
        if data.get("kind"):
            organisations = organisations.filter(kind=data["kind"])
        if data.get("service"):
            organisations = organisations.offering(data["service"])
        if data.get("site"):
            organisations = organisations.present_at(data["site"])
        return organisations


class FindServiceForm(forms.Form):
    service = ServiceChoiceField(
        label=_("Where can I send someone for …"),
        queryset=Service.objects.all(),
        to_field_name="key",
        empty_label=_("Choose a service"),
    )


class OrganisationForm(forms.ModelForm):
    services = ServiceMultipleChoiceField(
        label=_("Offers"),
        required=False,
        queryset=Service.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the organisation offers the target group."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "parent", "description", "website", "phone", "email", "services"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Organisation.objects.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "job_title", "work_phone", "work_email"]
        help_texts = {"name": _("Work contact details only.")}


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "status",
            "starts_on",
            "ends_on",
            "dates_to_be_confirmed",
            "next_review",
            "summary",
            "document",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "next_review": DateInput(),
            # DKFDS draws a checkbox, and its focus ring, on the label.
            "dates_to_be_confirmed": forms.CheckboxInput(attrs={"class": "form-checkbox"}),
        }


class OutreachSessionForm(forms.ModelForm):
    service = ServiceChoiceField(label=_("Service"), queryset=Service.objects.all())

    class Meta:
        model = OutreachSession
        fields = [
            "service",
            "site",
            "weekday",
            "date",
            "start_time",
            "end_time",
            "valid_from",
            "valid_until",
            "note",
        ]
        widgets = {
            "date": DateInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
        }


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["name_da", "name_en", "key", "description"]
