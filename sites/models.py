"""Where the varmestue is: the pavilion, the bus stops, the permanent sites, and their hours."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SiteQuerySet(models.QuerySet):
    def in_use(self, on: datetime.date):
        """Sites in use on a given day."""
        return self.filter(
            Q(in_use_from__isnull=True) | Q(in_use_from__lte=on),
            Q(in_use_until__isnull=True) | Q(in_use_until__gte=on),
        )

    def in_use_between(self, start: datetime.date, end: datetime.date):
        """Sites in use on at least one day of start..end (inclusive)."""
        return self.filter(_in_use_between(start, end))

    def for_user(self, user, *, on: datetime.date | None = None):
        """The sites the user may see and work at (decisions: Sites 17).

        An unscoped user (no `UserScope` row; every superuser) sees every site, as before.
        A scoped user sees the sites they are scoped to, and the sites their operators run on
        the day `on`, or on any day when `on` is None (figures of the past stay theirs).
        """
        scope = UserScope.for_user(user)
        if scope is None:
            return self.all()
        operations = SiteOperation.objects.filter(operator_id__in=scope.operator_ids)
        if on is not None:
            operations = operations.on(on)
        return self.filter(Q(pk__in=scope.site_ids) | Q(pk__in=operations.values("site_id")))

    def listed(
        self,
        start: datetime.date,
        end: datetime.date | None = None,
        *,
        with_data: Iterable[int | models.QuerySet | None] = (),
    ):
        """The sites a page about the days start..end (or the day `start`) lists.

        The one rule for every list of sites (decisions: Sites 14): a site is listed when it is
        in use on one of those days; a site not in use then (the pavilion after 2021) only
        where it has data there: `with_data` names the sites with rows in the period (tallies,
        shifts, sessions) or chosen on the page, each as an id or a queryset of ids.
        Entry and day-to-day lists pass no data, so an inactive site is hidden from them.
        """
        shown = _in_use_between(start, start if end is None else end)
        ids = []
        for source in with_data:
            if isinstance(source, models.QuerySet):
                shown |= Q(pk__in=source)
            elif source is not None:
                ids.append(source)
        if ids:
            shown |= Q(pk__in=ids)
        return self.filter(shown).order_by("town", "name")


def _in_use_between(
    start: datetime.date,
    end: datetime.date,
    first: str = "in_use_from",
    last: str = "in_use_until",
) -> Q:
    """A period [first, last] (either end open when null) meets start..end (inclusive)."""
    return (Q(**{f"{first}__isnull": True}) | Q(**{f"{first}__lte": end})) & (
        Q(**{f"{last}__isnull": True}) | Q(**{f"{last}__gte": start})
    )


class Bus(models.Model):
    """The mobile varmestue: a fitted-out bus. Its timetable is its stops' opening hours."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    description = models.TextField(_("public description"), blank=True)

    class Meta:
        verbose_name = _("bus")
        verbose_name_plural = _("buses")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.TextChoices):
    """What a visitor can get at a site (shown on the public schedule)."""

    BREAKFAST = "breakfast", _("Breakfast")
    HOT_MEAL = "hot_meal", _("Hot lunch")
    FOOD = "food", _("Food to take away")
    COFFEE = "coffee", _("Coffee and company")
    SHELTER = "shelter", _("Shelter, warmth and rest")
    SHOWER = "shower", _("Shower")
    LAUNDRY = "laundry", _("Laundry")
    NECESSITIES = "necessities", _("Toothbrushes, shampoo and other necessities")
    COUNSELLING = "counselling", _("Counselling and guidance")
    CASEWORKER = "caseworker", _("Advice from the municipality at the site")
    HEALTH_CLINIC = "health_clinic", _("Health clinic")
    MEDICINE = "medicine", _("Medicine hand-out")


class Site(models.Model):
    class Kind(models.TextChoices):
        PAVILION = "pavilion", _("Pavilion")
        BUS_STOP = "bus_stop", _("Bus stop")
        PERMANENT = "permanent", _("Permanent site")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_("Stable: used in web addresses and by the tally tablets."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    town = models.CharField(_("town"), max_length=60)
    in_use_from = models.DateField(_("in use from"), null=True, blank=True)
    in_use_until = models.DateField(_("in use until"), null=True, blank=True)

    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    bus = models.ForeignKey(
        Bus,
        verbose_name=_("bus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stops",
        help_text=_("Only for bus stops: the bus that stops here."),
    )
    services = models.JSONField(_("services offered"), default=list, blank=True)
    description = models.TextField(_("public description"), blank=True)
    closes_on_holidays = models.BooleanField(
        _("closed on public holidays"),
        default=True,
        help_text=_("Regular hours do not apply on Danish public holidays."),
    )
    to_be_confirmed = models.BooleanField(
        _("to be confirmed"),
        default=False,
        help_text=_("The place or address is a proposal that has not been confirmed yet."),
    )

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["town", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_use_until__isnull=True)
                | Q(in_use_from__isnull=True)
                | Q(in_use_until__gte=models.F("in_use_from")),
                name="site_period_ends_after_start",
                violation_error_message=_("The period in use cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sites:site_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        # Not a DB constraint: other apps' tests create bare bus stops without a bus.
        if self.kind == self.Kind.BUS_STOP and self.bus_id is None:
            raise ValidationError({"bus": _("A bus stop needs the bus that stops there.")})
        if self.kind != self.Kind.BUS_STOP and self.bus_id is not None:
            raise ValidationError({"bus": _("Only bus stops belong to a bus.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        unknown = set(self.services or []) - set(Service.values)
        if unknown:
            raise ValidationError({"services": _("Unknown service.")})

    def in_use_on(self, day: datetime.date) -> bool:
        return (self.in_use_from is None or self.in_use_from <= day) and (
            self.in_use_until is None or self.in_use_until >= day
        )

    def service_labels(self) -> list[str]:
        labels = dict(Service.choices)
        return [labels[code] for code in self.services or [] if code in labels]

    @property
    def map_url(self) -> str:
        """An OpenStreetMap link: the coordinates if known, else a search for the address."""
        from urllib.parse import quote_plus

        if self.latitude is not None and self.longitude is not None:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=17/{self.latitude}/{self.longitude}"
            )
        if self.address:
            return f"https://www.openstreetmap.org/search?query={quote_plus(self.address)}"
        return ""


class Operator(models.Model):
    """Who runs sites: the municipality's own service, a charity or a user organisation."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        CHARITY = "charity", _("Charity")
        USER_ORGANISATION = "user_organisation", _("User organisation")

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_("Stable: used in web addresses and in exchanged data files."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    contact = models.TextField(
        _("contact"), blank=True, help_text=_("Who to contact: a name, phone or e-mail.")
    )

    class Meta:
        verbose_name = _("operator")
        verbose_name_plural = _("operators")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sites:operator_detail", kwargs={"slug": self.slug})


class SiteOperationQuerySet(models.QuerySet):
    def on(self, day: datetime.date):
        """The operations running on a given day (at most one per site)."""
        return self.between(day, day)

    def between(self, start: datetime.date, end: datetime.date):
        """The operations running on at least one day of start..end (inclusive)."""
        return self.filter(_in_use_between(start, end, "starts_on", "ends_on"))


class SiteOperation(models.Model):
    """A site run by an operator from a day to a day (inclusive; open at either end).

    A takeover is two rows: the old operator's ends the day before the new one's starts.
    Periods of one site never overlap (sites.rules checks it under the site's lock).
    """

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="operations"
    )
    operator = models.ForeignKey(
        Operator, verbose_name=_("operator"), on_delete=models.PROTECT, related_name="operations"
    )
    starts_on = models.DateField(
        _("from"), null=True, blank=True, help_text=_("Empty: since the site began.")
    )
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: still."))
    to_be_confirmed = models.BooleanField(
        _("dates to be confirmed"),
        default=False,
        help_text=_("The takeover date is expected but has not been agreed yet."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = SiteOperationQuerySet.as_manager()

    class Meta:
        verbose_name = _("site operation")
        verbose_name_plural = _("site operations")
        ordering = ["site", F("starts_on").asc(nulls_first=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="site_operation_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site}: {self.operator}"

    def covers(self, day: datetime.date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (
            self.ends_on is None or self.ends_on >= day
        )


@dataclass(frozen=True)
class Scope:
    operator_ids: frozenset[int]
    site_ids: frozenset[int]


class UserScope(models.Model):
    """Limits a user to an operator's sites or to one site; a user with none sees every site.

    A user may have several rows (two operators, or an operator and a site elsewhere).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="site_scopes",
    )
    operator = models.ForeignKey(
        Operator,
        verbose_name=_("operator"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="user_scopes",
        help_text=_("Every site the operator runs."),
    )
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="user_scopes",
    )

    class Meta:
        verbose_name = _("user's scope")
        verbose_name_plural = _("users' scopes")
        constraints = [
            models.CheckConstraint(
                condition=Q(operator__isnull=True, site__isnull=False)
                | Q(operator__isnull=False, site__isnull=True),
                name="user_scope_operator_or_site",
                violation_error_message=_("Choose an operator or a site, not both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.operator or self.site}"

    @classmethod
    def for_user(cls, user) -> Scope | None:
        """The user's scope, or None if unscoped; read once per user object (per request)."""
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not hasattr(user, "_site_scope"):
            rows = list(cls.objects.filter(user=user).values_list("operator_id", "site_id"))
            user._site_scope = (
                Scope(
                    operator_ids=frozenset(o for o, _s in rows if o is not None),
                    site_ids=frozenset(s for _o, s in rows if s is not None),
                )
                if rows
                else None
            )
        return user._site_scope


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeeklyHoursQuerySet(models.QuerySet):
    def valid_between(self, start: datetime.date, end: datetime.date):
        """Hours valid on at least one day of start..end (inclusive)."""
        return self.filter(
            Q(valid_from__lte=end), Q(valid_until__isnull=True) | Q(valid_until__gte=start)
        )

    def valid_on(self, day: datetime.date):
        return self.valid_between(day, day)


class WeeklyHours(models.Model):
    """A regular weekly opening: one weekday, from a time to a time, during a period.

    An opening that closes at or before it opens runs past midnight into the next day; that
    must be said explicitly (`overnight`), so a typo is not taken for a night opening.
    """

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="weekly_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    overnight = models.BooleanField(
        _("closes the next day"),
        default=False,
        help_text=_("Tick for an opening that runs past midnight, e.g. 20:00 to 08:00."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    to_be_confirmed = models.BooleanField(_("to be confirmed"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = WeeklyHoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("weekly opening hours")
        verbose_name_plural = _("weekly opening hours")
        ordering = ["site", "weekday", "opens", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(overnight=False, closes__gt=models.F("opens"))
                | Q(overnight=True, closes__lte=models.F("opens")),
                name="weekly_hours_close_after_open",
                violation_error_message=_(
                    "The closing time must be after the opening time, unless the opening "
                    "runs past midnight (then tick “closes the next day”)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="weekly_hours_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site}: {self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    """The site is closed on these days (inclusive): regular hours starting then do not apply."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="closures"
    )
    starts_on = models.DateField(_("first closed day"))
    ends_on = models.DateField(_("last closed day"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["site", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="closure_ends_after_start",
                violation_error_message=_("The closure cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site}: {self.starts_on}–{self.ends_on} ({self.reason})"


class ExtraOpening(models.Model):
    """An opening outside the weekly hours, e.g. a frost night. Kept even during a closure."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="extra_openings"
    )
    starts = models.DateTimeField(_("opens"))
    ends = models.DateTimeField(_("closes"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("extra opening")
        verbose_name_plural = _("extra openings")
        ordering = ["site", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")),
                name="extra_opening_ends_after_start",
                violation_error_message=_("The closing time must be after the opening time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site}: {self.starts:%Y-%m-%d %H:%M} ({self.reason})"
