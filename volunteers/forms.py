"""Forms for the registry, training, shifts, templates, sign-up and exports."""

import datetime
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.roles import Role
from volunteers import opening
from volunteers.models import (
    ExtraHours,
    Message,
    Shift,
    ShiftNeed,
    ShiftTemplate,
    TemplateNeed,
    TrainingSession,
    TrainingTopic,
    Unavailability,
    Volunteer,
    VolunteerRole,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def staff_users():
    """Users who can be the staff member on a shift: Personale or Koordinatorer."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.STAFF.value, Role.COORDINATOR.value])
        .distinct()
        .order_by("first_name", "username")
    )


def volunteer_users(current=None):
    """Logins with the volunteer role that are free to link (or already linked here)."""
    free = Q(volunteer__isnull=True, is_active=True, groups__name=Role.VOLUNTEER.value)
    if current is not None:
        # The linked login stays choosable while it is deactivated or without the volunteer
        # role (the volunteer has left): saving must not unlink it.
        free |= Q(pk=current)
    return get_user_model().objects.filter(free).distinct().order_by("username")


class VolunteerForm(forms.ModelForm):
    class Meta:
        model = Volunteer
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "recruited_via",
            "status",
            "interested_on",
            "introduced_on",
            "started_on",
            "left_on",
            "roles",
            "is_key_holder",
            "languages",
            "notes",
            "consent_given_on",
            "consent_text",
            "user",
        ]
        widgets = {
            "interested_on": DATE_INPUT,
            "introduced_on": DATE_INPUT,
            "started_on": DATE_INPUT,
            "left_on": DATE_INPUT,
            "consent_given_on": DATE_INPUT,
            "roles": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "consent_text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = volunteer_users(self.instance.user_id)

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == Volunteer.Status.ACTIVE and not cleaned.get("started_on"):
            self.add_error("started_on", _("Give the date the volunteer became active."))
        if status == Volunteer.Status.LEFT and not cleaned.get("left_on"):
            self.add_error("left_on", _("Give the date the volunteer left."))
        if cleaned.get("left_on") and status != Volunteer.Status.LEFT:
            self.add_error("status", _("A volunteer with a leaving date has the status Left."))
        return cleaned


class TrainingSessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["topic", "held_on", "title", "held_by", "attendees"]
        widgets = {"held_on": DATE_INPUT, "attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = Volunteer.objects.not_anonymised()


class VolunteerRoleForm(forms.ModelForm):
    class Meta:
        model = VolunteerRole
        fields = ["name", "code", "description", "required_training", "signup"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "signup": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out, the sign-up stays as it was (instant for a new role).
        self.fields["signup"].required = False

    def clean_signup(self):
        return self.cleaned_data.get("signup") or self.instance.signup


class TrainingTopicForm(forms.ModelForm):
    class Meta:
        model = TrainingTopic
        fields = [
            "name",
            "code",
            "required_for_key_holders",
            "key_holder_requirement_to_be_confirmed",
            "valid_months",
        ]
        widgets = {
            # DKFDS draws a checkbox, and its focus ring, on the label.
            "key_holder_requirement_to_be_confirmed": forms.CheckboxInput(
                attrs={"class": "form-checkbox"}
            ),
        }


def _check_opening_hours(form, site, starts, ends, reason) -> None:
    if site is None or starts is None or ends is None or reason:
        return
    if not opening.inside_opening_hours(site=site, starts=starts, ends=ends):
        form.add_error(
            "outside_hours_reason",
            _("The shift is outside the site's opening hours: say why."),
        )


class ShiftForm(forms.ModelForm):
    class Meta:
        model = Shift
        fields = [
            "site",
            "starts",
            "ends",
            "key_holder_required",
            "staff_required",
            "staff_member",
            "outside_hours_reason",
            "note",
        ]
        widgets = {"starts": DATETIME_INPUT, "ends": DATETIME_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_member"].queryset = staff_users()
        self.fields["starts"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["ends"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The shift must end after it starts."))
        elif starts and ends and ends - starts > datetime.timedelta(hours=24):
            self.add_error("ends", _("A shift cannot be longer than 24 hours."))
        else:
            _check_opening_hours(
                self, cleaned.get("site"), starts, ends, cleaned.get("outside_hours_reason")
            )
        return cleaned

    # What a volunteer's calendar shows of a shift: changing any of it is a new revision,
    # so phone calendars replace the event they hold (iCalendar SEQUENCE).
    CALENDAR_FIELDS = ("site", "starts", "ends", "note")

    def save(self, commit=True):
        if self.instance.pk and any(name in self.changed_data for name in self.CALENDAR_FIELDS):
            self.instance.revision += 1
        return super().save(commit=commit)


class ShiftCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the shift cancelled?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The volunteers on the shift receive this in their e-mail. Do not name anyone's "
            "illness or private matters."
        ),
    )


NeedFormSet = forms.inlineformset_factory(
    Shift, ShiftNeed, fields=["role", "count"], extra=3, can_delete=True
)
TemplateNeedFormSet = forms.inlineformset_factory(
    ShiftTemplate, TemplateNeed, fields=["role", "count"], extra=3, can_delete=True
)


class ShiftTemplateForm(forms.ModelForm):
    class Meta:
        model = ShiftTemplate
        fields = [
            "site",
            "weekday",
            "start_time",
            "end_time",
            "key_holder_required",
            "staff_required",
            "outside_hours_reason",
        ]
        widgets = {"start_time": TIME_INPUT, "end_time": TIME_INPUT}

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("start_time")
            and cleaned.get("end_time")
            and cleaned["end_time"] <= cleaned["start_time"]
        ):
            self.add_error("end_time", _("The shift must end after it starts."))
        return cleaned


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), widget=DATE_INPUT)

    max_days = 366 * 2

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The period cannot end before it starts."))
            elif (end - start).days > self.max_days:
                self.add_error("end", _("Choose a period of at most two years."))
        return cleaned


class ExportForm(PeriodForm):
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=None, required=False, empty_label=_("All sites")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from sites.models import Site
        from volunteers.roster import aware_bounds

        start, end = self._value("start"), self._value("end")
        if start is None or end is None or end < start:
            start = end = timezone.localdate()
        chosen = self.data.get("site") if self.is_bound else None
        # The one rule for lists of sites (decisions: Sites 14): a site not in use in the
        # period is offered only where it has shifts in it, or is the one asked for.
        shifts = Shift.objects.between(*aware_bounds(start, end)).values("site_id")
        asked = Site.objects.filter(pk=int(chosen)).values("pk") if str(chosen).isdigit() else None
        self.fields["site"].queryset = Site.objects.listed(start, end, with_data=[shifts, asked])

    def _value(self, name: str) -> datetime.date | None:
        """The date the form was given for `name` (or starts with), before validation."""
        if not self.is_bound:
            return self.initial.get(name)
        try:
            return self.fields[name].to_python(self.data.get(name))
        except forms.ValidationError:
            return None


class AssignForm(forms.Form):
    volunteer = forms.ModelChoiceField(label=_("Volunteer"), queryset=None)
    role = forms.ModelChoiceField(label=_("Role"), queryset=None)

    def __init__(self, *args, shift: Shift, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = (
            Volunteer.objects.not_anonymised()
            .exclude(status=Volunteer.Status.LEFT)
            .exclude(assignments__shift=shift)
        )
        self.fields["role"].queryset = VolunteerRole.objects.filter(
            pk__in=[n.role_id for n in shift.needs.all()]
        )


class SignUpForm(forms.Form):
    role = forms.ModelChoiceField(label=_("Role"), queryset=VolunteerRole.objects.all())


class UnavailabilityForm(forms.ModelForm):
    class Meta:
        model = Unavailability
        fields = ["starts_on", "ends_on", "note"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        if ends and ends < timezone.localdate():
            self.add_error("ends_on", _("The period has already passed."))
        return cleaned


class CoordinatorMessageForm(forms.Form):
    """Who a coordinator's message goes to, and what it says (volunteers.messaging)."""

    shift = forms.ModelChoiceField(
        queryset=Shift.objects.all(), required=False, widget=forms.HiddenInput
    )
    site = forms.ModelChoiceField(queryset=None, required=False, label=_("Site"))
    day = forms.DateField(
        required=False,
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("With a site: the volunteers on that day's shifts there."),
    )
    role = forms.ModelChoiceField(
        queryset=VolunteerRole.objects.all(), required=False, label=_("Role")
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("Message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Do not name anyone's illness or private matters."),
    )
    key = forms.UUIDField(widget=forms.HiddenInput)
    need = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from sites.models import Site

        self.fields["site"].queryset = Site.objects.all()
        self.fields["site"].empty_label = _("Any site")
        self.fields["role"].empty_label = _("Any role")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("need") and (data.get("shift") is None or data.get("role") is None):
            raise forms.ValidationError(_("Choose the shift and the role that need someone."))
        if data.get("day") is not None and data.get("site") is None:
            self.add_error("site", _("Choose the site of that day."))
        elif data.get("shift") is None and data.get("site") is None and data.get("role") is None:
            raise forms.ValidationError(_("Choose a site, a role or both."))
        return data


class EmailPreferencesForm(forms.Form):
    """Which messages a volunteer wants by e-mail; the must-get kinds are shown, locked on."""

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteer = volunteer
        for kind in Message.Kind:
            must = kind in Message.MUST_GET
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label,
                required=False,
                initial=volunteer.wants_email(kind),
                # A disabled field ignores what is posted: a must-get kind stays on.
                disabled=must,
                help_text=_("Always by e-mail: you need it to know whether to come.")
                if must
                else "",
            )

    def email_off(self) -> list[str]:
        return [
            kind.value
            for kind in Message.Kind
            if kind not in Message.MUST_GET and not self.cleaned_data.get(kind.value)
        ]


class DecideRequestForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirm", _("Confirm")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Note to the volunteer (optional)"),
        max_length=300,
        required=False,
        help_text=_("Sent with the answer. Do not name anyone's illness or private matters."),
    )


class ExtraHoursForm(forms.ModelForm):
    """A volunteer's hours outside shifts ("Mine vagter"); a coordinator approves them."""

    # Made when the form is shown (services.record_extra_hours): posted twice, saved once.
    key = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = ExtraHours
        fields = ["worked_on", "kind", "hours", "site", "description"]
        widgets = {
            "worked_on": DATE_INPUT,
            "hours": forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "24"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from sites.models import Site

        today = timezone.localdate()
        self.fields["site"].queryset = Site.objects.listed(
            today - datetime.timedelta(days=EXTRA_HOURS_DAYS_BACK), today
        )
        self.fields["site"].empty_label = _("No particular site")
        self.fields["hours"].help_text = _("In hours, e.g. 2.5 for two and a half hours.")

    def clean_worked_on(self):
        day = self.cleaned_data["worked_on"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError(_("Record hours once they are given, not before."))
        if day < today - datetime.timedelta(days=EXTRA_HOURS_DAYS_BACK):
            raise forms.ValidationError(
                _("Hours older than %(days)d days are recorded by a coordinator.")
                % {"days": EXTRA_HOURS_DAYS_BACK}
            )
        return day

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours < Decimal("0.25") or hours > 24:
            raise forms.ValidationError(_("Give between 0.25 and 24 hours."))
        return hours


# How far back a volunteer may record hours outside shifts.
EXTRA_HOURS_DAYS_BACK = 90


class DecideExtraHoursForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Note to the volunteer (optional)"), max_length=300, required=False
    )
