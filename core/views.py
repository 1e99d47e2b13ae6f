"""The dashboard, the health check, the audit history and the error pages."""

import secrets
import sys
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.csp import CSP, build_policy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.audit import holds_personal_data, objects_of, readable, record_views
from core.forms import AuditFilterForm
from core.jobs import job_states
from core.models import AuditEntry
from core.permissions import capability_required, has_capability, public
from core.registry import app_modules
from core.roles import user_roles
from core.unavailable import database_unavailable, is_database_unavailable


def dashboard(request: HttpRequest) -> HttpResponse:
    """What the user's role needs today: each app adds its panels."""
    panels = []
    for module in app_modules("dashboard"):
        panels.extend(module.panels(request))
    panels.sort(key=lambda p: p.order)
    return render(
        request,
        "core/dashboard.html",
        {"panels": panels, "roles": user_roles(request.user)},
    )


@public
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse(
            {"status": "error", "error": f"database unavailable: {type(error).__name__}"},
            status=503,
        )
    return JsonResponse({"status": "ok"})


def _may_see_jobs(request: HttpRequest) -> bool:
    """Django staff (the operators), or a monitor with `Authorization: Bearer <token>`."""
    if request.user.is_authenticated and request.user.is_staff:
        return True
    token = settings.HEALTHZ_JOBS_TOKEN
    if token.startswith("change-me"):  # the example's placeholder is no token
        token = ""
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(token) and bool(given) and secrets.compare_digest(given, token)


@public
@never_cache
@require_safe
def healthz_jobs(request: HttpRequest) -> JsonResponse:
    """200 when every scheduled job ran within its interval; 503 naming those that did not.

    For monitoring, not the load balancer: needs the token or a staff login (core.jobs).
    """
    if not _may_see_jobs(request):
        return JsonResponse({"status": "denied"}, status=403)
    now = timezone.now()
    states = job_states()
    late = [s.job.name for s in states if s.is_late(now)]
    body = {
        "status": "late" if late else "ok",
        "late": late,
        "jobs": [
            {
                "name": s.job.name,
                "max_age_minutes": int(s.job.max_age.total_seconds() // 60),
                "last_run": s.last_run_at.isoformat() if s.last_run_at else None,
                "note": s.note,
                "late": s.is_late(now),
            }
            for s in states
        ],
    }
    return JsonResponse(body, status=503 if late else 200)


@capability_required("view_audit")
def audit_history(request: HttpRequest) -> HttpResponse:
    """Who changed, viewed or exported what: filtered by action, kind, object, user, dates."""
    form = AuditFilterForm(request.GET or None)
    entries = form.filter(AuditEntry.objects.select_related("actor", "content_type"))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    # A person's own entries hold their data: shown to those who edit it (and logged as a
    # view of it), masked for the other roles that read the history.
    sees_values = has_capability(request.user, "manage_volunteers")
    rows = readable(page, hide_personal=not sees_values)
    if sees_values:
        people = {
            (entry.content_type_id, entry.object_id): entry
            for entry, changes in rows
            if changes and holds_personal_data(entry)
        }
        record_views(
            actor=request.user,
            instances=objects_of(people.values()),
            note=gettext_lazy("Seen in the audit history"),
        )
    return render(
        request,
        "core/audit_history.html",
        {"page": page, "rows": rows, "form": form, "values_hidden": not sees_values},
    )


@public
def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


@public
def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


@public
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form posted with an expired or missing security token (CSRF_FAILURE_VIEW).

    Usually a form left open past the session or a login elsewhere in another tab: the page
    says that nothing was saved and how to go on. The page carries a fresh token, so
    going back and reloading the form works. The reason stays in the log, not on the page.
    """
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    return render(request, "403_csrf.html", {"back": back}, status=403)


@public
def server_error(request: HttpRequest) -> HttpResponse:
    """The flat 500 page, which renders without the database, with its security headers;
    503 "try again in a moment" when the error is the database's (core.unavailable).

    Django calls this handler for an exception from a view and from any middleware, inside
    its `except` block, so the exception is still at hand. A failure inside the middleware
    chain (the database down while the session is read) skips the inner middleware that
    would add the CSP, X-Frame-Options and Permissions-Policy, so the page sets them itself.
    The 500 page has no script: the CSP allows none.
    """
    error = sys.exc_info()[1]
    if is_database_unavailable(error):
        response = database_unavailable(request)
        policy: dict[str, Any] = {**settings.SECURE_CSP, "script-src": [CSP.SELF]}
    else:
        response = HttpResponseServerError(loader.get_template("500.html").render())
        policy = {**settings.SECURE_CSP, "script-src": [CSP.NONE]}
    response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(policy)
    response.headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    response.headers["Permissions-Policy"] = settings.PERMISSIONS_POLICY
    return response
