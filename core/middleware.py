"""Response headers Django has no setting for, a guard against NUL characters, the
renewal of the sessions' idle timeout, and required two-factor login."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_otp import user_has_device


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PrivateResponsesMiddleware:
    """Whatever a logged-in user gets (pages with people's names and contact details, report
    and hours files, the audit history) is neither stored by the browser nor by a proxy:
    `Cache-Control: no-store, private`. Public pages are left as they are; views that serve
    personal data without a login (the volunteer's calendar feed) say so themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Without a session cookie nobody is logged in: no need to read the session.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


def _has_nul(query_dict) -> bool:
    return any("\x00" in value for values in query_dict.lists() for value in values[1])


class RejectNulCharactersMiddleware:
    """Answer 400 to a query string or form field holding a NUL character.

    PostgreSQL cannot store or compare text with NUL, so such a value reaching a query would
    be a server error; no real form or link ever sends one. Forms already refuse NUL in
    their own fields; this covers the values views read straight from GET and POST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            return HttpResponseBadRequest(
                _("The request contained a character that is not allowed."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


RENEWED_AT = "_renewed_at"


def session_renewed_lazily(view):
    """Mark a view called many times a minute by one client (the tally sync API): it renews
    the session's idle timeout at most every SESSION_LAZY_RENEWAL_SECONDS instead of writing
    the session on every call."""
    view.session_renewed_lazily = True
    return view


class SessionRenewalMiddleware:
    """Renew the idle timeout (SESSION_COOKIE_AGE) of a session on every request.

    In place of SESSION_SAVE_EVERY_REQUEST, so that views marked `session_renewed_lazily`
    can skip the database write: the session records when it was last renewed, and they
    renew it only when that is more than SESSION_LAZY_RENEWAL_SECONDS ago. An idle session
    still ends at most SESSION_COOKIE_AGE after its last request. Must come right after
    SessionMiddleware, which then saves a renewed session and sends its cookie again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or response.status_code >= 500 or session.is_empty():
            return response  # no session to renew, and none is ever started here
        renewed_at = session.get(RENEWED_AT, 0)
        if session.is_empty():
            return response  # the cookie named a session that has ended
        now = int(time.time())
        lazily = getattr(request, "session_renewed_lazily", False)
        if lazily and now - renewed_at < settings.SESSION_LAZY_RENEWAL_SECONDS:
            return response
        session[RENEWED_AT] = now
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.session_renewed_lazily = getattr(view_func, "session_renewed_lazily", False)


# What a user who must still set up two-factor login may reach (beside public views).
TWO_FACTOR_OPEN_VIEWS = frozenset(
    {
        "logout",
        "password_change",
        "password_change_done",
        "set_language",
        "javascript_catalog",
        "core:two_factor",
        "core:two_factor_setup",
        "core:two_factor_disable",
        "core:backup_codes",
    }
)


class TwoFactorRequiredMiddleware:
    """With TWO_FACTOR_REQUIRED on, a user who sees personal data (core.twofactor.
    is_required_for) gets nothing but the set-up page until they have a second factor: without
    a confirmed device they are sent to set one up (logout, password change, static files and
    public pages stay open); a session not verified by a device they have (logged in before
    they set it up elsewhere) is logged out and sent to the login with its code step.
    Must come after django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from core.twofactor import is_required_for

        if not settings.TWO_FACTOR_REQUIRED or not getattr(view_func, "login_required", True):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not is_required_for(user):
            return None
        if user_has_device(user, confirmed=True):
            logout(request)
            return redirect_to_login(request.get_full_path())
        match = request.resolver_match
        if match is not None and match.view_name in TWO_FACTOR_OPEN_VIEWS:
            return None
        return self._go(request, reverse("core:two_factor_setup"))

    def _go(self, request, url: str):
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
