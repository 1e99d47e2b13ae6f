"""The visits sync API never answers 500, and always answers JSON, whatever it is sent."""

import datetime
import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.roles import Role
from tests.core.factories import UserFactory
from tests.sites.factories import SiteFactory
from tests.visits.factories import TallyCategoryFactory

FUZZ = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)


def _dates():
    today = timezone.localdate()
    return st.one_of(
        st.integers(-400, 5).map(lambda d: (today + datetime.timedelta(days=d)).isoformat()),
        st.sampled_from(["2026-02-30", "", "i dag", "20260101", "9999-12-31"]),
        SCALARS,
    )


EVENTS = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.one_of(st.uuids().map(str), st.just(str(uuid.UUID(int=1))), SCALARS),
            "site": st.one_of(st.just("pavillonen"), SCALARS),
            "category": st.one_of(st.just("breakfast"), SCALARS),
            "date": _dates(),
            "delta": st.one_of(st.integers(-1000, 1000), st.sampled_from([1, -1]), SCALARS),
        },
        optional={"extra": JSON},
    ),
    max_size=8,
)


@pytest.fixture
def staff(db):
    SiteFactory(slug="pavillonen", name="Pavillonen")
    TallyCategoryFactory(code="breakfast", name_da="Morgenmad", name_en="Breakfast")
    client = Client()
    client.force_login(UserFactory(username="alice", role=Role.STAFF))
    return client


def _post(client, body: bytes):
    response = client.post(reverse("visits:api_events"), body, content_type="application/json")
    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    return response, json.loads(response.content)


def test_arbitrary_bytes_get_a_json_answer(staff):
    @FUZZ
    @given(st.binary(max_size=300))
    def send(body):
        response, payload = _post(staff, body)
        if response.status_code != 200:
            assert "error" in payload

    send()


def test_arbitrary_json_gets_a_json_answer(staff):
    @FUZZ
    @given(JSON)
    def send(document):
        _post(staff, json.dumps(document).encode())

    send()


def test_events_with_odd_ids_sites_dates_and_deltas_get_a_json_answer(staff):
    @FUZZ
    @given(EVENTS)
    def send(events):
        response, payload = _post(staff, json.dumps({"events": events}).encode())
        assert response.status_code in (200, 400)
        if response.status_code == 200:
            assert isinstance(payload, dict)

    send()


@pytest.mark.django_db
def test_anonymous_callers_get_json_401_for_any_body():
    client = Client()

    @FUZZ
    @given(st.binary(max_size=100))
    def send(body):
        response = client.post(reverse("visits:api_events"), body, content_type="text/plain")
        assert response.status_code == 401
        assert "error" in json.loads(response.content)

    send()
