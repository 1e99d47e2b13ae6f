"""Menu items of the volunteers app."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem

ITEMS = [
    NavItem(_("My shifts"), "volunteers:my_shifts", capability="volunteer_self_service", order=10),
    NavItem(_("Roster"), "volunteers:roster", capability="view_operations", order=40),
    NavItem(_("Volunteers"), "volunteers:volunteer_list", capability="view_volunteers", order=45),
]
