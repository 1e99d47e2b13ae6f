"""The kiosk's sync API: the device's outbox sends its answers here, each exactly once by the
id made on the device (core.sync's protocol, as the tally page's API).

`POST /feedback/kiosk/api/answers/` with `{"answers": [{id, date, mood, topics, text}, ...]}`
answers `{"accepted": [...], "duplicates": [...], "rejected": [{id, error}]}`. The device is
allowed by its kiosk token (feedback.kiosk_token), never by a login: 403 without a valid token
or beside a login, and the outbox keeps the answers.

No CSRF token is asked for: the kiosk token is a SameSite=Strict cookie, so no other site can
make a browser send it, and only a JSON body is read. A kiosk page kept offline for days would
otherwise send a token that has changed meanwhile.
"""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.permissions import public
from core.sync import BatchError, read_batch
from feedback import kiosk_token
from feedback.services import (
    MAX_ANSWERS_PER_REQUEST,
    receive_feedback,
    receive_survey_replies,
    surveys_open_at,
)


def _kiosk_batch(request: HttpRequest, key: str, receive) -> JsonResponse:
    """Read the batch under `key` from an active kiosk with nobody logged in and store it with
    `receive(kiosk, items)`."""
    device = kiosk_token.kiosk_for(request)
    if request.user.is_authenticated or device is None:
        return JsonResponse({"error": "This device is not an active feedback kiosk."}, status=403)
    if request.content_type != "application/json":
        return JsonResponse({"error": "Send JSON."}, status=415)
    # Rejections are read by staff, in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            items = read_batch(request, key=key, max_items=MAX_ANSWERS_PER_REQUEST)
        except BatchError as error:
            return JsonResponse({"error": error.message}, status=400)
        result = receive(device, items)
    return JsonResponse(result.as_dict())


@public
@csrf_exempt
@never_cache
@require_POST
def kiosk_answers(request: HttpRequest) -> JsonResponse:
    return _kiosk_batch(
        request,
        "answers",
        lambda device, items: receive_feedback(site=device.site, answers=items, kiosk=device),
    )


@public
@csrf_exempt
@never_cache
@require_POST
def kiosk_survey_replies(request: HttpRequest) -> JsonResponse:
    """`POST /feedback/kiosk/api/survey/` with `{"replies": [{id, date, survey, answers}]}`:
    the survey's replies from the kiosk's outbox, as `kiosk_answers` above."""
    return _kiosk_batch(
        request,
        "replies",
        lambda device, items: receive_survey_replies(
            site=device.site, replies=items, surveys=surveys_open_at(device.site), kiosk=device
        ),
    )
