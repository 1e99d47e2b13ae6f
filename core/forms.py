"""Form rendering in the style of Det Fælles Designsystem (templates/forms/)."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class AuditFilterForm(forms.Form):
    """Filters of the audit history; every field optional, bad values are simply ignored."""

    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.TypedChoiceField(
        label=_("Kind of object"), required=False, coerce=int, empty_value=None
    )
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    object_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from core.models import AuditEntry

        super().__init__(*args, **kwargs)
        action, object_type = self.fields["action"], self.fields["object_type"]
        assert isinstance(action, forms.ChoiceField) and isinstance(object_type, forms.ChoiceField)
        action.choices = [("", _("All")), *AuditEntry.Action.choices]
        used = AuditEntry.objects.exclude(content_type=None).values("content_type").distinct()
        models = [(ct.pk, ct.model_class()) for ct in ContentType.objects.filter(pk__in=used)]
        kinds = [
            (str(pk), str(model._meta.verbose_name).capitalize())
            for pk, model in models
            if model is not None
        ]
        object_type.choices = [("", _("All")), *sorted(kinds, key=lambda choice: choice[1])]

    def filter(self, entries):
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["object_type"]:
            entries = entries.filter(content_type_id=data["object_type"])
            if data["object_id"]:
                entries = entries.filter(object_id=data["object_id"])
        if data["user"]:
            entries = entries.filter(actor__username__iexact=data["user"].strip())
        if data["date_from"]:
            entries = entries.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(at__date__lte=data["date_to"])
        return entries
