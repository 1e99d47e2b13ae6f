"""Forgetting who entered a tally, when and where from, once the day can no longer be questioned.

A tap's user, exact time and device (its browser's user agent) are kept while staff may still
look into a day's count. After `TALLY_DETAILS_RETENTION_DAYS` (default: the tap window plus
30 days) `forget_tally_details` folds each site, day and category's older events into one
`summary` event holding only their sum, and deletes the audit entries of the corrections
(their user, time, reason and note). The daily and monthly counts do not change: what is left
is the counts.
"""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from core.models import AuditEntry
from visits.models import DailyCount, TallyEvent

# Days handled per transaction: short locks, and a long backlog goes in steps.
DAYS_PER_STEP = 31


def retention_days() -> int:
    """How many days an event's details are kept; never less than the tap window, so an event
    whose id is forgotten can no longer be sent again (its date is refused)."""
    days = int(settings.VARMESTUE["TALLY_DETAILS_RETENTION_DAYS"])
    window = int(settings.VARMESTUE["TALLY_WINDOW_DAYS"])
    if days < window + 1:
        raise ImproperlyConfigured(
            f"TALLY_DETAILS_RETENTION_DAYS ({days}) must be more than TALLY_WINDOW_DAYS ({window})."
        )
    return days


@dataclass
class Forgotten:
    events: int = 0
    summaries: int = 0
    audit_entries: int = 0


def forget_details(*, now: datetime.datetime | None = None) -> Forgotten:
    """Fold the events entered before the retention into summaries; delete the corrections'
    audit entries from before it. Safe to run again, or twice at once."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    result = Forgotten()
    old = TallyEvent.objects.filter(created_at__lt=cutoff).exclude(kind=TallyEvent.Kind.SUMMARY)
    days = sorted(set(old.values_list("date", flat=True)))
    for start in range(0, len(days), DAYS_PER_STEP):
        step = days[start : start + DAYS_PER_STEP]
        with transaction.atomic():
            _fold(old.filter(date__in=step), result)
    counts = ContentType.objects.get_for_model(DailyCount)
    result.audit_entries, _ = AuditEntry.objects.filter(content_type=counts, at__lt=cutoff).delete()
    return result


def _fold(events, result: Forgotten) -> None:
    # Locking the events first makes a second run at the same time wait, then find them gone.
    rows = list(
        events.select_for_update()
        .order_by("id")
        .values_list("id", "site_id", "date", "category_id", "delta")
    )
    if not rows:
        return
    sums: dict[tuple[int, datetime.date, int], int] = defaultdict(int)
    for _id, site_id, day, category_id, delta in rows:
        sums[(site_id, day, category_id)] += delta
    TallyEvent.objects.filter(id__in=[row[0] for row in rows]).delete()
    result.events += len(rows)
    existing = {
        (s.site_id, s.date, s.category_id): s
        for s in TallyEvent.objects.select_for_update().filter(
            kind=TallyEvent.Kind.SUMMARY, date__in={key[1] for key in sums}
        )
    }
    new = []
    for key, delta in sorted(sums.items()):
        summary = existing.get(key)
        if summary is not None:
            summary.delta += delta
            if summary.delta:
                summary.save(update_fields=["delta"])
            else:
                summary.delete()
        elif delta:
            new.append(
                TallyEvent(
                    id=uuid.uuid4(),
                    site_id=key[0],
                    date=key[1],
                    category_id=key[2],
                    delta=delta,
                    kind=TallyEvent.Kind.SUMMARY,
                    entered_by=None,
                    created_at=None,
                    device="",
                )
            )
    TallyEvent.objects.bulk_create(new)
    result.summaries += len(new)
