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
