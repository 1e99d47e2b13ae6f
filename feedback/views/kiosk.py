"""The feedback kiosk as visitors see it: five faces, optional topics and text, in their
language. Public URLs: the device is allowed by its kiosk token (feedback.kiosk_token), and
the kiosk never opens beside a staff login.

Without JavaScript the answer is a plain form post; with it, static/feedback/kiosk.js keeps
each answer in the device's outbox and sends it through the kiosk API (views/kiosk_api.py);
the service worker (`kiosk_worker`) keeps the pages for use without a connection.
"""

import json
import uuid

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.permissions import public
from feedback import kiosk_token, limits
from feedback.languages import CODES, choices_for_page, home_language, is_visitor_language
from feedback.models import Kiosk, Mood, Survey, Topic
from feedback.services import receive_feedback, receive_survey_replies
from feedback.survey_page import reply_from_post, survey_context
from visits.pwa import offline_config, worker_script

# How long the thanks stay on screen, and how long an untouched kiosk waits before it
# clears itself, so the next person never sees the last answer.
THANKS_SECONDS = 4
IDLE_SECONDS = 60
# The kiosk's own limit is shorter than the server's, so an answer is never cut there.
KIOSK_TEXT_MAX_LENGTH = 500


def kiosk_url(lang: str | None = None) -> str:
    if lang is None:
        return reverse("feedback:kiosk")
    return reverse("feedback:kiosk_language", kwargs={"lang": lang})


def _refusal(request: HttpRequest, kiosk: Kiosk | None) -> HttpResponse | None:
    """A page instead of the kiosk: someone is logged in here, or this is no kiosk."""
    if request.user.is_authenticated:
        return render(request, "feedback/kiosk_logged_in.html", status=403)
    if kiosk is None:
        return render(request, "feedback/kiosk_missing.html", status=403)
    return None


def survey_url(survey: Survey, lang: str | None = None) -> str:
    if lang is None:
        return reverse("feedback:kiosk_survey", kwargs={"pk": survey.pk})
    return reverse("feedback:kiosk_survey_language", kwargs={"pk": survey.pk, "lang": lang})


def open_surveys(kiosk: Kiosk | None) -> list[Survey]:
    """The survey rounds a kiosk offers today: open at its site."""
    if kiosk is None:
        return []
    return list(Survey.objects.open_on(timezone.localdate()).filter(sites=kiosk.site))


def _posting_kiosk(request: HttpRequest) -> tuple[Kiosk | None, str, HttpResponse | None]:
    """The kiosk posting a form without JavaScript, the visitor's language, or the refusal."""
    device = kiosk_token.kiosk_for(request)
    lang = request.POST.get("lang", "")
    if not is_visitor_language(lang):
        lang = home_language()
    return device, lang, _refusal(request, device)


def offline_pages(kiosk: Kiosk | None = None) -> list[str]:
    """The kiosk's pages a device keeps for use without a connection: one per language, and
    those of the survey rounds it offers today."""
    pages = [kiosk_url(), *(kiosk_url(code) for code in CODES)]
    for survey in open_surveys(kiosk):
        pages += [survey_url(survey), *(survey_url(survey, code) for code in CODES)]
    return pages


def _kiosk_context(kiosk: Kiosk, lang: str, *, thanks: bool = False, error: str = "") -> dict:
    surveys = open_surveys(kiosk)
    return {
        "offline_pages_json": json.dumps(offline_pages(kiosk)),
        "surveys": [{"survey": s, "url": survey_url(s, lang)} for s in surveys],
        "kiosk": kiosk,
        "site": kiosk.site,
        "lang": lang,
        "languages": choices_for_page(lang),
        "moods": [{"value": value, "label": label} for value, label in Mood.choices],
        "topics": [{"value": value, "label": label} for value, label in Topic.choices],
        "answer_id": uuid.uuid4(),
        "thanks": thanks,
        "error": error,
        "text_max_length": KIOSK_TEXT_MAX_LENGTH,
        "home_url": kiosk_url(),
        "settings": {
            "thanks_seconds": THANKS_SECONDS,
            "idle_seconds": IDLE_SECONDS,
            "fold_seconds": limits.fold_seconds(),
            "per_minute": limits.kiosk_answers_per_minute(),
        },
    }


def _render_kiosk(request: HttpRequest, kiosk: Kiosk, lang: str, status: int = 200, **state):
    with translation.override(lang):
        response = render(
            request, "feedback/kiosk.html", _kiosk_context(kiosk, lang, **state), status=status
        )
    response["Content-Language"] = lang
    return response


@public
@never_cache
@require_GET
def kiosk(request: HttpRequest, lang: str | None = None) -> HttpResponse:
    """`/feedback/kiosk/` in the device's language, `/feedback/kiosk/<lang>/` in another."""
    device = kiosk_token.kiosk_for(request)
    refusal = _refusal(request, device)
    if refusal is not None:
        return refusal
    assert device is not None
    return _render_kiosk(
        request, device, lang or home_language(), thanks=request.GET.get("thanks") == "1"
    )


@public
@require_POST
def kiosk_answer(request: HttpRequest) -> HttpResponse:
    """An answer posted without JavaScript: stored once (its id came with the page)."""
    device, lang, refusal = _posting_kiosk(request)
    if refusal is not None:
        return refusal
    assert device is not None
    answer = {
        "id": request.POST.get("id", ""),
        "date": timezone.localdate().isoformat(),
        "mood": request.POST.get("mood", ""),
        "topics": request.POST.getlist("topics"),
        "text": request.POST.get("text", ""),
    }
    with translation.override(lang):
        result = receive_feedback(site=device.site, answers=[answer], kiosk=device)
    if result.rejected:
        return _render_kiosk(request, device, lang, status=400, error=result.rejected[0]["error"])
    return HttpResponseRedirect(f"{kiosk_url(lang)}?thanks=1")


# What the kiosk needs to open without a connection; the page also tells the worker every
# other static file it loaded (fonts the CSS pulls in).
KIOSK_SHELL = (
    "dkfds/css/dkfds.min.css",
    "dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2",
    "dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-SemiBold.woff2",
    "dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Bold.woff2",
    "feedback/visitor.css",
    "js/outbox.js",
    "feedback/kiosk.js",
    "feedback/survey.js",
)


@public
@never_cache
@require_GET
def kiosk_worker(request: HttpRequest) -> HttpResponse:
    """`/feedback/kiosk/sw.js`: the tally page's service worker with the kiosk's pages."""
    config = offline_config(
        name="varmestue-kiosk",
        pages=offline_pages(kiosk_token.kiosk_for(request)),
        shell=KIOSK_SHELL,
        catalogs=[],
    )
    return worker_script(config, served_by="feedback/views/kiosk.py")


def _survey_app(kiosk: Kiosk, survey: Survey, lang: str) -> dict:
    """The kiosk's own settings of the survey page (feedback/survey_form.html)."""
    return {
        "api_url": reverse("feedback:kiosk_survey_replies"),
        "store": "varmestue-kiosk-survey",
        "home_url": kiosk_url(),
        "action_url": reverse("feedback:kiosk_survey_answer", kwargs={"pk": survey.pk}),
        "worker_url": reverse("feedback:kiosk_worker"),
        "worker_scope": kiosk_url(),
        "pages_json": json.dumps(offline_pages(kiosk)),
        "thanks_seconds": THANKS_SECONDS,
        "idle_seconds": IDLE_SECONDS,
        "fold_seconds": limits.fold_seconds(),
    }


def _render_survey(
    request: HttpRequest, kiosk: Kiosk, survey: Survey, lang: str, status: int = 200, **state
) -> HttpResponse:
    context = survey_context(
        survey,
        lang,
        url_name="feedback:kiosk_survey_language",
        url_kwargs={"pk": survey.pk},
        **state,
    )
    context |= {"site": kiosk.site, "app": _survey_app(kiosk, survey, lang)}
    with translation.override(lang):
        response = render(request, "feedback/survey_form.html", context, status=status)
    response["Content-Language"] = lang
    return response


def _survey_or_closed(request: HttpRequest, kiosk: Kiosk, pk: int, lang: str):
    """The round if this kiosk offers it today, else the page saying it is closed (404)."""
    survey = next((s for s in open_surveys(kiosk) if s.pk == pk), None)
    if survey is not None:
        return survey, None
    with translation.override(lang):
        closed = render(
            request,
            "feedback/survey_closed.html",
            {"home_url": kiosk_url(lang), "lang": lang},
            status=404,
        )
    return None, closed


@public
@never_cache
@require_GET
def kiosk_survey(request: HttpRequest, pk: int, lang: str | None = None) -> HttpResponse:
    """`/feedback/kiosk/survey/<pk>/`: a survey round the kiosk's site has open today."""
    device = kiosk_token.kiosk_for(request)
    refusal = _refusal(request, device)
    if refusal is not None:
        return refusal
    assert device is not None
    lang = lang or home_language()
    survey, closed = _survey_or_closed(request, device, pk, lang)
    if survey is None:
        return closed
    return _render_survey(request, device, survey, lang)


@public
@require_POST
def kiosk_survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """A survey reply posted without JavaScript: stored once (its id came with the page)."""
    device, lang, refusal = _posting_kiosk(request)
    if refusal is not None:
        return refusal
    assert device is not None
    survey, closed = _survey_or_closed(request, device, pk, lang)
    if survey is None:
        return closed
    reply = reply_from_post(request, survey)
    with translation.override(lang):
        result = receive_survey_replies(
            site=device.site, replies=[reply], surveys={survey.pk: survey}, kiosk=device
        )
    if result.rejected:
        posted = {**reply["answers"], "id": reply["id"]}
        error = result.rejected[0]["error"]
        return _render_survey(request, device, survey, lang, 400, posted=posted, error=error)
    return HttpResponseRedirect(f"{kiosk_url(lang)}?thanks=1")
