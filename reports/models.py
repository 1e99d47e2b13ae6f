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
