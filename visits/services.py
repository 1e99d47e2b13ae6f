"""Writing tallies: every tap and correction is an event, and its daily count moves with it.

A batch of events is written in one transaction together with the daily counts it moves.
The event's client-made UUID is the primary key: a retry, or the same batch sent twice at
the same time, inserts nothing the second time (the database's unique index decides), and
a count is only moved by the transaction that inserted the event, while it holds the
count row's lock.
"""

import datetime
import re
import uuid
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from sites.models import Site
from visits.models import DailyCount, TallyCategory, TallyEvent

MAX_TAP_DELTA = 100
MAX_EVENTS_PER_REQUEST = 1000
DEADLOCK_RETRIES = 3
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EventRejected(Exception):
    """An event that cannot be counted; the message is shown to staff."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CorrectionConflict(Exception):
    """A count changed between showing the correction form and saving it."""


@dataclass
class SyncResult:
    accepted: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, list]:
        return {"accepted": self.accepted, "duplicates": self.duplicates, "rejected": self.rejected}


@dataclass(frozen=True)
class _Event:
    id: uuid.UUID
    site: Site
    date: datetime.date
    category: TallyCategory
    delta: int


def tally_window_days() -> int:
    return int(settings.VARMESTUE["TALLY_WINDOW_DAYS"])


def parse_date(value: Any) -> datetime.date | None:
    """A date from strict YYYY-MM-DD text, or None."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def check_tally_date(day: datetime.date, *, today: datetime.date | None = None) -> None:
    """Taps are for today and the last TALLY_WINDOW_DAYS days; older days go to corrections."""
    today = today or timezone.localdate()
    if day > today:
        raise EventRejected(_("The date is in the future."))
    window = tally_window_days()
    if day < today - datetime.timedelta(days=window):
        raise EventRejected(
            _("The date is more than %(days)d days ago: use the corrections page for older days.")
            % {"days": window}
        )


def _parse(
    raw: dict[str, Any],
    *,
    sites: dict[str, Site],
    categories: dict[str, TallyCategory],
    today: datetime.date,
) -> _Event:
    raw_id = raw.get("id")
    try:
        event_id = uuid.UUID(raw_id) if isinstance(raw_id, str) else None
    except ValueError:
        event_id = None
    if event_id is None:
        raise EventRejected(_("The id is not a UUID."))
    slug = raw.get("site")
    site = sites.get(slug) if isinstance(slug, str) else None
    if site is None:
        raise EventRejected(_("Unknown site: %(site)s.") % {"site": slug})
    code = raw.get("category")
    category = categories.get(code) if isinstance(code, str) else None
    if category is None:
        raise EventRejected(_("Unknown category: %(category)s.") % {"category": code})
    if not category.active:
        raise EventRejected(
            _("The category %(category)s is no longer counted.") % {"category": code}
        )
    day = parse_date(raw.get("date"))
    if day is None:
        raise EventRejected(_("The date must be given as YYYY-MM-DD."))
    check_tally_date(day, today=today)
    delta = raw.get("delta")
    if isinstance(delta, bool) or not isinstance(delta, int):
        raise EventRejected(_("The change must be a whole number."))
    if delta == 0:
        raise EventRejected(_("The change cannot be 0."))
    if abs(delta) > MAX_TAP_DELTA:
        raise EventRejected(
            _("The change must be between -%(max)d and %(max)d.") % {"max": MAX_TAP_DELTA}
        )
    return _Event(id=event_id, site=site, date=day, category=category, delta=delta)


def _same_content(existing: TallyEvent, event: _Event) -> bool:
    return (
        existing.site_id == event.site.pk
        and existing.date == event.date
        and existing.category_id == event.category.pk
        and existing.delta == event.delta
        and existing.kind == TallyEvent.Kind.TAP
    )


def _key(event: _Event) -> tuple[int, datetime.date, int]:
    return (event.site.pk, event.date, event.category.pk)


def _different_content() -> str:
    return _("This id was already used for a different tap; nothing was changed.")


def _worth_retrying(error: Exception) -> bool:
    if isinstance(error, IntegrityError):
        return True
    return getattr(error.__cause__, "sqlstate", None) in {"40P01", "40001"}


def _record_batch(
    pending: list[tuple[Any, _Event]], *, user, device: str
) -> tuple[list, list, list]:
    """Insert the events and move their counts in ONE transaction.

    Locks are taken in one global order, so concurrent batches wait for each other instead
    of deadlocking: the count rows of the batch are made to exist (count 0) in key order,
    then for each key, in order, the count row is locked FOR UPDATE before its events are
    looked up and inserted. Every writer of a key's events holds that lock, so while we hold
    it the lookup of known ids is the truth: a concurrent copy of this batch waits for our
    commit, then finds the events and reports them as duplicates.
    """
    accepted: list = []
    duplicates: list = []
    rejected: list = []
    entered_by = user if getattr(user, "is_authenticated", False) else None
    now = timezone.now()
    seen: dict[uuid.UUID, TallyEvent] = {}
    with transaction.atomic():
        keys = sorted({_key(event) for _raw, event in pending})
        DailyCount.objects.bulk_create(
            [DailyCount(site_id=s, date=d, category_id=c, count=0) for s, d, c in keys],
            ignore_conflicts=True,
        )
        for key, items in groupby(pending, key=lambda item: _key(item[1])):
            items = list(items)
            site_id, day, category_id = key
            row = DailyCount.objects.select_for_update().get(
                site_id=site_id, date=day, category_id=category_id
            )
            seen.update(TallyEvent.objects.in_bulk([event.id for _raw, event in items]))
            count = row.count
            new_events = []
            for raw_id, event in items:
                prior = seen.get(event.id)
                if prior is not None:
                    if _same_content(prior, event):
                        duplicates.append(raw_id)
                    else:
                        rejected.append({"id": raw_id, "error": _different_content()})
                    continue
                if count + event.delta < 0:
                    rejected.append({"id": raw_id, "error": _("The count cannot go below zero.")})
                    continue
                count += event.delta
                seen[event.id] = TallyEvent(
                    id=event.id,
                    site=event.site,
                    date=event.date,
                    category=event.category,
                    delta=event.delta,
                    kind=TallyEvent.Kind.TAP,
                    entered_by=entered_by,
                    created_at=now,
                    device=device[:200],
                )
                new_events.append(seen[event.id])
                accepted.append(raw_id)
            # An IntegrityError here means another batch used one of these ids for a
            # different tap at the same moment: the caller rolls back and tries again.
            TallyEvent.objects.bulk_create(new_events)
            if count != row.count:
                DailyCount.objects.filter(pk=row.pk).update(count=count)
    return accepted, duplicates, rejected


def _searchable(value: Any) -> bool:
    return isinstance(value, str) and "\x00" not in value


def record_events(*, events: list[dict[str, Any]], user, device: str = "") -> SyncResult:
    """Count a batch of taps, each exactly once, and say what happened to each.

    `events` are dicts with id, site (slug), date (YYYY-MM-DD), category (code) and delta,
    as sent by the entry page, its script and the offline tablet. Ids are reported back as
    they were sent, so the client can match them to its outbox.
    """
    result = SyncResult()
    # A NUL character cannot be in any slug or code, and PostgreSQL refuses it in a query.
    slugs = {e.get("site") for e in events if _searchable(e.get("site"))}
    codes = {e.get("category") for e in events if _searchable(e.get("category"))}
    sites = {s.slug: s for s in Site.objects.filter(slug__in=slugs)}
    categories = {c.code: c for c in TallyCategory.objects.filter(code__in=codes)}
    today = timezone.localdate()
    parsed: list[tuple[Any, _Event]] = []
    for raw in events:
        try:
            parsed.append(
                (raw.get("id"), _parse(raw, sites=sites, categories=categories, today=today))
            )
        except EventRejected as rejection:
            result.rejected.append({"id": raw.get("id"), "error": rejection.message})
    # Known ids are answered from one query; the unique index still guards the race.
    known = TallyEvent.objects.in_bulk([event.id for _raw, event in parsed])
    pending = []
    for raw_id, event in parsed:
        existing = known.get(event.id)
        if existing is None:
            pending.append((raw_id, event))
        elif _same_content(existing, event):
            result.duplicates.append(raw_id)
        else:
            result.rejected.append({"id": raw_id, "error": _different_content()})
    if not pending:
        return result
    # Stable sort: the events of one count row keep the order they were tapped in.
    pending.sort(key=lambda item: _key(item[1]))
    for attempt in range(DEADLOCK_RETRIES + 1):
        try:
            accepted, duplicates, rejected = _record_batch(pending, user=user, device=device)
        except (OperationalError, IntegrityError) as error:
            # Only a client reusing an id for a different tap while another batch writes
            # it can get here (a deadlock the database broke, or the id taken under our
            # feet); the retry sees the other batch's events and rejects the reused id.
            if attempt == DEADLOCK_RETRIES or not _worth_retrying(error):
                raise
            continue
        break
    result.accepted.extend(accepted)
    result.duplicates.extend(duplicates)
    result.rejected.extend(rejected)
    return result


def correct_counts(
    *,
    site: Site,
    day: datetime.date,
    expected: dict[TallyCategory, int],
    wanted: dict[TallyCategory, int],
    reason: str,
    user,
) -> int:
    """Set a past day's counts to what staff say they should be; returns how many changed.

    `expected` holds the counts the form showed. If any of them changed meanwhile (a tablet
    synced taps for that day), nothing is saved and CorrectionConflict is raised, so a
    correction never silently overwrites taps it did not see. Each change is an event of
    kind "correction" and an audit entry carrying the reason.
    """
    if day > timezone.localdate():
        raise EventRejected(_("The date is in the future."))
    changed = 0
    with transaction.atomic():
        for category, new in wanted.items():
            old = expected.get(category, 0)
            if new == old:
                continue
            if new < 0:
                raise EventRejected(_("A count cannot be negative."))
            rows = DailyCount.objects.filter(site=site, date=day, category=category)
            if not rows.filter(count=old).update(count=new):
                if old != 0 or rows.exists():
                    raise CorrectionConflict
                try:
                    with transaction.atomic():
                        DailyCount.objects.create(site=site, date=day, category=category, count=new)
                except IntegrityError:
                    raise CorrectionConflict from None
            TallyEvent.objects.create(
                site=site,
                date=day,
                category=category,
                delta=new - old,
                kind=TallyEvent.Kind.CORRECTION,
                entered_by=user,
                device="correction",
            )
            count = DailyCount.objects.get(site=site, date=day, category=category)
            audit.record(
                actor=user,
                instance=count,
                action="update",
                changes={"count": [old, new]},
                note=reason,
            )
            changed += 1
    return changed
