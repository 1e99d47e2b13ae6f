"""Anonymous tallies: categories, the append-only tap events and the daily counts they add up to.

Nothing here identifies a visitor: an event says "one more breakfast at this site on this
day", who on the staff entered it and from which device, never who ate it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sites.models import Site

# The category whose count is "visits in total": the one the charts and comparisons show.
VISITS_CODE = "visits"


class CategoryGroup(models.TextChoices):
    VISITORS = "visitors", _("Visitors")
    MEALS = "meals", _("Meals")
    HYGIENE = "hygiene", _("Hygiene")
    HEALTH = "health", _("Health")
    ADVICE = "advice", _("Advice")
    HARM_REDUCTION = "harm_reduction", _("Harm reduction")
    INCIDENTS = "incidents", _("Incidents")


GROUP_ORDER = {value: index for index, value in enumerate(CategoryGroup.values)}


class TallyCategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def used_at(self, site: Site):
        """The active categories a site counts (all of them unless it opted out of some)."""
        return self.active().exclude(not_used_at=site)

    def in_order(self):
        return self.order_by("order", "code")


class TallyCategory(models.Model):
    """Something staff count: visits, a meal, a shower, a needle kit handed out."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Stable: used by the tally tablets and in reports. Do not change it."),
    )
    name_da = models.CharField(_("Danish name"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=80)
    group = models.CharField(_("group"), max_length=20, choices=CategoryGroup.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive categories cannot be counted.")
    )
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("breakdown of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parts",
        help_text=_(
            'The total this category is a part of ("Of which women" of "Visits in total"): '
            "its count is never above the total's, and a higher one is pointed out."
        ),
    )
    not_used_at = models.ManyToManyField(
        Site,
        verbose_name=_("not used at"),
        blank=True,
        related_name="unused_tally_categories",
        help_text=_("Sites that do not count this (every site counts it by default)."),
    )

    objects = TallyCategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("tally category")
        verbose_name_plural = _("tally categories")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(part_of__isnull=True) | ~Q(part_of=F("pk")),
                name="tally_category_not_part_of_itself",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the current language (Danish unless English is chosen)."""
        return self.name_en if (get_language() or "da").startswith("en") else self.name_da


class CorrectionReason(models.TextChoices):
    """Why a count was corrected: a short list, so the reason itself can never name anyone."""

    MISCOUNT = "miscount", _("Miscounted")
    WRONG_DAY = "wrong_day", _("Entered on the wrong day")
    WRONG_SITE = "wrong_site", _("Entered at the wrong site")
    TEST = "test", _("Test entry")
    OTHER = "other", _("Other")


class TallyEvent(models.Model):
    """One tap (or one correction), never changed once written.

    Who entered it, when and on which device are kept only while the day can still be
    questioned: `manage.py forget_tally_details` folds older events into one `summary` event
    per site, day and category, with none of those details (docs/privacy.md).
    """

    class Kind(models.TextChoices):
        TAP = "tap", _("Tap")
        CORRECTION = "correction", _("Correction")
        SUMMARY = "summary", _("Summary of older taps and corrections")

    # Made by the client at the moment of the tap, so a retry is recognised as the same tap.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    category = models.ForeignKey(
        TallyCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    delta = models.IntegerField(_("change"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.TAP)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Empty for a summary: the exact time is forgotten with the other details.
    created_at = models.DateTimeField(
        _("entered at"), default=timezone.now, editable=False, null=True, blank=True
    )
    device = models.CharField(_("device"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tally event")
        verbose_name_plural = _("tally events")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["site", "date"])]
        constraints = [
            models.CheckConstraint(condition=~Q(delta=0), name="tally_event_delta_not_zero"),
            models.CheckConstraint(
                condition=~Q(kind="tap") | Q(delta__gte=-100, delta__lte=100),
                name="tally_event_tap_delta_within_100",
            ),
            models.CheckConstraint(
                condition=~Q(kind="summary")
                | Q(created_at__isnull=True, entered_by__isnull=True, device=""),
                name="tally_event_summary_keeps_no_details",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.site} {self.category}: {self.delta:+d}"


class DailyCountQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)


class DailyCount(models.Model):
    """The sum of the events for one site, day and category: what pages and reports read."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="daily_counts"
    )
    date = models.DateField(_("date"))
    category = models.ForeignKey(
        TallyCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="daily_counts",
    )
    count = models.IntegerField(_("count"), default=0)

    objects = DailyCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        ordering = ["date", "site", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "date", "category"], name="daily_count_one_per_site_day_category"
            ),
            models.CheckConstraint(condition=Q(count__gte=0), name="daily_count_not_negative"),
        ]
        indexes = [models.Index(fields=["date", "site"])]

    def __str__(self) -> str:
        return f"{self.date} {self.site} {self.category}: {self.count}"


class MonthlyCount(models.Model):
    """The sum of the daily counts of one site, month and category.

    Kept by `visits.services` in the same transaction as the daily counts it sums, so the
    month views and reports read a year as 12 rows per site and category instead of 365.
    `month` is the month's first day.
    """

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="monthly_counts"
    )
    month = models.DateField(_("month"))
    category = models.ForeignKey(
        TallyCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="monthly_counts",
    )
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("monthly count")
        verbose_name_plural = _("monthly counts")
        ordering = ["month", "site", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "month", "category"],
                name="monthly_count_one_per_site_month_category",
            ),
            models.CheckConstraint(condition=Q(count__gte=0), name="monthly_count_not_negative"),
            models.CheckConstraint(condition=Q(month__day=1), name="monthly_count_first_of_month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.site} {self.category}: {self.count}"
