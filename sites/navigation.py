"""Menu items of the sites app."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem

ITEMS = [
    NavItem(_("Opening hours"), "sites:schedule", order=10),
    NavItem(_("Sites"), "sites:site_list", capability="view_operations", order=20),
]
