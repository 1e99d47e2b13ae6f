"""Receiving visitors' answers: each exactly once, and nothing stored that identifies anyone.

An answer's id is made on the device when the visitor answers. It is the answer's primary
key, so a retry, or the same batch sent twice at once, stores it once: the database's unique
index decides, and the second sender hears "duplicate". Each answer is stored in a
transaction of its own together with its topics, its text and the kiosk's daily allowance.
"""

import datetime
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.sync import SyncResult, parse_iso_date, parse_uuid
from feedback import limits
from feedback.models import (
    TEXT_MAX_LENGTH,
    FeedbackEntry,
    FeedbackTopic,
    Kiosk,
    KioskDay,
    Mood,
    PhoneDay,
    Question,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    Topic,
    VisitorText,
)
from sites.models import Site

MAX_ANSWERS_PER_REQUEST = 200


class AnswerRejected(Exception):
    """An answer that cannot be stored; the message is meant for staff."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FeedbackAnswer:
    id: uuid.UUID
    date: datetime.date
    mood: int
    topics: tuple[str, ...]
    text: str


def check_answer_date(day: datetime.date, *, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if day > today:
        raise AnswerRejected(_("The date is in the future."))
    window = limits.window_days()
    if day < today - datetime.timedelta(days=window):
        raise AnswerRejected(
            _("The answer is more than %(days)d days old and was not stored.") % {"days": window}
        )


def clean_text(value: Any) -> str:
    """A visitor's text as stored: trimmed, plain lines, no control characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AnswerRejected(_("The text must be text."))
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = [
        "".join(ch for ch in line if unicodedata.category(ch)[0] != "C" or ch == "\t").rstrip()
        for line in lines
    ]
    text = "\n".join(kept).strip()
    if len(text) > TEXT_MAX_LENGTH:
        raise AnswerRejected(
            _("The text is longer than %(max)d characters.") % {"max": TEXT_MAX_LENGTH}
        )
    return text


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _id_and_date(raw: dict[str, Any], *, today: datetime.date) -> tuple[uuid.UUID, datetime.date]:
    """The id made on the device and the day of an answer, within the answer window."""
    answer_id = parse_uuid(raw.get("id"))
    if answer_id is None:
        raise AnswerRejected(_("The id is not a UUID."))
    day = parse_iso_date(raw.get("date"))
    if day is None:
        raise AnswerRejected(_("The date must be given as YYYY-MM-DD."))
    check_answer_date(day, today=today)
    return answer_id, day


def parse_feedback(raw: dict[str, Any], *, today: datetime.date) -> FeedbackAnswer:
    answer_id, day = _id_and_date(raw, today=today)
    mood = _whole_number(raw.get("mood"))
    if mood not in Mood.values:
        raise AnswerRejected(pgettext("visitor", "Choose one of the five faces."))
    topics = raw.get("topics") or []
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise AnswerRejected(_("The topics must be a list."))
    unknown = sorted(set(topics) - set(Topic.values))
    if unknown:
        raise AnswerRejected(_("Unknown topic: %(topic)s.") % {"topic": unknown[0]})
    ordered = tuple(t for t in Topic.values if t in topics)
    return FeedbackAnswer(
        id=answer_id, date=day, mood=mood, topics=ordered, text=clean_text(raw.get("text"))
    )


class _OverAllowance(Exception):
    pass


def _take_from_day(model: type[KioskDay] | type[PhoneDay], limit: int, **day: Any) -> bool:
    """Count one against a day's row of `model` (created at 1); False when `limit` is reached.

    The conditional update is atomic, so two batches at once cannot both take the last one.
    """
    days = model.objects.filter(**day)
    if days.filter(answers__lt=limit).update(answers=F("answers") + 1):
        return True
    if days.exists():
        return False
    try:
        with transaction.atomic():
            model.objects.create(**day, answers=1)
    except IntegrityError:  # another batch made the day's row just now
        return bool(days.filter(answers__lt=limit).update(answers=F("answers") + 1))
    return limit >= 1


def take_allowance(kiosk: Kiosk, day: datetime.date) -> bool:
    """Count one answer against the kiosk's allowance for the day; False when it is used up."""
    return _take_from_day(KioskDay, limits.kiosk_answers_per_day(), kiosk=kiosk, date=day)


def _store_feedback(answer: FeedbackAnswer, *, site: Site, kiosk: Kiosk | None) -> str:
    """Store one answer; "accepted", "duplicates", or AnswerRejected."""
    try:
        with transaction.atomic():
            text = None
            if answer.text:
                text = VisitorText.objects.create(site=site, date=answer.date, body=answer.text)
            FeedbackEntry.objects.create(
                id=answer.id, site=site, date=answer.date, mood=answer.mood, text=text
            )
            if kiosk is not None and not take_allowance(kiosk, answer.date):
                raise _OverAllowance
            FeedbackTopic.objects.bulk_create(
                FeedbackTopic(entry_id=answer.id, topic=topic) for topic in answer.topics
            )
    except IntegrityError:
        if FeedbackEntry.objects.filter(pk=answer.id).exists():
            return "duplicates"
        raise
    except _OverAllowance:
        raise AnswerRejected(
            _("This kiosk has sent the most answers allowed for one day.")
        ) from None
    return "accepted"


def _receive(items: list[dict[str, Any]], store: Callable[[dict[str, Any]], str]) -> SyncResult:
    """Each item through `store` (which returns "accepted" or "duplicates", or raises
    AnswerRejected), every id answered in one list."""
    result = SyncResult()
    for raw in items:
        raw_id = raw.get("id")
        shown_id = raw_id if isinstance(raw_id, str) else str(raw_id)
        try:
            verdict = store(raw)
        except AnswerRejected as rejected:
            result.rejected.append({"id": shown_id, "error": rejected.message})
            continue
        getattr(result, verdict).append(shown_id)
    return result


def receive_feedback(
    *,
    site: Site,
    answers: list[dict[str, Any]],
    kiosk: Kiosk | None = None,
    today: datetime.date | None = None,
) -> SyncResult:
    """Store a batch of feedback answers for a site; each id is answered in one list."""
    today = today or timezone.localdate()
    return _receive(
        answers,
        lambda raw: _store_feedback(parse_feedback(raw, today=today), site=site, kiosk=kiosk),
    )


# ---- The user-experience survey's answers ------------------------------------------------------


@dataclass(frozen=True)
class SurveyReply:
    """One visitor's answers to a round: (question id, value, text) per answer row; value is a
    choice's number from 1, a scale's step, or 0 for a text (models.SurveyAnswer)."""

    id: uuid.UUID
    survey: Survey
    date: datetime.date
    rows: tuple[tuple[int, int, str], ...]


def _answer_rows(question: Question, value: Any) -> list[tuple[int, int, str]]:
    """The rows of one question's answer; [] when it was left out."""
    if value is None or value == "" or value == []:
        return []
    kind = Question.Kind
    if question.kind == kind.TEXT:
        text = clean_text(value)
        return [(question.pk, 0, text)] if text else []
    if question.kind == kind.MULTIPLE:
        values = value if isinstance(value, list) else [value]
    else:
        values = [value]
    top = 5 if question.kind == kind.SCALE else len(question.choices)
    numbers = {n for n in map(_whole_number, values) if n is not None and 1 <= n <= top}
    if len(numbers) != len(values) or (question.kind != kind.MULTIPLE and len(values) != 1):
        raise AnswerRejected(
            _("The answer to “%(question)s” is not one of its choices.") % {"question": question}
        )
    return [(question.pk, n, "") for n in sorted(numbers)]


def parse_survey_reply(
    raw: dict[str, Any], *, surveys: dict[int, Survey], today: datetime.date
) -> SurveyReply:
    """A reply as the device sent it: `{id, date, survey, answers: {question id: value}}`.

    `surveys` are the rounds this sender may answer (a kiosk's site's, or the one round of a
    phone's link), each with its questions prefetched."""
    reply_id, day = _id_and_date(raw, today=today)
    survey = surveys.get(_whole_number(raw.get("survey")) or 0)
    if survey is None:
        raise AnswerRejected(_("This survey round does not take answers here."))
    if not survey.is_open_on(day):
        raise AnswerRejected(_("The survey round was not open on that day."))
    answers = raw.get("answers")
    if not isinstance(answers, dict):
        raise AnswerRejected(_("The answers must be given per question."))
    questions = {str(q.pk): q for q in survey.ordered_questions()}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise AnswerRejected(_("Unknown question: %(question)s.") % {"question": unknown[0]})
    rows = [row for key, q in questions.items() for row in _answer_rows(q, answers.get(key))]
    if not rows:
        raise AnswerRejected(pgettext("visitor", "Answer at least one question."))
    return SurveyReply(id=reply_id, survey=survey, date=day, rows=tuple(rows))


def take_phone_allowance(survey: Survey, site: Site, day: datetime.date) -> bool:
    """Count one reply against the public link's allowance for the round, site and day."""
    return _take_from_day(
        PhoneDay, limits.phone_answers_per_day(), survey=survey, site=site, date=day
    )


def _store_survey_reply(reply: SurveyReply, *, site: Site, kiosk: Kiosk | None, phone: bool) -> str:
    """Store one reply with its answers; "accepted", "duplicates", or AnswerRejected."""
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                id=reply.id, survey=reply.survey, site=site, date=reply.date
            )
            if kiosk is not None and not take_allowance(kiosk, reply.date):
                raise _OverAllowance
            if phone and not take_phone_allowance(reply.survey, site, reply.date):
                raise _OverAllowance
            rows = []
            for question_id, value, words in reply.rows:
                text = None
                if words:
                    text = VisitorText.objects.create(site=site, date=reply.date, body=words)
                rows.append(
                    SurveyAnswer(response=response, question_id=question_id, value=value, text=text)
                )
            SurveyAnswer.objects.bulk_create(rows)
    except IntegrityError:
        if SurveyResponse.objects.filter(pk=reply.id).exists():
            return "duplicates"
        raise
    except _OverAllowance:
        raise AnswerRejected(
            _("The most answers allowed for one day have been sent from here.")
        ) from None
    return "accepted"


def receive_survey_replies(
    *,
    site: Site,
    replies: list[dict[str, Any]],
    surveys: dict[int, Survey],
    kiosk: Kiosk | None = None,
    phone: bool = False,
    today: datetime.date | None = None,
) -> SyncResult:
    """Store a batch of survey replies for a site, each once by its id (as receive_feedback).

    A kiosk's replies count against its daily allowance, a phone's against the public link's
    (the round, the site and the day); replies typed in from paper by staff count against
    neither."""
    today = today or timezone.localdate()
    return _receive(
        replies,
        lambda raw: _store_survey_reply(
            parse_survey_reply(raw, surveys=surveys, today=today),
            site=site,
            kiosk=kiosk,
            phone=phone,
        ),
    )


def surveys_open_at(site: Site, *, today: datetime.date | None = None) -> dict[int, Survey]:
    """The rounds a site's kiosk may take replies for: its rounds whose period has begun and
    did not end more than the answer window ago (a kiosk offline for days still delivers)."""
    today = today or timezone.localdate()
    oldest = today - datetime.timedelta(days=limits.window_days())
    rounds = Survey.objects.filter(sites=site, starts__lte=today, ends__gte=oldest)
    return {s.pk: s for s in rounds.prefetch_related("survey_questions__question")}
