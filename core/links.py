"""Absolute addresses for what is read away from the site: calendar feeds, QR codes, mails."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def public_url(url_name: str, **kwargs) -> str:
    """The address of a page at the public host (PUBLIC_BASE_URL), not the request's host."""
    return settings.VARMESTUE["PUBLIC_BASE_URL"].rstrip("/") + reverse(url_name, kwargs=kwargs)


def public_host() -> str:
    """The public host name, e.g. for iCalendar UIDs that must stay the same everywhere."""
    return urlsplit(settings.VARMESTUE["PUBLIC_BASE_URL"]).hostname or "varmestue"
