"""The survey on a visitor's own phone, through the round's QR code: no login and no token.

The address `/feedback/s/<key>/<site>/` holds the round's random public key and the site the
QR code hangs at (the flyer or poster there), so the link names a round and a site and nothing
about the visitor. The rules against flooding (feedback/limits.py, docs/feedback.md): a reply
waits the fold time on the phone and a new one within it replaces it; the server takes at most
PHONE_ANSWERS_PER_DAY replies for the round, the site and the day, and at most
PHONE_ANSWERS_PER_HOUR requests from one address an hour (counted in the cache under a keyed
hash, never stored with a reply).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from core.permissions import public
from core.sync import BatchError, read_batch
from feedback import limits
from feedback.languages import home_language, is_visitor_language
from feedback.models import Survey
from feedback.services import MAX_ANSWERS_PER_REQUEST, receive_survey_replies
from feedback.survey_page import reply_from_post, survey_context
from sites.models import Site


def phone_url(survey: Survey, site: Site, lang: str | None = None) -> str:
    kwargs = {"key": survey.public_key, "site": site.slug}
    if lang is None:
        return reverse("feedback:phone_survey", kwargs=kwargs)
    return reverse("feedback:phone_survey_language", kwargs={**kwargs, "lang": lang})


def _round(key: str, slug: str) -> tuple[Survey | None, Site | None]:
    """The round of the public key and its site named in the link, or (None, None)."""
    survey = Survey.objects.filter(public_key=key).first()
    site = survey.sites.filter(slug=slug).first() if survey else None
    return (survey, site) if site else (None, None)


def _closed(request: HttpRequest, lang: str) -> HttpResponse:
    with translation.override(lang):
        return render(
            request, "feedback/survey_closed.html", {"home_url": "", "lang": lang}, status=404
        )


def _render(
    request: HttpRequest, survey: Survey, site: Site, lang: str, status: int = 200, **state
) -> HttpResponse:
    url_kwargs = {"key": survey.public_key, "site": site.slug}
    context = survey_context(
        survey, lang, url_name="feedback:phone_survey_language", url_kwargs=url_kwargs, **state
    )
    context |= {
        "site": site,
        "app": {
            "api_url": reverse("feedback:phone_survey_replies", kwargs=url_kwargs),
            "store": "varmestue-phone-survey",
            "home_url": "",
            "action_url": reverse("feedback:phone_survey_answer", kwargs=url_kwargs),
            "fold_seconds": limits.fold_seconds(),
            # A phone stays on the thanks, and is not kept for use without a connection.
            "thanks_seconds": 0,
            "idle_seconds": 0,
            "worker_url": "",
        },
    }
    with translation.override(lang):
        response = render(request, "feedback/survey_form.html", context, status=status)
    response["Content-Language"] = lang
    return response


@public
@never_cache
@require_GET
def phone_survey(request: HttpRequest, key: str, site: str, lang: str | None = None):
    """`/feedback/s/<key>/<site>/`: the round, while it is open, for anyone with the link."""
    lang = lang or home_language()
    survey, place = _round(key, site)
    if survey is None or place is None or not survey.is_open_on(timezone.localdate()):
        return _closed(request, lang)
    return _render(request, survey, place, lang)


@public
@require_POST
def phone_survey_answer(request: HttpRequest, key: str, site: str) -> HttpResponse:
    """A reply posted from a phone without JavaScript, stored once (its id came with the
    page), then the thanks."""
    lang = request.POST.get("lang", "")
    if not is_visitor_language(lang):
        lang = home_language()
    survey, place = _round(key, site)
    if survey is None or place is None:
        return _closed(request, lang)
    reply = reply_from_post(request, survey)
    with translation.override(lang):
        if not limits.take_phone_hour(request):
            error = _too_many()
        else:
            result = receive_survey_replies(
                site=place, replies=[reply], surveys={survey.pk: survey}, phone=True
            )
            error = result.rejected[0]["error"] if result.rejected else ""
    if error:
        posted = {**reply["answers"], "id": reply["id"]}
        return _render(request, survey, place, lang, 400, posted=posted, error=error)
    return HttpResponseRedirect(reverse("feedback:phone_survey_thanks") + f"?lang={lang}")


def _too_many() -> str:
    return pgettext("visitor", "Too many answers from here just now. Try again in an hour.")


@public
@require_GET
def phone_survey_thanks(request: HttpRequest) -> HttpResponse:
    lang = request.GET.get("lang", "")
    if not is_visitor_language(lang):
        lang = home_language()
    with translation.override(lang):
        return render(request, "feedback/survey_thanks.html", {"lang": lang})


@public
@csrf_exempt
@never_cache
@require_POST
def phone_survey_replies(request: HttpRequest, key: str, site: str) -> JsonResponse:
    """The phone's outbox sends here, as a kiosk's to its API. No CSRF token: the request
    carries no login and no token, so another site could do nothing a visitor cannot."""
    survey, place = _round(key, site)
    if survey is None or place is None:
        return JsonResponse({"error": "This survey link does not exist."}, status=404)
    if request.content_type != "application/json":
        return JsonResponse({"error": "Send JSON."}, status=415)
    if not limits.take_phone_hour(request):
        return JsonResponse({"error": "Too many requests from this address."}, status=429)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            replies = read_batch(request, key="replies", max_items=MAX_ANSWERS_PER_REQUEST)
        except BatchError as error:
            return JsonResponse({"error": error.message}, status=400)
        result = receive_survey_replies(
            site=place, replies=replies, surveys={survey.pk: survey}, phone=True
        )
    return JsonResponse(result.as_dict())
