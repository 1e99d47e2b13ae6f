"""Forms of the feedback staff pages."""

from django import forms
from django.utils import timezone

from feedback.models import Kiosk
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
