"""The personal calendar feed: public, found only by its secret token."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.permissions import public
from volunteers.feed import calendar_for
from volunteers.models import Volunteer


@public
@never_cache
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    volunteer = get_object_or_404(Volunteer.objects.not_anonymised(), feed_token=token)
    response = HttpResponse(calendar_for(volunteer), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="vagter.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
