"""503 "try again in a moment" when the database is down, busy or too slow (never a 500).

`core.views.server_error` (handler500) answers with `database_unavailable()` when the error
is an OperationalError or InterfaceError: the server is down or restarting, a connection
was refused or broken, or a statement or lock wait passed DATABASE_STATEMENT_TIMEOUT or
DATABASE_LOCK_TIMEOUT. Clients that read JSON (the sync API, the service worker, the
manifest, the health check) get problem details (RFC 9457); people get a Danish page in
the site's look that renders without the database: no session, no user, no menu.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.utils.translation import gettext as _

# Seconds a client should wait before it tries again (the Retry-After header).
RETRY_AFTER_SECONDS = 10

# Paths that never answer HTML: the JSON API and the files the PWA fetches.
NON_HTML_PATHS = (
    "/visits/api/",
    "/feedback/kiosk/api/",
    "/sw.js",
    "/feedback/kiosk/sw.js",
    "/manifest.webmanifest",
    "/jsi18n/",
    "/healthz",
)


def is_database_unavailable(error: BaseException | None) -> bool:
    """Django's wrappers, and psycopg's own errors from code that talks to it directly."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - SQLite-only installs
        return False
    return isinstance(error, psycopg.OperationalError | psycopg.InterfaceError)


def wants_json(request: HttpRequest) -> bool:
    if request.path.startswith(NON_HTML_PATHS):
        return True
    return request.accepts("application/json") and not request.accepts("text/html")


def database_unavailable(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if wants_json(request):
        response = JsonResponse(
            {
                "type": "about:blank",
                "title": "Service Unavailable",
                "status": 503,
                "detail": _("The database is not answering right now. Try again in a moment."),
                "retry_after": RETRY_AFTER_SECONDS,
            },
            status=503,
            content_type="application/problem+json",
        )
    else:
        # No request context: its processors would read the session and the user.
        context = {
            "request": request,
            "user": AnonymousUser(),
            "nav_items": [],
            "messages": [],
            "csrf_token": get_token(request),
            "retry_after": RETRY_AFTER_SECONDS,
        }
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response
