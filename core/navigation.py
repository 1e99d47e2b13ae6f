"""Navigation entries of the core app."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem

ITEMS = [
    NavItem(_("Overview"), "core:dashboard", order=0),
    NavItem(_("Audit history"), "core:audit", capability="view_audit", order=900),
]
