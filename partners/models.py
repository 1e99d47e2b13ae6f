"""Partner organisations, their contacts and agreements, and the sessions they hold at sites."""

import datetime
import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from partners.documents import ALLOWED_EXTENSIONS, validate_document


class Service(models.Model):
    """Something a partner offers the target group ("health clinic", "debt counselling").

    A small shared vocabulary so that "where can I send someone for …" has an answer.
    """

    key = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_("Stable: used in web addresses and by the reference data."),
    )
    name_da = models.CharField(_("name (Danish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name_da"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language; Danish when there is no English name."""
        if (get_language() or "da").startswith("en") and self.name_en:
            return self.name_en
        return self.name_da


class OrganisationQuerySet(models.QuerySet):
    def search(self, text: str):
        """Organisations whose name, description or services match the text."""
        text = text.strip()
        if not text:
            return self
        matches = (
            Q(name__icontains=text)
            | Q(description__icontains=text)
            | Q(services__name_da__icontains=text)
            | Q(services__name_en__icontains=text)
        )
        return self.filter(pk__in=self.model.objects.filter(matches).values("pk"))

    def offering(self, service):
        return self.filter(services=service)

    def present_at(self, site):
        """Organisations holding sessions at the site."""
        return self.filter(pk__in=OutreachSession.objects.filter(site=site).values("organisation"))


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal unit")
        RUSMIDDELCENTER = "rusmiddelcenter", _("Service of Rusmiddelcenter")
        NGO = "ngo", _("NGO")
        USER_ORGANISATION = "user_org", _("User organisation")
        COUNCIL = "council", _("Council")
        HEALTH = "health", _("Health service")
        BUSINESS = "business", _("Business")
        COMMUNITY = "community", _("Local community")

    name = models.CharField(_("name"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("E.g. the street nurse is part of Toften."),
    )
    description = models.TextField(_("about"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("general phone"), max_length=40, blank=True)
    email = models.EmailField(_("general e-mail"), blank=True)
    services = models.ManyToManyField(
        Service,
        verbose_name=_("offers"),
        blank=True,
        related_name="organisations",
        help_text=_("What the organisation offers the target group."),
    )
    # Set only by the reference data, so that loading it again finds the row after a rename.
    reference_key = models.SlugField(max_length=80, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference_key"],
                condition=~Q(reference_key=""),
                name="organisation_unique_reference_key",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:organisation", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        # Walk up the chain so that A → B → A cannot be made either.
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("An organisation cannot be part of itself or its own parts.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Contact(models.Model):
    """A contact person at a partner: work contact details only."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=120)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    work_phone = models.CharField(_("work phone"), max_length=40, blank=True)
    work_email = models.EmailField(_("work e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.organisation.get_absolute_url()


def agreement_document_path(instance, filename: str) -> str:
    """A private path that cannot be guessed; the original name is kept for downloads."""
    name = PurePath(filename).name
    return f"private/partners/agreements/{uuid.uuid4().hex}/{name}"


class Agreement(models.Model):
    class Status(models.TextChoices):
        IN_DIALOGUE = "in_dialogue", _("In dialogue")
        AGREED = "agreed", _("Agreed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    title = models.CharField(_("title"), max_length=160)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_DIALOGUE
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    next_review = models.DateField(_("next review"), null=True, blank=True)
    dates_to_be_confirmed = models.BooleanField(
        _("dates to be confirmed"),
        default=False,
        help_text=_("The dates are implied or not known yet, not stated in the agreement."),
    )
    summary = models.TextField(_("summary"), blank=True)
    document = models.FileField(
        _("document"),
        upload_to=agreement_document_path,
        max_length=255,
        blank=True,
        validators=[FileExtensionValidator(ALLOWED_EXTENSIONS), validate_document],
        help_text=_("Optional: PDF, Word, OpenDocument or a picture, at most 10 MB."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Stable key for the reference data loader, so a renamed agreement is never created again.
    reference_key = models.SlugField(max_length=80, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["organisation__name", "-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("An agreement cannot end before it begins."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.title}"

    def get_absolute_url(self) -> str:
        return self.organisation.get_absolute_url()

    def clean(self):
        super().clean()
        errors = {}
        if self.status in (self.Status.ACTIVE, self.Status.ENDED) and not self.starts_on:
            errors["starts_on"] = _("An active or ended agreement needs a start date.")
        if self.status == self.Status.ENDED and not self.ends_on:
            errors["ends_on"] = _("An ended agreement needs an end date.")
        if errors:
            raise ValidationError(errors)

    @property
    def document_name(self) -> str:
        return PurePath(self.document.name).name if self.document else ""


WEEKDAYS = [
    (0, pgettext_lazy("partners weekday", "Monday")),
    (1, pgettext_lazy("partners weekday", "Tuesday")),
    (2, pgettext_lazy("partners weekday", "Wednesday")),
    (3, pgettext_lazy("partners weekday", "Thursday")),
    (4, pgettext_lazy("partners weekday", "Friday")),
    (5, pgettext_lazy("partners weekday", "Saturday")),
    (6, pgettext_lazy("partners weekday", "Sunday")),
]


class OutreachSessionQuerySet(models.QuerySet):
    def between(self, first: datetime.date, last: datetime.date):
        """Sessions that may occur on a day from `first` to `last` (inclusive)."""
        return self.filter(
            Q(date__isnull=True) | Q(date__gte=first, date__lte=last),
            Q(valid_from__isnull=True) | Q(valid_from__lte=last),
            Q(valid_until__isnull=True) | Q(valid_until__gte=first),
        )


class OutreachSession(models.Model):
    """A partner's service present at a site: once on a date, or every week on a weekday."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="sessions"
    )
    site = models.ForeignKey(
        "sites.Site",
        verbose_name=_("site"),
        on_delete=models.PROTECT,
        related_name="partner_sessions",
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("For a one-off session."))
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=WEEKDAYS,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(6)],
        help_text=_("For a weekly session."),
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    valid_from = models.DateField(
        _("weekly from"), null=True, blank=True, help_text=_("Optional first day.")
    )
    valid_until = models.DateField(
        _("weekly until"), null=True, blank=True, help_text=_("Optional last day.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = OutreachSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach session")
        verbose_name_plural = _("outreach sessions")
        ordering = ["weekday", "date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(date__isnull=False) & Q(weekday__isnull=True))
                | (Q(date__isnull=True) & Q(weekday__isnull=False)),
                name="session_one_off_or_weekly",
                violation_error_message=_(
                    "Give either a date (one-off) or a weekday (weekly), not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(weekday__isnull=True) | Q(weekday__gte=0, weekday__lte=6),
                name="session_weekday_in_range",
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="session_period_ends_after_start",
                violation_error_message=_("The weekly period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.organisation} ({self.site}, {self.when_display})"

    def get_absolute_url(self) -> str:
        return self.organisation.get_absolute_url()

    @property
    def is_weekly(self) -> bool:
        return self.weekday is not None

    @property
    def when_display(self) -> str:
        from django.utils.formats import date_format, time_format

        times = f"{time_format(self.start_time)}–{time_format(self.end_time)}"
        if self.is_weekly:
            return f"{self.get_weekday_display()} {times}"
        if self.date:
            return f"{date_format(self.date, 'SHORT_DATE_FORMAT')} {times}"
        return times

    def occurs_on(self, day: datetime.date) -> bool:
        if self.date is not None:
            return day == self.date
        if self.weekday != day.weekday():
            return False
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)

    def _days_overlap(self, other: "OutreachSession") -> bool:
        """Whether the two sessions can fall on the same day."""
        if self.date is not None and other.date is not None:
            return self.date == other.date
        if self.date is not None:
            return other.occurs_on(self.date)
        if other.date is not None:
            return self.occurs_on(other.date)
        if self.weekday != other.weekday:
            return False
        latest_start = max(
            self.valid_from or datetime.date.min, other.valid_from or datetime.date.min
        )
        earliest_end = min(
            self.valid_until or datetime.date.max, other.valid_until or datetime.date.max
        )
        return latest_start <= earliest_end

    def overlapping(self):
        """Other sessions of the same service at the same site at overlapping times."""
        if not (self.site_id and self.service_id and self.start_time and self.end_time):
            return []
        candidates = (
            OutreachSession.objects.filter(
                site_id=self.site_id,
                service_id=self.service_id,
                start_time__lt=self.end_time,
                end_time__gt=self.start_time,
            )
            .exclude(pk=self.pk)
            .select_related("organisation")
        )
        return [other for other in candidates if self._days_overlap(other)]

    def clean(self):
        super().clean()
        errors = {}
        if self.date is None and self.weekday is None:
            errors["date"] = _("Give a date for a one-off session or a weekday for a weekly one.")
        elif self.date is not None and self.weekday is not None:
            errors["weekday"] = _("Give either a date (one-off) or a weekday (weekly), not both.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("A session must end after it starts.")
        if errors:
            raise ValidationError(errors)
        overlap = self.overlap_error()
        if overlap is not None:
            raise overlap

    def overlap_error(self) -> ValidationError | None:
        """The clear message for an overlap with another session, or None."""
        clashes = self.overlapping()
        if not clashes:
            return None
        return ValidationError(
            _(
                "%(service)s is already at %(site)s at that time: %(other)s. "
                "Sessions of the same service at the same site may not overlap."
            ),
            code="overlap",
            params={
                "service": self.service,
                "site": self.site,
                "other": "; ".join(f"{c.organisation} {c.when_display}" for c in clashes),
            },
        )
