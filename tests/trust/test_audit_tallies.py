"""Tally corrections through the real page: who changed which count, when and why.

A count is all the history holds about visitors: the entry names the site, day and category,
the old and new number, and the reason staff gave; nothing else.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.audit import history_for
from tests.sites.factories import SiteFactory
from tests.trust.auditpages import (
    assert_hidden_from,
    assert_recent,
    history,
    object_history,
    shown_time,
    submit,
)
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits.models import DailyCount

pytestmark = pytest.mark.django_db

NOTE = "Talt på papir, mens tabletten var i stykker"
REASON = f"Forkert optalt: {NOTE}"


@pytest.fixture
def day():
    return timezone.localdate() - datetime.timedelta(days=20)


@pytest.fixture
def corrected(staff_client, day):
    """Staff correct two counts of a past day on the corrections page."""
    site = SiteFactory(slug="pavillonen", name="Pavillonen")
    breakfast = TallyCategoryFactory(code="breakfast", name_da="Morgenmad")
    showers = TallyCategoryFactory(code="showers", name_da="Bad")
    DailyCountFactory(site=site, category=breakfast, date=day, count=12)
    url = f"{reverse('visits:corrections')}?site={site.slug}&date={day.isoformat()}"
    page = staff_client.get(url).content.decode()
    assert "Skriv ikke navne eller andet, der kan identificere en besøgende" in page
    response = submit(
        staff_client,
        url,
        {"count_breakfast": "15", "count_showers": "4", "reason": "miscount", "note": NOTE},
    )
    assert response.status_code == 302
    return {
        "breakfast": DailyCount.objects.get(category=breakfast),
        "showers": DailyCount.objects.get(category=showers),
    }


def test_a_correction_is_recorded_with_who_when_and_why(corrected, staff_user):
    for code, (old, new) in {"breakfast": (12, 15), "showers": (0, 4)}.items():
        entry = history_for(corrected[code]).get()
        assert (entry.action, entry.actor, entry.note) == ("update", staff_user, REASON)
        assert entry.changes == {"count": [old, new]}
        assert_recent(entry)


def test_a_correction_holds_counts_and_nothing_about_a_visitor(corrected, day):
    entry = history_for(corrected["breakfast"]).get()
    # The object is the day's count: the day, the site, the category and the number.
    assert re.fullmatch(rf"{day.isoformat()} Pavillonen \S+: 15", entry.object_repr)
    assert all(isinstance(n, int) for change in entry.changes.values() for n in change)


def test_coordinators_and_managers_see_the_correction(
    corrected, coordinator_client, manager_client
):
    entry = history_for(corrected["breakfast"]).get()
    for client in (coordinator_client, manager_client):
        for page in (history(client), object_history(client, corrected["breakfast"])):
            assert REASON in page and "alice" in page and shown_time(entry) in page
            assert "12 → 15" in page


def test_staff_volunteers_and_visitors_do_not(corrected, staff_client, volunteer_client, client):
    assert_hidden_from(
        [staff_client, volunteer_client, client], REASON, instance=corrected["breakfast"]
    )
