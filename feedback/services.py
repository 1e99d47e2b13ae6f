"""Receiving visitors' answers: each exactly once, and nothing stored that identifies anyone.

An answer's id is made on the device when the visitor answers. It is the answer's primary
key, so a retry, or the same batch sent twice at once, stores it once: the database's unique
index decides, and the second sender hears "duplicate". Each answer is stored in a
transaction of its own together with its topics, its text and the kiosk's daily allowance.
"""

import datetime
import unicodedata
import uuid
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


def parse_feedback(raw: dict[str, Any], *, today: datetime.date) -> FeedbackAnswer:
    answer_id = parse_uuid(raw.get("id"))
    if answer_id is None:
        raise AnswerRejected(_("The id is not a UUID."))
    day = parse_iso_date(raw.get("date"))
    if day is None:
        raise AnswerRejected(_("The date must be given as YYYY-MM-DD."))
    check_answer_date(day, today=today)
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


def take_allowance(kiosk: Kiosk, day: datetime.date) -> bool:
    """Count one answer against the kiosk's allowance for the day; False when it is used up.

    The conditional update is atomic, so two batches at once cannot both take the last one.
    """
    limit = limits.kiosk_answers_per_day()
    days = KioskDay.objects.filter(kiosk=kiosk, date=day)
    if days.filter(answers__lt=limit).update(answers=F("answers") + 1):
        return True
    if days.exists():
        return False
    try:
        with transaction.atomic():
            KioskDay.objects.create(kiosk=kiosk, date=day, answers=1)
    except IntegrityError:  # another batch made the day's row just now
        return bool(days.filter(answers__lt=limit).update(answers=F("answers") + 1))
    return limit >= 1


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


def receive_feedback(
    *,
    site: Site,
    answers: list[dict[str, Any]],
    kiosk: Kiosk | None = None,
    today: datetime.date | None = None,
) -> SyncResult:
    """Store a batch of feedback answers for a site; each id is answered in one list."""
    today = today or timezone.localdate()
    result = SyncResult()
    for raw in answers:
        raw_id = raw.get("id")
        shown_id = raw_id if isinstance(raw_id, str) else str(raw_id)
        try:
            verdict = _store_feedback(parse_feedback(raw, today=today), site=site, kiosk=kiosk)
        except AnswerRejected as rejected:
            result.rejected.append({"id": shown_id, "error": rejected.message})
            continue
        getattr(result, verdict).append(shown_id)
    return result
