"""Navigation entries of the feedback app."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem

ITEMS = [
    NavItem(_("Visitors' voice"), "feedback:home", capability="view_operations", order=65),
]
