"""Core's dashboard panel: recommends two-factor login to those who see personal data."""

from django.http import HttpRequest
from django_otp import user_has_device

from core.permissions import has_capability
from core.registry import Panel


def panels(request: HttpRequest) -> list[Panel]:
    user = request.user
    if not has_capability(user, "view_volunteers") or user.is_superuser:
        return []
    if user_has_device(user, confirmed=True):
        return []
    return [Panel("core/panels/two_factor.html", {}, order=990)]
