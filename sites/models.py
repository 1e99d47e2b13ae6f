"""Where the varmestue is: the pavilion, the bus stops, the permanent sites."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SiteQuerySet(models.QuerySet):
    def in_use(self, on: datetime.date):
        """Sites in use on a given day."""
        return self.filter(
            Q(in_use_from__isnull=True) | Q(in_use_from__lte=on),
            Q(in_use_until__isnull=True) | Q(in_use_until__gte=on),
        )


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
