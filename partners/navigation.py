"""Navigation entries of the partners app."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem

ITEMS = [
    NavItem(_("Partners"), "partners:directory", capability="view_operations", order=50),
]
