"""The export log: every USB report that left the building, who took it and what it held."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportExportQuerySet(models.QuerySet):
    def recent(self, limit: int = 50):
        return self.select_related("actor").order_by("-at", "-id")[:limit]


class ReportExport(models.Model):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", _("Excel (XLSX)")
        CSV = "csv", "CSV"

    class Via(models.TextChoices):
        WEB = "web", _("Web page")
        COMMAND = "command", _("Scheduled command")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    # Slugs and names as they were at the time: a site renamed later does not rewrite history.
    sites = models.JSONField(_("sites"), default=list, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    via = models.CharField(_("via"), max_length=10, choices=Via.choices, default=Via.WEB)

    objects = ReportExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_export_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"USB {self.period_start.isoformat()}–{self.period_end.isoformat()} ({self.format})"

    @property
    def site_names(self) -> str:
        return ", ".join(s.get("name", s.get("slug", "")) for s in self.sites)


class StatusFigure(models.Model):
    """A live figure shown beside a sub-goal's status text in the status document.

    Chosen from a list (reports.indicators.Indicator), never typed: it is computed for the
    document's period and sites when the document is made, from the same disclosed figures as
    the appendix.
    """

    class Indicator(models.TextChoices):
        VISITS = "visits", _("Visits in the period")
        SERVICE = "service", _("A service given in the period")
        VOLUNTEERS_ACTIVE = "volunteers_active", _("Volunteers active in the period")
        VOLUNTEER_HOURS = "volunteer_hours", _("Hours given by volunteers")
        PARTNER_SESSIONS = "partner_sessions", _("Partner sessions held")
        TASKS_DONE = "tasks_done", _("Plan tasks done")
        TASKS_SLIPPED = "tasks_slipped", _("Plan tasks delayed")

    status = models.ForeignKey(
        "planning.SubGoalStatus",
        verbose_name=_("status"),
        on_delete=models.CASCADE,
        related_name="figures",
    )
    indicator = models.CharField(_("figure"), max_length=30, choices=Indicator.choices)
    # Only for a service: the tally category counted.
    category = models.ForeignKey(
        "visits.TallyCategory",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("figure from the app")
        verbose_name_plural = _("figures from the app")
        ordering = ["status", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(indicator="service", category__isnull=False)
                | (~models.Q(indicator="service") & models.Q(category__isnull=True)),
                name="status_figure_service_has_category",
            ),
            models.UniqueConstraint(
                fields=["status", "indicator", "category"],
                name="status_figure_once",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        if self.category_id is not None:
            return str(self.category)
        return str(self.get_indicator_display())


class DocumentVersionQuerySet(models.QuerySet):
    def for_period(self, period_id: int):
        return (
            self.filter(period_id=period_id)
            .select_related("issued_by")
            .prefetch_related(
                models.Prefetch(
                    "files", queryset=DocumentFile.objects.defer("content").order_by("format")
                )
            )
            .order_by("number")
        )


class DocumentVersion(models.Model):
    """A reporting period's status document as it went to USB: frozen when the period is
    marked sent (version 1), and again for each corrected version issued with a note.

    Its files (`DocumentFile`) are the exact bytes sent; nothing changes them afterwards, so a
    later correction of a tally or a status never changes what the committee received.
    """

    period = models.ForeignKey(
        "planning.ReportingPeriod",
        verbose_name=_("reporting period"),
        # A sent document outlives nothing: the period cannot be deleted under it.
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("what changed"), blank=True)

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sent version of the status document")
        verbose_name_plural = _("sent versions of the status document")
        ordering = ["period", "number"]
        constraints = [
            models.UniqueConstraint(fields=["period", "number"], name="document_version_once"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="document_version_from_one"
            ),
        ]

    def __str__(self) -> str:
        return _("%(period)s, version %(number)s") % {
            "period": self.period,
            "number": self.number,
        }


class DocumentFile(models.Model):
    """One frozen file of a sent version, stored in the database with its SHA-256."""

    version = models.ForeignKey(
        DocumentVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="files"
    )
    format = models.CharField(_("format"), max_length=10, choices=ReportExport.Format.choices)
    file_name = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("frozen file")
        verbose_name_plural = _("frozen files")
        ordering = ["version", "format"]
        constraints = [
            models.UniqueConstraint(fields=["version", "format"], name="document_file_once"),
        ]

    def __str__(self) -> str:
        return self.file_name


class TargetIndicator(models.Model):
    """A measure of a strategic target's effect (issue 18, seed 004): computed from the app's
    data for each reporting period, or entered by hand per period for measures from outside
    the app (e.g. housing outcomes reported by partners); with a baseline and a goal."""

    class Kind(models.TextChoices):
        COMPUTED = "computed", _("Computed from the app's data")
        MANUAL = "manual", _("Entered by hand for each period")

    target = models.ForeignKey(
        "planning.StrategicTarget",
        verbose_name=_("strategic target"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(
        _("definition"), help_text=_("In words: what is counted, where and how.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source = models.CharField(
        _("computed from"),
        max_length=30,
        choices=StatusFigure.Indicator.choices,
        blank=True,
        help_text=_("Only for a computed indicator."),
    )
    category = models.ForeignKey(
        "visits.TallyCategory",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only when computed from a service."),
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    goal_value = models.DecimalField(
        _("goal value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    goal_date = models.DateField(_("goal date"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["target", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="computed") & ~models.Q(source=""))
                | (models.Q(kind="manual") & models.Q(source="", category__isnull=True)),
                name="target_indicator_source_by_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(source="service", category__isnull=False)
                | (~models.Q(source="service") & models.Q(category__isnull=True)),
                name="target_indicator_service_has_category",
            ),
            models.UniqueConstraint(fields=["target", "name"], name="target_indicator_name_once"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.kind == self.Kind.COMPUTED

    # compute() reads a figure's indicator and category.
    @property
    def indicator(self) -> str:
        return self.source


class IndicatorValue(models.Model):
    """A hand-entered indicator's value for one reporting period."""

    indicator = models.ForeignKey(
        TargetIndicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    period = models.ForeignKey(
        "planning.ReportingPeriod",
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("source or note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "period__starts"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="indicator_value_once"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} – {self.period}: {self.value}"
