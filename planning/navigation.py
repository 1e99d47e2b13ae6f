"""Menu entries of the planning app."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem

ITEMS = [
    NavItem(_("Action plan"), "planning:timeline", capability="view_operations", order=60),
    NavItem(_("Strategic targets"), "planning:targets", capability="view_operations", order=61),
]
