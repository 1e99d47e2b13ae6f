"""Navigation entries of the visits app."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem

ITEMS = [
    NavItem(_("Tally"), "visits:entry", capability="log_tallies", order=10),
    NavItem(_("Visit figures"), "visits:figures", capability="log_tallies", order=20),
    NavItem(_("Tally categories"), "visits:categories", capability="manage_sites", order=21),
]
