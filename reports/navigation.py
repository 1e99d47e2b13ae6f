"""Navigation entries of the reports app."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem

ITEMS = [NavItem(_("Reports"), "reports:usb", capability="export_reports", order=700)]
