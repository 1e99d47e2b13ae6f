"""Response headers Django has no setting for, and a guard against NUL characters."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
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
