"""The kiosk's sync API: answers from the device's outbox, each stored once by its id, only
from an active kiosk with nobody logged in (issue 21)."""

import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import FeedbackEntry, VisitorText
from tests.feedback.conftest import kiosk_client_for

pytestmark = pytest.mark.django_db
URL = "/feedback/kiosk/api/answers/"


def post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def item(**fields):
    today = timezone.localdate().isoformat()
    return {"id": str(uuid.uuid4()), "date": today, "mood": 4, "topics": [], "text": "", **fields}


def test_the_url_is_the_kiosks_own_so_the_token_goes_with_it():
    assert reverse("feedback:kiosk_answers") == URL


def test_a_batch_is_stored_once_and_a_resend_is_a_duplicate(kiosk_client, site):
    first, second = item(topics=["food"], text="God suppe"), item(mood=1)

    response = post(kiosk_client, {"answers": [first, second]})

    assert response.status_code == 200
    assert response.json() == {
        "accepted": [first["id"], second["id"]],
        "duplicates": [],
        "rejected": [],
    }
    again = post(kiosk_client, {"answers": [first, second]}).json()
    assert again["duplicates"] == [first["id"], second["id"]]
    assert FeedbackEntry.objects.filter(site=site).count() == 2
    assert VisitorText.objects.get().status == "pending"


def test_a_rejected_answer_says_why_in_danish(kiosk_client):
    bad = item(mood=7)

    body = post(kiosk_client, {"answers": [bad]}).json()

    assert body["rejected"] == [{"id": bad["id"], "error": "Vælg et af de fem ansigter."}]


def test_no_token_a_revoked_kiosk_or_a_login_is_refused_and_stores_nothing(
    client, kiosk, staff_user
):
    assert post(client, {"answers": [item()]}).status_code == 403
    logged_in = kiosk_client_for(kiosk)
    logged_in.force_login(staff_user)
    assert post(logged_in, {"answers": [item()]}).status_code == 403
    kiosk.revoked_at = timezone.now()
    kiosk.save()
    assert post(kiosk_client_for(kiosk), {"answers": [item()]}).status_code == 403
    assert not FeedbackEntry.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        (json.dumps({"events": []}), "application/json", 400),
        (json.dumps({"answers": [item()] * 201}), "application/json", 400),
        ("answers=1", "application/x-www-form-urlencoded", 415),
    ],
)
def test_a_batch_it_cannot_read_is_refused_whole(kiosk_client, body, content_type, status):
    response = kiosk_client.post(URL, body, content_type=content_type)

    assert response.status_code == status
    assert not FeedbackEntry.objects.exists()


def test_the_kiosks_worker_keeps_every_language_of_the_kiosk(client):
    response = client.get(reverse("feedback:kiosk_worker"))

    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    source = response.content.decode()
    config = json.loads(source.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["name"] == "varmestue-kiosk"
    assert config["pages"] == [
        "/feedback/kiosk/",
        "/feedback/kiosk/da/",
        "/feedback/kiosk/en/",
        "/feedback/kiosk/pl/",
        "/feedback/kiosk/ar/",
    ]
    assert any(url.endswith("feedback/kiosk.js") for url in config["shell"])
    assert "no-cache" in response["Cache-Control"]


def test_the_nil_uuid_is_rejected_and_stores_nothing(kiosk_client):
    """Every device that leaves its id unset would send the same one (core.sync.parse_uuid,
    issue 16)."""
    nil = item(id=str(uuid.UUID(int=0)))
    body = post(kiosk_client, {"answers": [nil]}).json()
    assert body["accepted"] == [] and [r["id"] for r in body["rejected"]] == [nil["id"]]
    assert not FeedbackEntry.objects.exists()
