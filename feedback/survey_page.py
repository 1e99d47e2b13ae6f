"""The survey's form as a visitor sees it, on a kiosk or on their own phone: the round's
questions of each kind in the visitor's language (the questions themselves are written in
Danish by coordinators), and reading a form posted without JavaScript into the sync
protocol's reply (feedback.services.parse_survey_reply)."""

import uuid
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from feedback.languages import choices_for_page
from feedback.models import Question, Survey

# The kiosk's and the phone's limit for a text is shorter than the server's, so an answer is
# never cut there.
SURVEY_TEXT_MAX_LENGTH = 500


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def survey_questions(survey: Survey, posted: dict[str, Any] | None = None) -> list[dict]:
    """Each question with its field's name, its choices as (number, label, checked), and the
    text posted, for the template."""
    posted = posted or {}
    shown = []
    for question in survey.ordered_questions():
        value = posted.get(str(question.pk))
        chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
        if question.kind == Question.Kind.SCALE:
            labels = [str(n) for n in range(1, 6)]
        else:
            labels = list(question.choices)
        shown.append(
            {
                "question": question,
                "name": field_name(question),
                "choices": [
                    (n, label, str(n) in chosen) for n, label in enumerate(labels, start=1)
                ],
                "text": value if question.kind == Question.Kind.TEXT and value else "",
            }
        )
    return shown


def reply_from_post(request: HttpRequest, survey: Survey) -> dict[str, Any]:
    """A form posted without JavaScript as the reply the outbox would send: dated today."""
    answers: dict[str, Any] = {}
    for question in survey.ordered_questions():
        name = field_name(question)
        if question.kind == Question.Kind.MULTIPLE:
            answers[str(question.pk)] = request.POST.getlist(name)
        else:
            answers[str(question.pk)] = request.POST.get(name, "")
    return {
        "id": request.POST.get("id", ""),
        "date": timezone.localdate().isoformat(),
        "survey": survey.pk,
        "answers": answers,
    }


def survey_context(
    survey: Survey,
    lang: str,
    *,
    url_name: str,
    url_kwargs: dict[str, Any],
    posted: dict[str, Any] | None = None,
    error: str = "",
) -> dict[str, Any]:
    """What feedback/survey_form.html needs besides the channel's own URLs and settings."""
    languages = [
        {**language, "url": reverse(url_name, kwargs={**url_kwargs, "lang": language["code"]})}
        for language in choices_for_page(lang)
    ]
    return {
        "survey": survey,
        "lang": lang,
        "languages": languages,
        "questions": survey_questions(survey, posted),
        "reply_id": (posted or {}).get("id") or uuid.uuid4(),
        "error": error,
        "text_max_length": SURVEY_TEXT_MAX_LENGTH,
    }
