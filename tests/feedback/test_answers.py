"""Receiving answers: exactly once, checked, within the kiosk's daily allowance."""

import datetime
import uuid

import pytest

from feedback.models import FeedbackEntry, KioskDay, VisitorText
from feedback.services import receive_feedback

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 5)


def item(**fields):
    return {"id": str(uuid.uuid4()), "date": TODAY.isoformat(), "mood": 3, **fields}


def test_each_id_is_answered_in_one_list_in_the_order_sent(site, kiosk):
    first, again, bad = item(), None, item(mood=9)
    again = dict(first)

    result = receive_feedback(site=site, kiosk=kiosk, answers=[first, again, bad], today=TODAY)

    assert result.accepted == [first["id"]]
    assert result.duplicates == [first["id"]]
    assert result.rejected == [{"id": bad["id"], "error": "Vælg et af de fem ansigter."}]
    assert FeedbackEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": "not-a-uuid"}, "Id'et er ikke et UUID."),
        ({"date": "5.12.2026"}, "Datoen skal angives som ÅÅÅÅ-MM-DD."),
        ({"date": "2026-12-06"}, "Datoen ligger i fremtiden."),
        ({"date": "2026-10-05"}, "Svaret er mere end 60 dage gammelt og blev ikke gemt."),
        ({"mood": True}, "Vælg et af de fem ansigter."),
        ({"mood": "3.5"}, "Vælg et af de fem ansigter."),
        ({"topics": "food"}, "Emnerne skal være en liste."),
        ({"topics": ["food", "weather"]}, "Ukendt emne: weather."),
        ({"text": 42}, "Teksten skal være tekst."),
        ({"text": "x" * 1001}, "Teksten er længere end 1000 tegn."),
    ],
)
def test_it_rejects_what_it_cannot_store_and_stores_nothing_of_it(site, fields, message):
    result = receive_feedback(site=site, answers=[item(**fields)], today=TODAY)

    assert [r["error"] for r in result.rejected] == [message]
    assert not FeedbackEntry.objects.exists()
    assert not VisitorText.objects.exists()


def test_an_answer_from_the_last_day_of_the_window_is_stored(site):
    day = TODAY - datetime.timedelta(days=60)

    result = receive_feedback(site=site, answers=[item(date=day.isoformat())], today=TODAY)

    assert len(result.accepted) == 1
    assert FeedbackEntry.objects.get().date == day


def test_a_kiosk_gets_its_daily_allowance_and_no_more(site, kiosk, settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "KIOSK_ANSWERS_PER_DAY": 2}
    yesterday = (TODAY - datetime.timedelta(days=1)).isoformat()
    answers = [item(), item(), item(text="en for meget"), item(date=yesterday)]

    result = receive_feedback(site=site, kiosk=kiosk, answers=answers, today=TODAY)

    assert result.accepted == [answers[0]["id"], answers[1]["id"], answers[3]["id"]]
    assert result.rejected == [
        {
            "id": answers[2]["id"],
            "error": "Denne kiosk har sendt så mange svar, som der er plads til på én dag.",
        }
    ]
    assert not VisitorText.objects.exists()  # the refused answer's text went with it
    days = dict(KioskDay.objects.values_list("date", "answers"))
    assert days == {TODAY: 2, TODAY - datetime.timedelta(days=1): 1}
    # A duplicate of an accepted answer costs nothing.
    again = receive_feedback(site=site, kiosk=kiosk, answers=[answers[0]], today=TODAY)
    assert again.duplicates == [answers[0]["id"]]


def test_a_text_keeps_its_lines_and_loses_control_characters(site):
    raw = "Tak for\r\nmaden\x00 \n\n\x1b[31mog kaffen\t! "

    receive_feedback(site=site, answers=[item(text=raw)], today=TODAY)

    assert VisitorText.objects.get().body == "Tak for\nmaden\n\n[31mog kaffen\t!"


def test_an_empty_text_stores_no_text(site):
    receive_feedback(site=site, answers=[item(text="   \n ")], today=TODAY)

    assert FeedbackEntry.objects.get().text is None
