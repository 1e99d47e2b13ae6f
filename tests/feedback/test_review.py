"""The review of visitors' texts: nothing a visitor wrote is shown before a coordinator has
approved it, edited it or discarded it, and the history keeps who and when, never the words."""

import datetime
import uuid

import pytest
from django.urls import reverse

from core.audit import history_for
from core.models import AuditEntry
from feedback.models import VisitorText
from feedback.review import seen_stamp
from tests.feedback.factories import VisitorTextFactory

pytestmark = pytest.mark.django_db


def review(client, text, **data):
    data.setdefault("seen", seen_stamp(text))
    data.setdefault("body", text.body)
    return client.post(reverse("feedback:text_review", kwargs={"pk": text.pk}), data)


def test_a_text_from_the_kiosk_waits_for_review_and_is_shown_to_nobody_else(
    kiosk_client, site, coordinator_client, manager_client, staff_client
):
    kiosk_client.post(
        reverse("feedback:kiosk_answer"),
        {"id": str(uuid.uuid4()), "lang": "da", "mood": "2", "text": "Peter fra bussen var sur"},
    )
    text = VisitorText.objects.get()
    assert text.status == VisitorText.Status.PENDING
    assert not VisitorText.objects.shown().exists()

    # The kiosk never shows it again, and no page but the review shows it.
    assert "Peter fra bussen" not in kiosk_client.get(reverse("feedback:kiosk")).content.decode()
    for client in (manager_client, staff_client):
        for name in ("feedback:home", "core:dashboard"):
            assert "Peter fra bussen" not in client.get(reverse(name)).content.decode()
    waiting = coordinator_client.get(reverse("feedback:texts")).content.decode()
    assert "Peter fra bussen var sur" in waiting
    home = coordinator_client.get(reverse("feedback:home")).content.decode()
    assert "1 tekst venter på gennemsyn" in home


def test_a_coordinator_approves_a_text_as_written(coordinator_client, coordinator_user):
    text = VisitorTextFactory(body="Tak for suppen")

    response = review(coordinator_client, text, action="approve")

    assert response.status_code == 302
    text.refresh_from_db()
    assert (text.status, text.body, text.edited) == ("approved", "Tak for suppen", False)
    entry = history_for(text).get()
    assert entry.actor == coordinator_user
    assert entry.note == "Approved as written"


def test_an_edit_removes_the_details_and_the_history_keeps_no_words(coordinator_client):
    text = VisitorTextFactory(body="Jens i den røde jakke stjal min sovepose")

    review(coordinator_client, text, action="approve", body="En gæst stjal min sovepose")

    text.refresh_from_db()
    assert (text.status, text.body, text.edited) == ("approved", "En gæst stjal min sovepose", True)
    entry = history_for(text).get()
    assert entry.note == "Edited to remove identifying details, then approved"
    stored = str(AuditEntry.objects.values_list("object_repr", "changes", "note"))
    assert "Jens" not in stored and "sovepose" not in stored
    page = coordinator_client.get(reverse("feedback:text_review", kwargs={"pk": text.pk}))
    assert "Redigeret for at fjerne genkendelige detaljer" in page.content.decode()


def test_discarding_deletes_the_words_for_good(coordinator_client):
    text = VisitorTextFactory(body="Ring til mig på 12345678")

    review(coordinator_client, text, action="discard")

    text.refresh_from_db()
    assert (text.status, text.body) == ("discarded", "")
    assert history_for(text).get().note == "Discarded: the words are deleted"
    # Nothing more to review: a later post changes nothing.
    again = review(coordinator_client, text, action="approve", body="Ring til mig på 12345678")
    assert "Teksten er kasseret; ordene er slettet." in again.content.decode()
    text.refresh_from_db()
    assert (text.status, text.body) == ("discarded", "")


def test_an_approved_text_can_still_be_edited_or_discarded(coordinator_client):
    text = VisitorTextFactory(body="Godt sted", status=VisitorText.Status.APPROVED)

    review(coordinator_client, text, action="discard")

    text.refresh_from_db()
    assert text.status == "discarded"


def test_a_review_of_a_text_someone_else_changed_meanwhile_is_refused(coordinator_client):
    text = VisitorTextFactory(body="Kaffen var kold")
    seen = seen_stamp(text)
    VisitorText.objects.filter(pk=text.pk).update(status="approved", body="Kaffen var lunken")

    response = review(coordinator_client, text, action="approve", body="Kaffen", seen=seen)

    assert response.status_code == 200
    assert "En anden har gennemset teksten" in response.content.decode()
    text.refresh_from_db()
    assert text.body == "Kaffen var lunken"
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "approve", "body": "   "}, "Teksten er tom."),
        ({"action": "approve", "body": "x" * 1001}, "Teksten er længere end 1000 tegn."),
        ({"action": "publish"}, "Vælg godkend eller kassér."),
        ({"action": "approve", "seen": ""}, "Formularen var ufuldstændig."),
    ],
)
def test_a_review_that_cannot_be_taken_says_why_and_saves_nothing(
    coordinator_client, data, message
):
    text = VisitorTextFactory(body="Maden var god")

    response = review(coordinator_client, text, **data)

    assert response.status_code == 200
    assert message in response.content.decode()
    text.refresh_from_db()
    assert (text.status, text.body) == ("pending", "Maden var god")


def test_the_list_shows_what_waits_oldest_first_and_what_was_decided(coordinator_client, site):
    newer = VisitorTextFactory(site=site, body="Nyeste", date=datetime.date(2026, 12, 3))
    older = VisitorTextFactory(site=site, body="Ældste", date=datetime.date(2026, 12, 1))
    VisitorTextFactory(site=site, body="Allerede godkendt", status="approved")

    html = coordinator_client.get(reverse("feedback:texts")).content.decode()
    assert html.index(older.body) < html.index(newer.body)
    assert "Allerede godkendt" not in html
    approved = coordinator_client.get(reverse("feedback:texts"), {"status": "approved"})
    assert "Allerede godkendt" in approved.content.decode()
