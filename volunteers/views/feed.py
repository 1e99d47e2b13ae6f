"""The personal calendar feed: public, found only by its secret token."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.permissions import public
from volunteers.feed import calendar_for
from volunteers.models import Volunteer


@public
@never_cache
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    # A volunteer who has left gets a new token (services.status_changed); this is the backstop.
    volunteer = get_object_or_404(
        Volunteer.objects.not_anonymised().exclude(status=Volunteer.Status.LEFT),
        feed_token=token,
    )
    response = HttpResponse(calendar_for(volunteer), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="vagter.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
