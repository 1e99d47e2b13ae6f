"""The sync API used by the entry page's script and the offline bus tablet (docs/api.md).

Both views are `public` so the login middleware never redirects them to an HTML page: they
check the session themselves and answer 401/403 as JSON, which the offline client needs
to keep its outbox and ask staff to log in again.
"""

from functools import wraps

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from core.middleware import session_renewed_lazily
from core.permissions import has_capability, public
from core.sync import BatchError, parse_iso_date, read_batch
from sites.models import Site
from visits.models import TallyCategory
from visits.selectors import counts_for_day
from visits.services import (
    MAX_EVENTS_PER_REQUEST,
    EventRejected,
    check_tally_date,
    record_events,
)
from visits.views.common import device_label


def _error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def api_view(view):
    """Login and capability checked by the view itself, answered as JSON, never redirected.

    Checked before the HTTP method, so the answer to who may call is the same for any method.
    A tablet calls these many times a minute: they renew the session's idle timeout at most
    every few minutes, not with a database write on every call.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return _error(
                _("You are not logged in. Log in again; nothing waiting has been lost."),
                401,
                login_url=reverse("login"),
            )
        if not has_capability(request.user, "log_tallies"):
            return _error(_("Your role may not log tallies."), 403)
        return view(request, *args, **kwargs)

    return public(session_renewed_lazily(never_cache(wrapper)))


@api_view
@require_POST
def api_events(request: HttpRequest) -> JsonResponse:
    """Count a batch of taps: {"events": [...]} -> accepted, duplicates, rejected."""
    try:
        events = read_batch(request, key="events", max_items=MAX_EVENTS_PER_REQUEST)
    except BatchError as error:
        return _error(error.message, 400)
    result = record_events(events=events, user=request.user, device=device_label(request))
    return JsonResponse(result.as_dict())


@api_view
@require_safe
def api_counts(request: HttpRequest) -> JsonResponse:
    """The counts of one site and day: {"site", "date", "counts": {code: n}}, only for the
    days the entry page may change (today and the tally window): exact day counts are
    operational, not a way to read the past (docs/privacy.md)."""
    slug = request.GET.get("site", "")
    day = parse_iso_date(request.GET.get("date", ""))
    if day is None:
        return _error(_("The date must be given as YYYY-MM-DD."), 400)
    # Another operator's site is unknown to a scoped user (decisions: Sites 17).
    site = Site.objects.for_user(request.user, on=day).filter(slug=slug).first() if slug else None
    if site is None:
        return _error(_("Unknown site: %(site)s.") % {"site": slug}, 400)
    try:
        check_tally_date(day)
    except EventRejected as rejection:
        return _error(rejection.message, 400)
    counts = dict.fromkeys(TallyCategory.objects.used_at(site).values_list("code", flat=True), 0)
    counts.update(counts_for_day(site, day))
    return JsonResponse({"site": site.slug, "date": day.isoformat(), "counts": counts})
