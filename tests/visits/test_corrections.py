"""Correcting a past day's counts: a reason is required and lands in the audit history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from tests.dom import parse
from tests.visits.factories import DailyCountFactory
from visits.models import DailyCount, TallyEvent

pytestmark = pytest.mark.django_db
URL = reverse("visits:corrections")


@pytest.fixture
def old_day():
    return timezone.localdate() - datetime.timedelta(days=200)


def url(site, day):
    return f"{URL}?site={site.slug}&date={day.isoformat()}"


def test_it_shows_the_day_counts_in_a_form(staff_client, site, breakfast, visits, old_day):
    DailyCountFactory(site=site, category=breakfast, date=old_day, count=12)
    form = parse(staff_client.get(url(site, old_day)).content).one("main form[method=post]")
    assert form.one("input[name=count_breakfast]")["value"] == "12"
    assert form.one("input[name=expected_breakfast]")["value"] == "12"
    assert form.select("input[name=reason]")


def test_it_corrects_counts_with_a_reason_and_audits_it(
    staff_client, staff_user, site, breakfast, visits, old_day
):
    DailyCountFactory(site=site, category=breakfast, date=old_day, count=12)
    response = staff_client.post(
        url(site, old_day),
        {
            "count_breakfast": "15",
            "expected_breakfast": "12",
            "count_visits": "40",
            "expected_visits": "0",
            "reason": "other",
            "note": "Counted on paper while the tablet was down",
        },
    )
    assert response.status_code == 302
    counts = dict(
        DailyCount.objects.filter(site=site, date=old_day).values_list("category__code", "count")
    )
    assert counts == {"breakfast": 15, "visits": 40}
    events = TallyEvent.objects.filter(kind="correction").order_by("delta")
    assert [e.delta for e in events] == [3, 40]
    assert {e.entered_by for e in events} == {staff_user}
    entries = AuditEntry.objects.filter(note="Andet: Counted on paper while the tablet was down")
    assert entries.count() == 2
    assert sorted(e.changes["count"] for e in entries) == [[0, 40], [12, 15]]
    assert {e.actor for e in entries} == {staff_user}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": ""}, "Choose a reason for the correction."),
        ({"reason": "   "}, "Select a valid choice."),
        ({"reason": "made up"}, "Select a valid choice."),
        ({"reason": "other", "note": "  "}, "Say in a few words what the other reason is."),
        ({"reason": "test", "note": "x" * 301}, "at most 300 characters"),
    ],
)
def test_a_reason_from_the_list_is_required(staff_client, site, breakfast, old_day, data, message):
    response = staff_client.post(
        url(site, old_day),
        {"count_breakfast": "5", "expected_breakfast": "0", **data},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DailyCount.objects.filter(count__gt=0).exists()
    assert not AuditEntry.objects.exists()


def test_the_reasons_are_the_short_list_and_the_note_warns_against_names(
    staff_client, site, breakfast, old_day
):
    html = staff_client.get(url(site, old_day), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    radios = parse(html).select("form input[type=radio][name=reason]")
    assert [radio["value"] for radio in radios] == [
        "miscount", "wrong_day", "wrong_site", "test", "other",
    ]  # fmt: skip
    assert "Do not write names or anything else that could identify a visitor" in html
    assert "deleted with the correction's other details after 90 days" in html


def test_a_listed_reason_needs_no_note(staff_client, site, breakfast, old_day):
    data = {"count_breakfast": "5", "expected_breakfast": "0", "reason": "wrong_day"}
    assert staff_client.post(url(site, old_day), data).status_code == 302
    assert AuditEntry.objects.get().note == "Indtastet på en forkert dag"


@pytest.mark.parametrize("value", ["-1", "abc", ""])
def test_bad_numbers_are_refused(staff_client, site, breakfast, old_day, value):
    response = staff_client.post(
        url(site, old_day),
        {"count_breakfast": value, "expected_breakfast": "0", "reason": "test"},
    )
    assert response.status_code == 400
    assert not TallyEvent.objects.exists()


def test_a_count_that_changed_meanwhile_is_not_overwritten(staff_client, site, breakfast, old_day):
    DailyCountFactory(site=site, category=breakfast, date=old_day, count=12)
    response = staff_client.post(
        url(site, old_day),
        {"count_breakfast": "20", "expected_breakfast": "10", "reason": "miscount"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "changed while you were editing" in response.content.decode()
    assert DailyCount.objects.get(site=site, date=old_day).count == 12
    assert not TallyEvent.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_future_cannot_be_corrected(staff_client, site, breakfast):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = staff_client.post(
        url(site, tomorrow),
        {"count_breakfast": "5", "expected_breakfast": "0", "reason": "test"},
    )
    assert response.status_code == 200
    assert 'name="count_breakfast"' not in response.content.decode()
    assert not TallyEvent.objects.exists()


def test_corrections_are_for_staff_and_coordinators(
    client, volunteer_client, manager_client, coordinator_client, site, breakfast, old_day
):
    assert client.get(url(site, old_day)).status_code == 302
    assert volunteer_client.get(url(site, old_day)).status_code == 403
    assert manager_client.get(url(site, old_day)).status_code == 403
    data = {"count_breakfast": "5", "expected_breakfast": "0", "reason": "test"}
    assert manager_client.post(url(site, old_day), data).status_code == 403
    assert not TallyEvent.objects.exists()
    assert coordinator_client.get(url(site, old_day)).status_code == 200


def test_a_site_not_in_use_that_day_takes_no_new_counts_by_correction(
    staff_client, breakfast, old_day
):
    """As a tap is refused there (issue 16), so is a correction that adds to a day when the
    site was not in use; counts it has that day may still be taken down."""
    from tests.sites.factories import SiteFactory

    closed = SiteFactory(slug="pavillonen", in_use_until=old_day - datetime.timedelta(days=1))
    data = {"count_breakfast": "3", "expected_breakfast": "0", "reason": "miscount"}
    response = staff_client.post(url(closed, old_day), data, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 302
    page = staff_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "er ikke i brug" in page
    assert not DailyCount.objects.filter(count__gt=0).exists()
    assert not TallyEvent.objects.exists()

    DailyCountFactory(site=closed, category=breakfast, date=old_day, count=2)
    data = {"count_breakfast": "0", "expected_breakfast": "2", "reason": "test"}
    assert staff_client.post(url(closed, old_day), data).status_code == 302
    assert DailyCount.objects.get(site=closed, date=old_day).count == 0
