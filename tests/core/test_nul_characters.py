"""A NUL character in a request never reaches a database query (PostgreSQL refuses it)."""

import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_query_string_is_refused_with_400(client):
    response = client.get(reverse("sites:schedule"), {"at": "2026-01-01\x00"})
    assert response.status_code == 400
    assert "et tegn, som ikke er tilladt" in response.content.decode()


def test_a_nul_in_a_form_post_is_refused_with_400(staff_client):
    response = staff_client.post(reverse("visits:tap"), {"site": "x\x00", "delta": "1"})
    assert response.status_code == 400


def test_a_nul_in_the_tally_api_is_an_unknown_site_not_a_server_error(staff_client):
    SiteFactory(slug="pavillon")
    event = {
        "id": str(uuid.uuid4()),
        "site": "pavillon\x00",
        "date": timezone.localdate().isoformat(),
        "category": "visits\x00",
        "delta": 1,
    }
    response = staff_client.post(
        reverse("visits:api_events"),
        data=json.dumps({"events": [event]}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["accepted"] == []
    assert response.json()["rejected"][0]["id"] == event["id"]
