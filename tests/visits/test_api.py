"""The sync API: what it counts, what it rejects and how it answers."""

import datetime
import json
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory, event
from visits.models import DailyCount, TallyEvent

pytestmark = pytest.mark.django_db
URL = "/visits/api/events/"


def post(client, payload, **extra):
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post(URL, body, content_type="application/json", **extra)


def count(site, category, day=None):
    row = DailyCount.objects.filter(
        site=site, category=category, date=day or timezone.localdate()
    ).first()
    return row.count if row else 0


def test_the_urls_are_the_documented_ones():
    assert reverse("visits:api_events") == URL
    assert reverse("visits:api_counts") == "/visits/api/counts/"


def test_it_counts_a_batch_and_reports_each_id(staff_client, site, breakfast, visits):
    events = [event(site, breakfast), event(site, breakfast), event(site, visits, delta=3)]
    response = post(staff_client, {"events": events})
    assert response.status_code == 200
    assert response.json() == {
        "accepted": [e["id"] for e in events],
        "duplicates": [],
        "rejected": [],
    }
    assert count(site, breakfast) == 2
    assert count(site, visits) == 3
    assert TallyEvent.objects.count() == 3


def test_it_records_who_and_which_device_but_nothing_about_a_visitor(
    staff_client, staff_user, site, breakfast
):
    e = event(site, breakfast)
    post(staff_client, {"events": [e]}, HTTP_USER_AGENT="Bus tablet")
    saved = TallyEvent.objects.get()
    assert str(saved.id) == e["id"]
    assert saved.entered_by == staff_user
    assert saved.device == "Bus tablet"
    fields = {f.name for f in TallyEvent._meta.get_fields()}
    assert fields == {
        "id",
        "site",
        "date",
        "category",
        "delta",
        "kind",
        "entered_by",
        "created_at",
        "device",
    }


def test_sending_an_event_again_counts_it_once(staff_client, site, breakfast):
    e = event(site, breakfast)
    assert post(staff_client, {"events": [e]}).json()["accepted"] == [e["id"]]
    second = post(staff_client, {"events": [e]}).json()
    assert second == {"accepted": [], "duplicates": [e["id"]], "rejected": []}
    assert count(site, breakfast) == 1


def test_the_same_id_twice_in_one_batch_counts_once(staff_client, site, breakfast):
    e = event(site, breakfast)
    answer = post(staff_client, {"events": [e, dict(e)]}).json()
    assert answer["accepted"] == [e["id"]]
    assert answer["duplicates"] == [e["id"]]
    assert count(site, breakfast) == 1


def test_a_known_id_with_different_content_is_rejected(staff_client, site, breakfast, visits):
    e = event(site, breakfast)
    post(staff_client, {"events": [e]})
    changed = {**e, "category": visits.code}
    answer = post(staff_client, {"events": [changed, {**e, "delta": 2}]}).json()
    assert [r["id"] for r in answer["rejected"]] == [e["id"], e["id"]]
    assert "different" in answer["rejected"][0]["error"].lower() or answer["rejected"][0]["error"]
    assert count(site, breakfast) == 1
    assert count(site, visits) == 0


def test_a_retry_of_a_rejected_event_can_be_counted_later(staff_client, site, breakfast):
    minus = event(site, breakfast, delta=-1)
    assert post(staff_client, {"events": [minus]}).json()["rejected"]
    post(staff_client, {"events": [event(site, breakfast)]})
    assert post(staff_client, {"events": [minus]}).json()["accepted"] == [minus["id"]]
    assert count(site, breakfast) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "not-a-uuid"}, "The id is not a UUID made on the device."),
        ({"id": 12}, "The id is not a UUID made on the device."),
        ({"site": "nowhere"}, "Unknown site: nowhere."),
        ({"site": None}, "Unknown site: None."),
        ({"category": "nothing"}, "Unknown category: nothing."),
        ({"date": "2024-13-01"}, "The date must be given as YYYY-MM-DD."),
        ({"date": "20240101"}, "The date must be given as YYYY-MM-DD."),
        ({"date": None}, "The date must be given as YYYY-MM-DD."),
        ({"delta": 0}, "The change cannot be 0."),
        ({"delta": 101}, "The change must be between -100 and 100."),
        ({"delta": -101}, "The change must be between -100 and 100."),
        ({"delta": 1.5}, "The change must be a whole number."),
        ({"delta": "1"}, "The change must be a whole number."),
        ({"delta": True}, "The change must be a whole number."),
        ({"delta": -1}, "The count cannot go below zero."),
    ],
)
def test_it_rejects_bad_events_with_a_clear_message(staff_client, site, breakfast, change, message):
    good = event(site, breakfast)
    bad = {**event(site, breakfast), **change}
    answer = post(staff_client, {"events": [bad, good]}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert answer["rejected"] == [{"id": bad["id"], "error": message}]
    assert answer["accepted"] == [good["id"]]
    assert count(site, breakfast) == 1
    assert TallyEvent.objects.count() == 1


def test_messages_are_danish_by_default(staff_client, site, breakfast):
    bad = {**event(site, breakfast), "delta": 0}
    answer = post(staff_client, {"events": [bad]}).json()
    assert answer["rejected"][0]["error"] == "Ændringen kan ikke være 0."


def test_it_rejects_an_inactive_category(staff_client, site):
    retired = TallyCategoryFactory(code="retired", active=False)
    answer = post(staff_client, {"events": [event(site, retired)]}, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.json()["rejected"][0]["error"] == "The category retired is no longer counted."


def test_it_rejects_future_dates_and_dates_before_the_window(
    staff_client, site, breakfast, settings
):
    settings.VARMESTUE = {**settings.VARMESTUE, "TALLY_WINDOW_DAYS": 10}
    today = timezone.localdate()
    future = event(site, breakfast, day=today + datetime.timedelta(days=1))
    too_old = event(site, breakfast, day=today - datetime.timedelta(days=11))
    oldest = event(site, breakfast, day=today - datetime.timedelta(days=10))
    answer = post(
        staff_client, {"events": [future, too_old, oldest]}, HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    assert answer["accepted"] == [oldest["id"]]
    errors = {r["id"]: r["error"] for r in answer["rejected"]}
    assert errors[future["id"]] == "The date is in the future."
    assert "more than 10 days ago" in errors[too_old["id"]]
    assert "corrections" in errors[too_old["id"]]


def test_a_minus_tap_takes_one_off_and_never_below_zero(staff_client, site, breakfast):
    DailyCountFactory(site=site, category=breakfast, count=2)
    answer = post(
        staff_client,
        {"events": [event(site, breakfast, delta=-1) for _ in range(3)]},
    ).json()
    assert len(answer["accepted"]) == 2
    assert len(answer["rejected"]) == 1
    assert count(site, breakfast) == 0


def test_a_rejected_event_leaves_no_event_behind(staff_client, site, breakfast):
    post(staff_client, {"events": [event(site, breakfast, delta=-5)]})
    assert not TallyEvent.objects.exists()
    assert count(site, breakfast) == 0


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        b"\xff\xfe",
        "[]",
        "null",
        '{"events": "x"}',
        '{"events": [1, 2]}',
        '{"other": []}',
        "[" * 100_000,
    ],
)
def test_malformed_requests_get_400_with_a_message(staff_client, site, body):
    response = post(staff_client, body)
    assert response.status_code == 400
    assert response.json()["error"]


def test_more_than_1000_events_is_a_400_and_counts_nothing(staff_client, site, breakfast):
    events = [event(site, breakfast) for _ in range(1001)]
    response = post(staff_client, {"events": events})
    assert response.status_code == 400
    assert "1000" in response.json()["error"]
    assert not TallyEvent.objects.exists()


def test_an_empty_batch_is_fine(staff_client):
    response = post(staff_client, {"events": []})
    assert response.json() == {"accepted": [], "duplicates": [], "rejected": []}


def test_anonymous_gets_401_json_not_a_redirect(client, site, breakfast):
    response = post(client, {"events": [event(site, breakfast)]})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["login_url"] == "/login/"
    assert not TallyEvent.objects.exists()


@pytest.mark.parametrize("who", ["volunteer_client", "manager_client"])
def test_roles_without_log_tallies_get_403_json(request, who, site, breakfast):
    response = post(request.getfixturevalue(who), {"events": [event(site, breakfast)]})
    assert response.status_code == 403
    assert response.json()["error"]
    assert not TallyEvent.objects.exists()


def test_coordinators_may_log_tallies(coordinator_client, site, breakfast):
    assert post(coordinator_client, {"events": [event(site, breakfast)]}).json()["accepted"]


def test_the_csrf_header_is_required_and_enough(staff_user, site, breakfast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert post(client, {"events": [event(site, breakfast)]}).status_code == 403
    client.get(reverse("visits:entry"))  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = post(client, {"events": [event(site, breakfast)]}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert count(site, breakfast) == 1


def test_get_on_the_events_api_is_not_allowed(staff_client):
    assert staff_client.get(URL).status_code == 405


# --- counts -----------------------------------------------------------------


def test_counts_answers_every_category_the_site_uses(staff_client, site, breakfast, visits):
    DailyCountFactory(site=site, category=visits, count=7)
    response = staff_client.get(
        "/visits/api/counts/", {"site": site.slug, "date": timezone.localdate().isoformat()}
    )
    assert response.status_code == 200
    assert response.json() == {
        "site": site.slug,
        "date": timezone.localdate().isoformat(),
        "counts": {"breakfast": 0, "visits": 7},
    }


def test_counts_are_per_site_and_day(staff_client, site, breakfast):
    other = SiteFactory()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    DailyCountFactory(site=other, category=breakfast, count=5)
    DailyCountFactory(site=site, category=breakfast, count=3, date=yesterday)
    response = staff_client.get(
        "/visits/api/counts/", {"site": site.slug, "date": timezone.localdate().isoformat()}
    )
    assert response.json()["counts"] == {"breakfast": 0}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"site": "nowhere", "date": "2025-01-01"},
        {"site": "pavillonen"},
        {"site": "pavillonen", "date": "yesterday"},
        # Only the days the entry page may change: no reading of older days, nor the future.
        {"site": "pavillonen", "date": "2025-01-01"},
        {"site": "pavillonen", "date": "2099-01-01"},
    ],
)
def test_counts_rejects_bad_parameters(staff_client, site, params):
    response = staff_client.get("/visits/api/counts/", params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_counts_answers_401_and_403_as_json(client, volunteer_client, site):
    params = {"site": site.slug, "date": "2025-01-01"}
    assert client.get("/visits/api/counts/", params).status_code == 401
    assert volunteer_client.get("/visits/api/counts/", params).status_code == 403


def test_an_id_is_accepted_in_any_uuid_spelling_but_answered_as_sent(staff_client, site, breakfast):
    raw = str(uuid.uuid4()).upper()
    answer = post(staff_client, {"events": [{**event(site, breakfast), "id": raw}]}).json()
    assert answer["accepted"] == [raw]
    again = post(staff_client, {"events": [{**event(site, breakfast), "id": raw.lower()}]}).json()
    assert again["duplicates"] == [raw.lower()]


@pytest.mark.django_db(transaction=True)
def test_a_tap_takes_a_fixed_small_number_of_queries(
    staff_client, site, breakfast, visits, django_assert_max_num_queries
):
    """Session, user with permissions, sites and categories, then the write: one statement on
    PostgreSQL; on SQLite the permissions are two queries more and the write a transaction of
    an insert and two upserts. Outside any test transaction, as in production. It was 14
    before the sync API was made lean (docs/performance.md); one more reads whether the user
    is scoped to some operators' sites (decisions: Sites 17)."""
    post(staff_client, {"events": [event(site, breakfast)]})
    ceiling = 5 if connection.vendor == "postgresql" else 11
    with django_assert_max_num_queries(ceiling):
        assert post(staff_client, {"events": [event(site, breakfast)]}).json()["accepted"]
    with django_assert_max_num_queries(ceiling):
        batch = [event(site, breakfast), event(site, visits, delta=3), event(site, visits)]
        assert len(post(staff_client, {"events": batch}).json()["accepted"]) == 3


def test_the_nil_uuid_is_rejected(staff_client, site, breakfast):
    nil = event(site, breakfast, event_id="00000000-0000-0000-0000-000000000000")
    answer = post(staff_client, {"events": [nil]}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert answer["accepted"] == [] and answer["duplicates"] == []
    assert answer["rejected"] == [
        {"id": nil["id"], "error": "The id is not a UUID made on the device."}
    ]
    assert not TallyEvent.objects.exists()
    assert count(site, breakfast) == 0


@pytest.mark.parametrize("with_minus", [False, True], ids=["additions", "with-a-minus-tap"])
def test_one_id_twice_in_a_batch_with_different_content_counts_the_first_sent(
    staff_client, site, visits, breakfast, with_minus
):
    """The later copy is rejected, even where it would be applied first (events are applied
    per count row, and `visits`, made first, sorts before `breakfast`)."""
    assert visits.pk < breakfast.pk
    first = event(site, breakfast, delta=2)
    later = {**first, "category": visits.code, "delta": 1}
    events = [first, later]
    if with_minus:
        DailyCountFactory(site=site, category=breakfast, date=timezone.localdate(), count=1)
        events.append(event(site, breakfast, delta=-1))
    answer = post(staff_client, {"events": events}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert answer["accepted"][0] == first["id"]
    assert answer["duplicates"] == []
    assert [r["id"] for r in answer["rejected"]] == [first["id"]]
    assert "different" in answer["rejected"][0]["error"]
    assert count(site, visits) == 0
    assert count(site, breakfast) == (2 if not with_minus else 1 + 2 - 1)
    assert TallyEvent.objects.get(id=first["id"]).category == breakfast


def test_a_site_not_in_use_that_day_refuses_taps(staff_client, breakfast):
    today = timezone.localdate()
    closed = SiteFactory(slug="pavillonen", in_use_until=today - datetime.timedelta(days=1))
    later = SiteFactory(slug="ny", in_use_from=today + datetime.timedelta(days=1))
    events = [event(closed, breakfast), event(later, breakfast)]
    answer = post(staff_client, {"events": events}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert answer["accepted"] == []
    assert [r["id"] for r in answer["rejected"]] == [e["id"] for e in events]
    assert answer["rejected"][0]["error"].startswith("pavillonen is not in use on ")
    assert not TallyEvent.objects.exists()
    assert not DailyCount.objects.exists()
    # Its last day in use is still open for taps.
    yesterday = event(closed, breakfast, day=today - datetime.timedelta(days=1))
    assert post(staff_client, {"events": [yesterday]}).json()["accepted"] == [yesterday["id"]]


def test_counts_answer_for_the_oldest_day_the_entry_page_may_change(staff_client, site):
    oldest = timezone.localdate() - datetime.timedelta(days=60)
    params = {"site": site.slug, "date": oldest.isoformat()}
    assert staff_client.get("/visits/api/counts/", params).status_code == 200
    params["date"] = (oldest - datetime.timedelta(days=1)).isoformat()
    response = staff_client.get("/visits/api/counts/", params)
    assert response.status_code == 400 and "60" in response.json()["error"]
