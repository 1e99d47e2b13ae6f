"""Absolute addresses for what is read away from the site: calendar feeds, QR codes, mails."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

# What `make run` serves; used only where neither the setting nor a request gives the host
# (a management command on a development machine).
DEVELOPMENT_BASE_URL = "http://127.0.0.1:8000"


def public_base_url(request: HttpRequest | None = None) -> str:
    """PUBLIC_BASE_URL where it is set (behind a proxy that rewrites the host, and for mails
    sent by cron), else the address the request came in on, else what `make run` serves."""
    configured = settings.VARMESTUE["PUBLIC_BASE_URL"].rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEVELOPMENT_BASE_URL


def public_url(url_name: str, *, request: HttpRequest | None = None, **kwargs: object) -> str:
    """The absolute address of a page, for reading away from the site (see public_base_url)."""
    return public_base_url(request) + reverse(url_name, kwargs=kwargs)


def public_host() -> str:
    """The host name in iCalendar UIDs: the same in every request, whatever host it came in on,
    so that a calendar updates an event instead of adding it twice."""
    configured = settings.VARMESTUE["PUBLIC_BASE_URL"]
    return (urlsplit(configured).hostname if configured else None) or "varmestue"
