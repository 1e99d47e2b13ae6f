"""The feedback kiosk: set up by staff without leaving a login behind, revocable, answered in
the visitor's language, and storing nothing that ties an answer to a person, a device or a
time finer than the day (issue 21)."""

import uuid

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from feedback import kiosk_token
from feedback.models import FeedbackEntry, FeedbackTopic, Kiosk, VisitorText
from tests.feedback.conftest import kiosk_client_for

pytestmark = pytest.mark.django_db


def answer(client, **fields):
    data = {"id": str(uuid.uuid4()), "lang": "da", "mood": "4", **fields}
    return client.post(reverse("feedback:kiosk_answer"), data)


def test_starting_a_kiosk_logs_staff_out_and_leaves_only_the_kiosk_token(
    staff_client, staff_user, site
):
    response = staff_client.post(
        reverse("feedback:kiosk_start"), {"site": site.pk, "name": "Bussens tablet"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:kiosk")
    kiosk = Kiosk.objects.get()
    assert (kiosk.site, kiosk.name, kiosk.created_by) == (site, "Bussens tablet", staff_user)
    cookie = response.cookies[kiosk_token.COOKIE_NAME]
    assert cookie["path"] == "/feedback/kiosk/"
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert kiosk.key not in cookie.value.split(":")[1:]  # signed, not just the key
    # No staff session is left on the device, nor on the server.
    assert not Session.objects.exists()
    assert staff_client.get(reverse("core:dashboard")).status_code == 302
    page = staff_client.get(reverse("feedback:kiosk"))
    assert page.status_code == 200
    assert "Hvordan var det at være her i dag?" in page.content.decode()
    assert AuditEntry.objects.filter(action="create", object_id=str(kiosk.pk)).exists()


def test_an_incomplete_setup_shows_the_form_again_and_keeps_the_login(staff_client):
    response = staff_client.post(reverse("feedback:kiosk_start"), {"name": ""})

    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.content.decode()
    assert not Kiosk.objects.exists()
    assert staff_client.get(reverse("core:dashboard")).status_code == 200


def test_it_rejects_a_device_without_a_valid_token(client, kiosk):
    assert client.get(reverse("feedback:kiosk")).status_code == 403
    client.cookies[kiosk_token.COOKIE_NAME] = kiosk.key  # the key, but not signed
    response = client.get(reverse("feedback:kiosk"))
    assert response.status_code == 403
    assert "Denne enhed er ikke en feedbackkiosk" in response.content.decode()


def test_the_kiosk_never_opens_beside_a_staff_login(kiosk, staff_user):
    client = kiosk_client_for(kiosk)
    client.force_login(staff_user)

    response = client.get(reverse("feedback:kiosk"))
    assert response.status_code == 403
    assert "Nogen er logget ind på denne enhed" in response.content.decode()
    assert answer(client, mood="5").status_code == 403
    assert not FeedbackEntry.objects.exists()


def test_a_revoked_kiosk_takes_no_more_answers(kiosk, kiosk_client, staff_client):
    assert kiosk_client.get(reverse("feedback:kiosk")).status_code == 200

    response = staff_client.post(reverse("feedback:kiosk_revoke", kwargs={"pk": kiosk.pk}))

    assert response.status_code == 302
    kiosk.refresh_from_db()
    assert kiosk.revoked_at is not None and not kiosk.is_active
    assert kiosk_client.get(reverse("feedback:kiosk")).status_code == 403
    assert answer(kiosk_client).status_code == 403
    assert not FeedbackEntry.objects.exists()


def test_an_answer_holds_site_day_face_topics_and_a_hidden_text_and_nothing_else(
    kiosk_client, site
):
    response = answer(
        kiosk_client, mood="2", topics=["food", "safety"], text="  Kaffen var kold.\x07 "
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:kiosk_language", kwargs={"lang": "da"}) + (
        "?thanks=1"
    )
    entry = FeedbackEntry.objects.get()
    assert (entry.site, entry.date, entry.mood) == (site, timezone.localdate(), 2)
    assert sorted(FeedbackTopic.objects.values_list("topic", flat=True)) == ["food", "safety"]
    assert entry.text.body == "Kaffen var kold."
    assert entry.text.status == VisitorText.Status.PENDING
    # What an answer can hold, and no more: no time, device, address, user or kiosk.
    assert {f.name for f in FeedbackEntry._meta.concrete_fields} == {
        "id",
        "site",
        "date",
        "mood",
        "text",
    }
    assert {f.name for f in VisitorText._meta.concrete_fields} == {
        "id",
        "site",
        "date",
        "body",
        "status",
        "edited",
    }
    assert {f.name for f in FeedbackTopic._meta.concrete_fields} == {"entry", "topic"}


def test_the_same_answer_sent_twice_is_stored_once(kiosk_client):
    answer_id = str(uuid.uuid4())

    answer(kiosk_client, id=answer_id, mood="5", text="Tak for maden")
    answer(kiosk_client, id=answer_id, mood="5", text="Tak for maden")

    assert FeedbackEntry.objects.count() == 1
    assert VisitorText.objects.count() == 1


def test_an_answer_without_a_face_is_refused_with_a_clear_message(kiosk_client):
    response = answer(kiosk_client, mood="", topics=["food"])

    assert response.status_code == 400
    assert "Vælg et af de fem ansigter." in response.content.decode()
    assert not FeedbackEntry.objects.exists()


def test_the_thanks_clear_the_kiosk_by_themselves(kiosk_client):
    response = kiosk_client.get(
        reverse("feedback:kiosk_language", kwargs={"lang": "da"}), {"thanks": "1"}
    )

    html = response.content.decode()
    assert "Tak for dit svar!" in html
    assert f'content="4;url={reverse("feedback:kiosk")}"' in html


@pytest.mark.parametrize(
    ("lang", "question", "direction"),
    [
        ("en", "How was it to be here today?", "ltr"),
        ("pl", "Jak było tu dzisiaj?", "ltr"),
        ("ar", "كيف كان وجودك هنا اليوم؟", "rtl"),
    ],
)
def test_the_kiosk_speaks_the_visitors_languages(kiosk_client, lang, question, direction):
    response = kiosk_client.get(reverse("feedback:kiosk_language", kwargs={"lang": lang}))

    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert question in html
    assert response["Content-Language"] == lang
    # The other languages are offered in their own words, and Danish is always one of them.
    assert 'lang="da" hreflang="da" dir="ltr" class="fb-language">Dansk</a>' in html


def test_an_answer_in_polish_comes_back_to_the_polish_thanks(kiosk_client):
    response = answer(kiosk_client, lang="pl", mood="3")

    assert response["Location"].startswith(
        reverse("feedback:kiosk_language", kwargs={"lang": "pl"})
    )
    missing_face = answer(kiosk_client, lang="pl", mood="")
    assert "Wybierz jedną z pięciu buziek." in missing_face.content.decode()


def test_staff_see_the_active_and_switched_off_kiosks(staff_client, kiosk):
    other = Kiosk.objects.create(site=kiosk.site, name="Gammel tablet", revoked_at=timezone.now())

    html = staff_client.get(reverse("feedback:kiosks")).content.decode()

    assert "Pavillonens tablet" in html
    assert f"{other.name}, {other.site.name}: slået fra" in html
