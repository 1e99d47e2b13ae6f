"""Forms of the feedback staff pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import Kiosk, VisitorText
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
