"""Volunteers, their roles and training, shifts and rosters, and when they are unavailable."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class TrainingTopic(models.Model):
    """What a training session is about: introduction, supervision, first aid and naloxone..."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    required_for_key_holders = models.BooleanField(
        _("required for key holders"),
        default=False,
        help_text=_("A key holder on a shift should have attended this training."),
    )
    # The seeds name the trainings but not which a key holder needs (issue 18): the reference
    # data's choice is a proposal until a coordinator confirms it.
    key_holder_requirement_to_be_confirmed = models.BooleanField(
        _("key holder requirement to be confirmed"),
        default=False,
        help_text=_("Whether key holders need this training is proposed, not yet agreed."),
    )
    # Empty: attending once is enough for good. Otherwise a qualification runs out this many
    # months after the last session attended (volunteers/training.py).
    valid_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty if the training does not expire. First aid and naloxone: 24. "
            "Attending a later session renews it."
        ),
    )

    class Meta:
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VolunteerRole(models.Model):
    """A task a volunteer may take on a shift (social host, practical helper, ...)."""

    class SignUp(models.TextChoices):
        INSTANT = "instant", _("Instant: the place is theirs at once")
        CONFIRM = "confirm", _("Request and confirm: a coordinator confirms each sign-up")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    required_training = models.ForeignKey(
        TrainingTopic,
        verbose_name=_("required training"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Assigning someone without this training gives a warning."),
    )
    signup = models.CharField(
        _("sign-up"),
        max_length=10,
        choices=SignUp.choices,
        default=SignUp.INSTANT,
        help_text=_("Use request and confirm for roles that need vetting, such as bisidder."),
    )

    class Meta:
        verbose_name = _("volunteer role")
        verbose_name_plural = _("volunteer roles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VolunteerQuerySet(models.QuerySet):
    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)

    def for_user(self, user):
        """The volunteer record linked to a user (at most one)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def active_between(self, start: datetime.date, end: datetime.date):
        """Volunteers who were active (started, not yet left) at some point in [start, end]."""
        return self.filter(
            started_on__isnull=False,
            started_on__lte=end,
        ).filter(Q(left_on__isnull=True) | Q(left_on__gte=start))

    def started_between(self, start: datetime.date, end: datetime.date):
        return self.filter(started_on__gte=start, started_on__lte=end)

    def left_between(self, start: datetime.date, end: datetime.date):
        return self.filter(left_on__gte=start, left_on__lte=end)


class Volunteer(models.Model):
    class Recruitment(models.TextChoices):
        FCS = "fcs", _("Frivilligcenter Slagelse")
        OWN_CONTACT = "own_contact", _("Own contact")
        VISITOR = "visitor", _("A visitor who volunteers (brugerfrivillig)")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        INTRODUCTION = "introduction", _("Introduction meeting")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        LEFT = "left", _("Left")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer",
        help_text=_("The user account the volunteer logs in with (role Volunteers)."),
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    recruited_via = models.CharField(
        _("recruited through"), max_length=20, choices=Recruitment.choices, default=Recruitment.FCS
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INTERESTED
    )
    interested_on = models.DateField(_("interested on"), default=datetime.date.today)
    introduced_on = models.DateField(_("introduction meeting on"), null=True, blank=True)
    started_on = models.DateField(_("active from"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    roles = models.ManyToManyField(
        VolunteerRole, verbose_name=_("roles"), blank=True, related_name="volunteers"
    )
    is_key_holder = models.BooleanField(
        _("key holder"), default=False, help_text=_("May open and close a site (nøglebærer).")
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_text = models.TextField(
        _("consent"),
        blank=True,
        help_text=_("What the volunteer agreed to, e.g. storing contact details for rosters."),
    )
    feed_token = models.CharField(
        max_length=64, unique=True, default=new_feed_token, editable=False
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The kinds of message (Message.Kind) the volunteer wants in the app only, not by e-mail.
    # Kinds in Message.MUST_GET are e-mailed whatever this says.
    email_off = models.JSONField(_("not by e-mail"), default=list, blank=True, editable=False)

    objects = VolunteerQuerySet.as_manager()

    # Other objects' audit entries (shifts, training sessions) refer to a volunteer by id and
    # show the current name, so anonymising reaches them too (core.audit).
    # Changes no field holds (core.audit).
    audit_labels = {"unavailable": _("unavailable"), "extra_hours": _("hours outside shifts")}
    audit_as_reference = True

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["first_name", "last_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(left_on__gte=models.F("started_on")),
                name="volunteer_leaves_after_start",
                violation_error_message=_("A volunteer cannot leave before starting."),
            ),
        ]

    def __str__(self) -> str:
        if self.anonymised_at is not None:
            return str(_("Anonymised volunteer #%(pk)s") % {"pk": self.pk})
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    def wants_email(self, kind: str) -> bool:
        """Whether a message of this kind goes to the volunteer by e-mail (if they have one)."""
        return kind in Message.MUST_GET or kind not in (self.email_off or [])


class TrainingSession(models.Model):
    topic = models.ForeignKey(
        TrainingTopic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=160, blank=True)
    held_by = models.CharField(_("held by"), max_length=160, blank=True)
    attendees = models.ManyToManyField(
        Volunteer, verbose_name=_("attended"), blank=True, related_name="training_sessions"
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title or self.topic} ({self.held_on:%Y-%m-%d})"


class ShiftTemplate(models.Model):
    """A recurring shift, e.g. every Tuesday 9-13 at the pavilion."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    site = models.ForeignKey(
        "sites.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    key_holder_required = models.BooleanField(_("key holder required"), default=False)
    staff_required = models.BooleanField(_("staff member required"), default=False)
    outside_hours_reason = models.CharField(
        _("reason if outside opening hours"), max_length=200, blank=True
    )
    roles_needed = models.ManyToManyField(
        VolunteerRole, through="TemplateNeed", verbose_name=_("roles needed"), related_name="+"
    )

    class Meta:
        verbose_name = _("shift template")
        verbose_name_plural = _("shift templates")
        ordering = ["site", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="shift_template_ends_after_start",
                violation_error_message=_("The shift must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.site}: {self.get_weekday_display()} "
            f"{self.start_time:%H:%M}-{self.end_time:%H:%M}"
        )


class TemplateNeed(models.Model):
    template = models.ForeignKey(ShiftTemplate, on_delete=models.CASCADE, related_name="needs")
    role = models.ForeignKey(VolunteerRole, verbose_name=_("role"), on_delete=models.CASCADE)
    count = models.PositiveSmallIntegerField(_("how many"), default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["template", "role"], name="template_need_once"),
            models.CheckConstraint(condition=Q(count__gte=1), name="template_need_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.role}"


class ShiftQuerySet(models.QuerySet):
    def between(self, start: datetime.datetime, end: datetime.datetime):
        """Shifts that overlap [start, end)."""
        return self.filter(starts__lt=end, ends__gt=start)

    def upcoming(self):
        return self.filter(ends__gt=timezone.now())

    def active(self):
        """Shifts that are not cancelled: the ones that count for gaps, sign-ups and hours."""
        return self.filter(cancelled_at__isnull=True)

    def with_roster(self):
        """Everything a roster needs, in a constant number of queries."""
        return self.select_related("site", "staff_member").prefetch_related(
            models.Prefetch("needs", queryset=ShiftNeed.objects.select_related("role")),
            models.Prefetch(
                "assignments",
                queryset=ShiftAssignment.objects.select_related("volunteer", "role").order_by(
                    "volunteer__first_name", "pk"
                ),
            ),
        )


class Shift(models.Model):
    # What the audit history names a change that is no field of the shift (core.audit).
    audit_labels = {
        "assigned": _("assigned"),
        "requested": _("requested"),
        "template": _("shift template"),
    }

    site = models.ForeignKey(
        "sites.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="+"
    )
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    key_holder_required = models.BooleanField(_("key holder required"), default=False)
    staff_required = models.BooleanField(_("staff member required"), default=False)
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outside_hours_reason = models.CharField(
        _("reason if outside opening hours"), max_length=200, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    template = models.ForeignKey(
        ShiftTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="shifts"
    )
    roles_needed = models.ManyToManyField(
        VolunteerRole, through="ShiftNeed", verbose_name=_("roles needed"), related_name="+"
    )
    # Set only through services.cancel_shift / reinstate_shift. A cancelled shift keeps its
    # assignments, so its volunteers see it as cancelled and a reinstated shift is whole again.
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=300, blank=True, editable=False
    )
    # The calendar feed's SEQUENCE: raised on cancelling and reinstating, so phone calendars
    # replace the event they already hold (same UID).
    revision = models.PositiveIntegerField(default=0, editable=False)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts", "site", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")),
                name="shift_ends_after_start",
                violation_error_message=_("The shift must end after it starts."),
            ),
            # Generating a template's shifts twice finds the existing shift instead.
            models.UniqueConstraint(
                fields=["template", "starts"],
                condition=Q(template__isnull=False),
                name="shift_once_per_template_start",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""),
                name="shift_cancelled_with_reason",
                violation_error_message=_("A cancelled shift needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts)
        return f"{self.site} {local:%Y-%m-%d %H:%M}-{timezone.localtime(self.ends):%H:%M}"

    @property
    def hours(self) -> float:
        return (self.ends - self.starts).total_seconds() / 3600

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class ShiftNeed(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="needs")
    role = models.ForeignKey(VolunteerRole, verbose_name=_("role"), on_delete=models.PROTECT)
    count = models.PositiveSmallIntegerField(_("how many"), default=1)

    class Meta:
        ordering = ["role__name"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "role"], name="shift_need_once"),
            models.CheckConstraint(condition=Q(count__gte=1), name="shift_need_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.role}"


class ShiftAssignment(models.Model):
    """A volunteer on a shift in a role. Created only through volunteers.services."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="assignments")
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.ForeignKey(VolunteerRole, verbose_name=_("role"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("shift assignment")
        verbose_name_plural = _("shift assignments")
        ordering = ["shift__starts", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"], name="assignment_once_per_shift"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.shift} ({self.role})"


class SignUpRequest(models.Model):
    """A volunteer asking for a place in a request-and-confirm role; no place until confirmed.

    Created and decided only through volunteers.services (request_place, decide_request).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="requests")
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE, related_name="requests"
    )
    role = models.ForeignKey(VolunteerRole, verbose_name=_("role"), on_delete=models.PROTECT)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    note = models.CharField(_("note to the volunteer"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-up request")
        verbose_name_plural = _("sign-up requests")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(state="pending"),
                name="one_pending_request_per_shift",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.shift} ({self.role})"


class WaitingListEntry(models.Model):
    """A volunteer waiting for a place in a role on a full shift; first come, first placed.

    When a place of that role comes free (services.unassign), the first who still fits gets it
    under the shift's row lock and is told through the outbox.
    """

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        PLACED = "placed", _("Got the place")
        LEFT = "left", _("Left the list")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="waiting")
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE, related_name="waiting"
    )
    role = models.ForeignKey(VolunteerRole, verbose_name=_("role"), on_delete=models.PROTECT)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list entries")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(state="waiting"),
                name="wait_once_per_shift",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.shift} ({self.role})"


class Unavailability(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="unavailabilities"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("unavailable period")
        verbose_name_plural = _("unavailable periods")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="unavailability_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d}"


class ExtraHours(models.Model):
    """Hours a volunteer gave outside shifts (a training session, a meeting, an escort as
    bisidder). They count in the hours exports and the USB report once a coordinator approves
    them, always apart from rostered hours. Written only through volunteers.services."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training session")
        MEETING = "meeting", _("Meeting")
        ESCORT = "escort", _("Escort as bisidder")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="extra_hours",
    )
    worked_on = models.DateField(_("date"))
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    site = models.ForeignKey(
        "sites.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for work not tied to one site."),
    )
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("What it was, e.g. the first aid course. Do not name a visitor."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    note = models.CharField(_("note from the coordinator"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Made when the form is shown: the same form posted twice records the hours once.
    client_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("hours outside shifts")
        verbose_name_plural = _("hours outside shifts")
        ordering = ["-worked_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24),
                name="extra_hours_within_a_day",
                violation_error_message=_("Give between 0.25 and 24 hours."),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.volunteer} {self.worked_on:%Y-%m-%d}: {self.hours} ({self.get_kind_display()})"
        )


class Message(models.Model):
    """Something said to volunteers: a shift cancelled, a reminder, a coordinator's message.

    Stored with one `Delivery` per volunteer in the transaction that caused it, then sent by
    the outbox (volunteers/outbox.py, `manage.py send_outbox`).
    """

    class Kind(models.TextChoices):
        SHIFT_CANCELLED = "shift_cancelled", _("Shift cancelled")
        SHIFT_REINSTATED = "shift_reinstated", _("Shift on again")
        REMINDER = "reminder", _("Shift reminder")
        COORDINATOR = "coordinator", _("Message from a coordinator")
        SIGNUP_DECIDED = "signup_decided", _("Answer to a sign-up request")
        WAITING_LIST = "waiting_list", _("A place from the waiting list")
        TRAINING_EXPIRES = "training_expires", _("Training about to expire")

    # What a volunteer must hear of by e-mail, whatever their preferences: they decide whether
    # to come. The others (CHOOSABLE) each volunteer may take in the app only.
    MUST_GET = frozenset(
        {
            Kind.SHIFT_CANCELLED,
            Kind.SHIFT_REINSTATED,
            Kind.SIGNUP_DECIDED,
            Kind.WAITING_LIST,
            Kind.TRAINING_EXPIRES,
        }
    )
    CHOOSABLE = (Kind.REMINDER, Kind.COORDINATOR)

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    shift = models.ForeignKey(
        Shift,
        verbose_name=_("shift"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(_("to"), max_length=300, blank=True)
    # Made when the coordinator's preview is shown: sending the same preview twice (a double
    # click, a resubmitted form) finds the message already stored instead of a second one.
    client_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One volunteer's copy of a message and how its e-mail went (the outbox's row).

    A copy for a coordinator (e.g. a volunteer's training about to expire) has `user` instead
    of `volunteer`: sent the same way, shown in no volunteer's list.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        APP = "app", _("In the app only")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        IN_APP = "in_app", _("In the app only")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["message", "volunteer__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["message", "volunteer"], name="delivery_once"),
            models.UniqueConstraint(fields=["message", "user"], name="delivery_once_per_user"),
            models.CheckConstraint(
                condition=Q(volunteer__isnull=False, user__isnull=True)
                | Q(volunteer__isnull=True, user__isnull=False),
                name="delivery_to_a_volunteer_or_a_user",
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient} ({self.get_state_display()})"

    @property
    def recipient(self) -> str:
        if self.volunteer is not None:
            return str(self.volunteer)
        if self.user is not None:
            return self.user.get_full_name() or self.user.get_username()
        return ""


class QualificationWarning(models.Model):
    """A volunteer and the coordinators were told that a qualification runs out on a day.

    One per volunteer, topic and last day, so the daily run warns once; a renewed
    qualification has a new last day and is warned of again before it runs out.
    """

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(TrainingTopic, on_delete=models.CASCADE, related_name="+")
    valid_until = models.DateField()
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "topic", "valid_until"], name="qualification_warned_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.topic} ({self.valid_until:%Y-%m-%d})"
