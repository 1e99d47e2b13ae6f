"""What is kept about a tally: after the retention, only the counts (issue 16).

Old data is made as it would have been entered then: taps through the sync API and a
correction through its page, then moved back in time by the retention (the server's clock
is what the command compares with).
"""

import datetime
import json
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.models import AuditEntry
from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory, event
from visits.models import DailyCount, MonthlyCount, TallyEvent
from visits.retention import forget_details

pytestmark = pytest.mark.django_db
API = "/visits/api/events/"
# What a summary may hold: the count and where it belongs, nothing about who, when or how.
COUNT_FIELDS = {"id", "site", "date", "category", "delta", "kind"}


def send(client, events, agent="Mozilla/5.0 (Linux; Android 14; Bus tablet)"):
    answer = client.post(
        API, json.dumps({"events": events}), content_type="application/json", HTTP_USER_AGENT=agent
    ).json()
    assert not answer["rejected"], answer
    return answer


def age(days: int, **filters):
    """Make the events (and the corrections' audit entries) look `days` older."""
    shift = datetime.timedelta(days=days)
    for row in TallyEvent.objects.filter(**filters):
        TallyEvent.objects.filter(pk=row.pk).update(created_at=row.created_at - shift)
    counts = ContentType.objects.get_for_model(DailyCount)
    for entry in AuditEntry.objects.filter(content_type=counts):
        AuditEntry.objects.filter(pk=entry.pk).update(at=entry.at - shift)


def snapshot():
    daily = sorted(DailyCount.objects.values_list("site_id", "date", "category_id", "count"))
    monthly = sorted(MonthlyCount.objects.values_list("site_id", "month", "category_id", "count"))
    return daily, monthly


@pytest.fixture
def site(db):
    return SiteFactory(slug="pavillonen", name="Pavillonen")


@pytest.fixture
def breakfast(db):
    return TallyCategoryFactory(code="breakfast")


@pytest.fixture
def showers(db):
    return TallyCategoryFactory(code="showers")


@pytest.fixture
def tallied(staff_client, coordinator_client, site, breakfast, showers):
    """Three days of taps from two devices and two users, a minus tap, a correction."""
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=n) for n in (1, 2, 30)]
    send(staff_client, [event(site, breakfast, day=d) for d in days for _ in range(3)])
    send(coordinator_client, [event(site, breakfast, day=days[0], delta=4)], agent="iPad")
    send(staff_client, [event(site, showers, day=days[1], delta=2)])
    send(staff_client, [event(site, showers, day=days[1], delta=-1)])
    # +1 and -1 on one day: the summary would be 0, so none is kept.
    send(staff_client, [event(site, showers, day=days[2])])
    send(staff_client, [event(site, showers, day=days[2], delta=-1)])
    query = f"?site={site.slug}&date={days[1].isoformat()}"
    response = staff_client.post(
        f"/visits/corrections/{query}",
        {
            "count_breakfast": "5",
            "expected_breakfast": "3",
            "count_showers": "1",
            "expected_showers": "1",
            "reason": "other",
            "note": "Talt på papir",
        },
    )
    assert response.status_code == 302
    return days


def test_after_the_retention_only_the_counts_are_left(tallied, site, breakfast, showers, settings):
    before = snapshot()
    assert settings.VARMESTUE["TALLY_DETAILS_RETENTION_DAYS"] == 90
    age(91)
    call_command("forget_tally_details", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before
    # One event per site, day and category, holding the day's count and nothing else.
    events = list(TallyEvent.objects.all())
    assert {e.kind for e in events} == {"summary"}
    for e in events:
        for field in TallyEvent._meta.concrete_fields:
            if field.name not in COUNT_FIELDS:
                assert getattr(e, field.attname) in (None, ""), field.name
    keys = [(e.site_id, e.date, e.category_id) for e in events]
    assert len(keys) == len(set(keys))
    daily = {
        (c.site_id, c.date, c.category_id): c.count for c in DailyCount.objects.filter(count__gt=0)
    }
    assert {key: e.delta for key, e in zip(keys, events, strict=True)} == daily
    # The corrections' history (who, when, the reason and its note) is gone with them.
    counts = ContentType.objects.get_for_model(DailyCount)
    assert not AuditEntry.objects.filter(content_type=counts).exists()
    assert not AuditEntry.objects.filter(note__contains="Talt på papir").exists()


def test_nothing_younger_than_the_retention_is_touched(tallied, staff_user, settings):
    age(89)
    kept = sorted(TallyEvent.objects.values_list("id", "entered_by", "device", "created_at"))
    entries = AuditEntry.objects.count()
    assert forget_details().events == 0
    assert sorted(TallyEvent.objects.values_list("id", "entered_by", "device", "created_at")) == (
        kept
    )
    assert AuditEntry.objects.count() == entries
    assert TallyEvent.objects.filter(entered_by=staff_user, device__contains="Android").exists()


def test_running_again_and_later_adds_to_the_same_summary(staff_client, site, breakfast):
    day = timezone.localdate() - datetime.timedelta(days=3)
    send(staff_client, [event(site, breakfast, day=day, delta=2)])
    age(91)
    assert forget_details().summaries == 1
    assert forget_details().events == 0
    send(staff_client, [event(site, breakfast, day=day, delta=5)])
    age(91, kind="tap")
    done = forget_details()
    assert (done.events, done.summaries) == (1, 0)
    summary = TallyEvent.objects.get()
    assert (summary.kind, summary.delta) == ("summary", 7)
    assert DailyCount.objects.get().count == 7


def test_a_forgotten_tap_sent_again_is_not_counted_twice(staff_user, staff_client, site, breakfast):
    """The retention is longer than the tap window, so an id no longer known is refused by
    its date."""
    day = timezone.localdate() - datetime.timedelta(days=95)
    tap_id = uuid.uuid4()
    TallyEvent.objects.create(
        id=tap_id,
        site=site,
        date=day,
        category=breakfast,
        delta=1,
        entered_by=staff_user,
        created_at=timezone.now() - datetime.timedelta(days=95),
        device="Bus tablet",
    )
    DailyCountFactory(site=site, category=breakfast, date=day, count=1)
    forget_details()
    assert not TallyEvent.objects.filter(id=tap_id).exists()
    again = event(site, breakfast, day=day, event_id=tap_id)
    answer = staff_client.post(
        API, json.dumps({"events": [again]}), content_type="application/json"
    ).json()
    assert [r["id"] for r in answer["rejected"]] == [str(tap_id)]
    assert DailyCount.objects.get().count == 1


def test_a_retention_within_the_tap_window_is_refused(settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "TALLY_DETAILS_RETENTION_DAYS": 60}
    with pytest.raises(CommandError, match="TALLY_DETAILS_RETENTION_DAYS"):
        call_command("forget_tally_details")
