"""The tally page as an installable web app: service worker, manifest and script translations.

All three are served from the site root (varmestue/urls.py): a service worker controls only
pages under its own path, and `/sw.js` may control `/visits/`. They are public: browsers fetch
the manifest without cookies, and a worker update must never be redirected to the login page.
Nothing in them is secret; the tally page and its API still need a login.
"""

import hashlib
import json
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.i18n import JavaScriptCatalog

from core.permissions import public

WORKER_SOURCE = Path(__file__).resolve().parent / "static" / "visits" / "sw.js"

# What the tally page needs to open without a connection (base.html and the entry page).
# The page also tells the worker every other static file it loaded (fonts and icons the CSS
# pulls in), so this list only has to cover what a first, still uncontrolled visit needs.
SHELL_STATIC = (
    "dkfds/css/dkfds.min.css",
    "dkfds/js/dkfds.min.js",
    "dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2",
    "dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Medium.woff2",
    "dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-SemiBold.woff2",
    "dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Bold.woff2",
    "htmx/htmx.min.js",
    "css/varmestue.css",
    "js/app.js",
    "js/outbox.js",
    "visits/visits.css",
    "visits/tally.js",
    "visits/icons/icon-192.png",
    "visits/icons/icon-512.png",
)
ICONS = (
    ("visits/icons/icon-192.png", "192x192", "any"),
    ("visits/icons/icon-512.png", "512x512", "any"),
    ("visits/icons/icon-maskable-512.png", "512x512", "maskable"),
)


def _hashed_storage() -> bool:
    return isinstance(staticfiles_storage, ManifestFilesMixin)


def _shell_url(path: str) -> str | None:
    """The URL `{% static %}` gives, or None for a file that does not exist."""
    if _hashed_storage():
        try:
            return static(path)
        except ValueError:  # not in the manifest
            return None
    return static(path) if finders.find(path) else None


def _fingerprint(path: str) -> str:
    """Plain (development) URLs do not change with the content: use size and mtime."""
    found = finders.find(path)
    if not found:
        return ""
    stat = os.stat(found)
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def offline_config(
    *, name: str, pages: list[str], shell: tuple[str, ...], catalogs: list[str]
) -> dict:
    """A worker's configuration (visits/static/visits/sw.js): its cache's name and version,
    the pages it keeps, the static files of their shell and their script catalogues."""
    found = {path: url for path in shell if (url := _shell_url(path))}
    digest = hashlib.sha256(WORKER_SOURCE.read_bytes())
    digest.update(json.dumps([name, pages, catalogs]).encode())
    for path, url in found.items():
        digest.update(url.encode())
        if not _hashed_storage():
            digest.update(_fingerprint(path).encode())
    return {
        # Each worker's own cache, so one never deletes the other's.
        "name": name,
        # A new version makes browsers install the worker again and drop the old cache.
        "version": digest.hexdigest()[:16],
        # Cache-first: hashed in production, so a URL never changes its content.
        "staticUrl": settings.STATIC_URL,
        "shell": list(found.values()),
        # Network-first, falling back to the copy from the last time online.
        "pages": pages,
        # The kept copy at once, refreshed in the background.
        "catalogs": catalogs,
    }


def worker_config() -> dict:
    """The tally page's worker: cache version, what to keep and how."""
    return offline_config(
        name="varmestue-tally",
        pages=[reverse("visits:entry")],
        shell=SHELL_STATIC,
        catalogs=[
            reverse("javascript_catalog", kwargs={"lang": code})
            for code, _name in settings.LANGUAGES
        ],
    )


def worker_script(config: dict, *, served_by: str) -> HttpResponse:
    """The worker's source with its configuration in front, never cached."""
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    header = f"// Served by {served_by} from visits/static/visits/sw.js.\n"
    body = f"{header}const CONFIG = {json.dumps(config, indent=2)};\n\n{source}"
    return HttpResponse(body, content_type="text/javascript; charset=utf-8")


@public
@never_cache
@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """`/sw.js`: the tally page's worker."""
    return worker_script(worker_config(), served_by="visits/pwa.py")


@public
@never_cache
@require_safe
def web_manifest(request: HttpRequest) -> JsonResponse:
    """`/manifest.webmanifest`: the tally page installs as an app, in the user's language."""
    page = reverse("visits:entry")
    manifest = {
        "id": page,
        "name": _("Varmestue tally"),
        "short_name": _("Tally"),
        "description": _("Count visits and services, also without a connection."),
        "lang": translation.get_language(),
        "dir": "ltr",
        "start_url": page,
        "scope": page,
        "display": "standalone",
        "orientation": "any",
        "background_color": "#ffffff",
        "theme_color": "#0059b3",
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@public
@require_safe
def javascript_catalog(request: HttpRequest, lang: str) -> HttpResponseBase:
    """`/jsi18n/<lang>/`: the Danish or English strings of the tally script.

    The language is in the path, not taken from the cookie, so the worker can keep the
    catalogue of the page's language for offline use under a URL of its own.
    """
    if lang not in dict(settings.LANGUAGES):
        raise Http404("Unknown language")
    with translation.override(lang):
        return JavaScriptCatalog.as_view(packages=["visits"])(request)
