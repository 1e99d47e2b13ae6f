"""Writing tallies: every tap and correction is an event, and its counts move with it.

A batch of events is written in one transaction together with the daily and monthly counts
it moves (`visits.counting`).
The event's client-made UUID is the primary key: a retry, or the same batch sent twice at
the same time, inserts nothing the second time (the database's unique index decides), and
a count is only moved by the transaction that inserted the event, while it holds the
count row's lock.
"""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import audit
from core.audit import Actor
from core.sync import SyncResult, parse_iso_date, parse_uuid
from sites.models import Site
from sites.operations import is_scoped
from visits import counting
from visits.counting import Key
from visits.models import CorrectionReason, DailyCount, TallyCategory, TallyEvent

MAX_TAP_DELTA = 100
MAX_EVENTS_PER_REQUEST = 1000
DEADLOCK_RETRIES = 3


class EventRejected(Exception):
    """An event that cannot be counted; the message is shown to staff."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CorrectionConflict(Exception):
    """A count changed between showing the correction form and saving it."""


@dataclass(frozen=True)
class _Event:
    id: uuid.UUID
    site_id: int
    date: datetime.date
    category_id: int
    delta: int

    @property
    def key(self) -> Key:
        return (self.site_id, self.date, self.category_id)


def tally_window_days() -> int:
    return int(settings.VARMESTUE["TALLY_WINDOW_DAYS"])


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


def not_in_use_message(site_name: str, day: datetime.date) -> str:
    return _(
        "%(site)s is not in use on %(date)s, so nothing can be counted there that day. "
        "Choose another site or day."
    ) % {"site": site_name, "date": date_format(day, "SHORT_DATE_FORMAT")}


def _parse(
    raw: dict[str, Any],
    *,
    sites: dict[str, counting.SiteUse],
    categories: dict[str, tuple[int, bool]],
    today: datetime.date,
) -> _Event:
    event_id = parse_uuid(raw.get("id"))
    if event_id is None:
        raise EventRejected(_("The id is not a UUID made on the device."))
    slug = raw.get("site")
    site = sites.get(slug) if isinstance(slug, str) else None
    if site is None:
        raise EventRejected(_("Unknown site: %(site)s.") % {"site": slug})
    code = raw.get("category")
    category = categories.get(code) if isinstance(code, str) else None
    if category is None:
        raise EventRejected(_("Unknown category: %(category)s.") % {"category": code})
    category_id, active = category
    if not active:
        raise EventRejected(
            _("The category %(category)s is no longer counted.") % {"category": code}
        )
    day = parse_iso_date(raw.get("date"))
    if day is None:
        raise EventRejected(_("The date must be given as YYYY-MM-DD."))
    check_tally_date(day, today=today)
    if not site.in_use_on(day):
        raise EventRejected(not_in_use_message(str(slug), day))
    delta = raw.get("delta")
    if isinstance(delta, bool) or not isinstance(delta, int):
        raise EventRejected(_("The change must be a whole number."))
    if delta == 0:
        raise EventRejected(_("The change cannot be 0."))
    if abs(delta) > MAX_TAP_DELTA:
        raise EventRejected(
            _("The change must be between -%(max)d and %(max)d.") % {"max": MAX_TAP_DELTA}
        )
    return _Event(id=event_id, site_id=site.pk, date=day, category_id=category_id, delta=delta)


# What is known of a stored event: (site id, date, category id, delta, kind).
_Stored = tuple[int, datetime.date, int, int, str]


def _stored_events(ids: list[uuid.UUID]) -> dict[uuid.UUID, _Stored]:
    if not ids:
        return {}
    rows = TallyEvent.objects.filter(id__in=ids).values_list(
        "id", "site_id", "date", "category_id", "delta", "kind"
    )
    return {row[0]: row[1:] for row in rows}


def _same_content(stored: _Stored, event: _Event) -> bool:
    return stored == (*event.key, event.delta, TallyEvent.Kind.TAP)


def _different_content() -> str:
    return _("This id was already used for a different tap; nothing was changed.")


def _worth_retrying(error: Exception) -> bool:
    if isinstance(error, IntegrityError):
        return True
    return getattr(error.__cause__, "sqlstate", None) in {"40P01", "40001"}


# What became of each event of a batch, by its position: ("accepted" | "duplicates" |
# "rejected", the rejection's message or None).
_Verdicts = dict[int, tuple[str, str | None]]


def _record_batch(pending: list[tuple[int, _Event]], *, user: Actor, device: str) -> _Verdicts:
    """Insert the events and move their counts atomically.

    Every writer takes its locks in one global order: the events' ids (inserted in id
    order), then the daily count rows, then the monthly count rows (each in key order). So
    concurrent batches wait for each other and never deadlock, and the database's unique
    index decides which batch inserts an id: a copy of the batch sent at the same moment
    waits for ours, then finds its events taken and reports them as duplicates.

    Additions only (taps, the usual case): one statement (`counting.add_new_taps`). With a
    subtraction the order matters: the batch claims its ids, locks its daily rows and
    applies the events one by one in the order sent, giving back the ids of those it rejects.
    """
    entered_by = audit.user_or_none(user)
    entered_by_id = entered_by.pk if entered_by is not None else None
    now = timezone.now()
    # An id sent twice in the batch stands for the content it was first sent with (pending is
    # sorted by count row, so the first sent is the lowest index, not the first in the list).
    firsts: dict[uuid.UUID, int] = {}
    for index, event in pending:
        firsts[event.id] = min(index, firsts.get(event.id, index))
    by_index = dict(pending)
    rows = [
        TallyEvent(
            id=event.id,
            site_id=event.site_id,
            date=event.date,
            category_id=event.category_id,
            delta=event.delta,
            kind=TallyEvent.Kind.TAP,
            entered_by_id=entered_by_id,
            created_at=now,
            device=device[:200],
        )
        for event in sorted((by_index[i] for i in firsts.values()), key=lambda e: e.id)
    ]
    if all(event.delta > 0 for _i, event in pending):
        inserted = counting.add_new_taps(rows)
        # Ids already taken, by an earlier request or a concurrent one that has committed.
        stored = _stored_events([event_id for event_id in firsts if event_id not in inserted])
        return _verdicts(pending, firsts, inserted, stored)
    with transaction.atomic():
        inserted = counting.insert_new_events(rows)
        stored = _stored_events([event_id for event_id in firsts if event_id not in inserted])
        counts = counting.lock_daily_counts(event.key for _i, event in pending)
        verdicts, changes, accepted = _in_order(pending, firsts, stored, counts)
        if unused := inserted - accepted:
            # Claimed but rejected: gone at commit, so a batch waiting for them may count them.
            TallyEvent.objects.filter(id__in=unused).delete()
        counting.add_to_counts(changes)
    return verdicts


def _verdicts(
    pending: list[tuple[int, _Event]],
    firsts: dict[uuid.UUID, int],
    inserted: set[uuid.UUID],
    stored: dict[uuid.UUID, _Stored],
) -> _Verdicts:
    """Additions only: every event inserted now is counted, the rest are known already."""
    by_index = dict(pending)
    verdicts: _Verdicts = {}
    for index, event in pending:
        if event.id in inserted:
            if firsts[event.id] == index:
                verdicts[index] = ("accepted", None)
                continue
            first = by_index[firsts[event.id]]
            known: _Stored = (*first.key, first.delta, TallyEvent.Kind.TAP)
        else:
            known = stored[event.id]
        if _same_content(known, event):
            verdicts[index] = ("duplicates", None)
        else:
            verdicts[index] = ("rejected", _different_content())
    return verdicts


def _in_order(
    pending: list[tuple[int, _Event]],
    firsts: dict[uuid.UUID, int],
    stored: dict[uuid.UUID, _Stored],
    counts: dict[Key, int],
) -> tuple[_Verdicts, dict[Key, int], set[uuid.UUID]]:
    """With subtractions, events are applied one by one in the order sent, per count row,
    and one that would take the count below zero is rejected. An id sent twice in the batch
    is counted at most once, and only with the content it first had."""
    by_index = dict(pending)
    verdicts: _Verdicts = {}
    changes: dict[Key, int] = defaultdict(int)
    accepted: set[uuid.UUID] = set()
    for index, event in pending:
        first = by_index[firsts[event.id]]
        if event.id in stored or event.id in accepted:
            known = stored.get(event.id) or (*first.key, first.delta, TallyEvent.Kind.TAP)
            if _same_content(known, event):
                verdicts[index] = ("duplicates", None)
            else:
                verdicts[index] = ("rejected", _different_content())
        elif event != first:
            verdicts[index] = ("rejected", _different_content())
        elif counts[event.key] + changes[event.key] + event.delta < 0:
            verdicts[index] = ("rejected", _("The count cannot go below zero."))
        else:
            changes[event.key] += event.delta
            accepted.add(event.id)
            verdicts[index] = ("accepted", None)
    return verdicts, changes, accepted


def _searchable(value: Any) -> bool:
    return isinstance(value, str) and "\x00" not in value


def _lookups(
    events: list[dict[str, Any]],
) -> tuple[dict[str, counting.SiteUse], dict[str, tuple[int, bool]]]:
    """{slug: SiteUse} and {code: (category id, active)} for the slugs and codes named."""
    # A NUL character cannot be in any slug or code, and PostgreSQL refuses it in a query.
    slugs: set[str] = {e["site"] for e in events if _searchable(e.get("site"))}
    codes: set[str] = {e["category"] for e in events if _searchable(e.get("category"))}
    return counting.ids_by_name(slugs, codes)


def _out_of_scope(user: Actor, events: list[dict[str, Any]]) -> set[int]:
    """The indexes of events at a site the scoped user does not run on the event's day."""
    by_day: dict[datetime.date, list[int]] = defaultdict(list)
    for index, raw in enumerate(events):
        day = parse_iso_date(raw.get("date")) if isinstance(raw.get("date"), str) else None
        if day is not None:
            by_day[day].append(index)
    outside = set()
    for day, indexes in by_day.items():  # the tally window: a few days at most
        allowed = set(Site.objects.for_user(user, on=day).values_list("slug", flat=True))
        outside |= {i for i in indexes if events[i].get("site") not in allowed}
    return outside


def record_events(*, events: list[dict[str, Any]], user: Actor, device: str = "") -> SyncResult:
    """Count a batch of taps, each exactly once, and say what happened to each.

    `events` are dicts with id, site (slug), date (YYYY-MM-DD), category (code) and delta,
    as sent by the entry page, its script and the offline tablet. Ids are reported back as
    they were sent, in the order sent, so the client can match them to its outbox.
    """
    verdicts: _Verdicts = {}
    pending: list[tuple[int, _Event]] = []
    if events:
        sites, categories = _lookups(events)
        today = timezone.localdate()
        # Another operator's site is unknown to a scoped user (decisions: Sites 17): a tap
        # is checked against the sites they run on its day.
        outside = _out_of_scope(user, events) if is_scoped(user) else set()
        for index, raw in enumerate(events):
            try:
                if index in outside:
                    raise EventRejected(_("Unknown site: %(site)s.") % {"site": raw.get("site")})
                pending.append(
                    (index, _parse(raw, sites=sites, categories=categories, today=today))
                )
            except EventRejected as rejection:
                verdicts[index] = ("rejected", rejection.message)
    if pending:
        # Stable sort: the events of one count row keep the order they were tapped in.
        pending.sort(key=lambda item: item[1].key)
        for attempt in range(DEADLOCK_RETRIES + 1):
            try:
                verdicts.update(_record_batch(pending, user=user, device=device))
            except (OperationalError, IntegrityError) as error:
                # Only a client reusing an id for a different tap while another batch writes
                # it can get here (a deadlock the database broke, or the id taken under our
                # feet); the retry sees the other batch's events and rejects the reused id.
                if attempt == DEADLOCK_RETRIES or not _worth_retrying(error):
                    raise
                continue
            break
    result = SyncResult()
    for index, raw in enumerate(events):
        outcome, message = verdicts[index]
        if outcome == "rejected":
            result.rejected.append({"id": raw.get("id"), "error": message})
        else:
            getattr(result, outcome).append(raw.get("id"))
    return result


def correction_reason_text(reason: str, note: str = "") -> str:
    """The reason as the history shows it: its label in the site's language, then the note."""
    if reason not in CorrectionReason.values:
        raise EventRejected(_("Choose a reason for the correction."))
    with translation.override(settings.LANGUAGE_CODE):
        label = str(CorrectionReason(reason).label)
    return f"{label}: {note}" if note else label


def correct_counts(
    *,
    site: Site,
    day: datetime.date,
    expected: dict[TallyCategory, int],
    wanted: dict[TallyCategory, int],
    reason: str,
    note: str = "",
    user: Actor,
) -> int:
    """Set a past day's counts to what staff say they should be; returns how many changed.

    `expected` holds the counts the form showed. If any of them changed meanwhile (a tablet
    synced taps for that day), nothing is saved and CorrectionConflict is raised, so a
    correction never silently overwrites taps it did not see. Each change is an event of
    kind "correction" and an audit entry carrying the reason (a `CorrectionReason`) and the
    optional note; both go when the details are forgotten (`visits.retention`).
    """
    reason_text = correction_reason_text(reason, note)
    if day > timezone.localdate():
        raise EventRejected(_("The date is in the future."))
    changes = {
        category: new - expected.get(category, 0)
        for category, new in sorted(wanted.items(), key=lambda item: item[0].pk)
        if new != expected.get(category, 0)
    }
    if any(wanted[category] < 0 for category in changes):
        raise EventRejected(_("A count cannot be negative."))
    # A site not in use that day takes no new counts, as it takes no taps; counts it has
    # there (from before the rule) may still be lowered.
    if not site.in_use_on(day) and any(delta > 0 for delta in changes.values()):
        raise EventRejected(not_in_use_message(site.name, day))
    keys = {category: (site.pk, day, category.pk) for category in changes}
    with transaction.atomic():
        current = counting.lock_daily_counts(keys.values())
        if any(current[keys[c]] != expected.get(c, 0) for c in changes):
            raise CorrectionConflict
        TallyEvent.objects.bulk_create(
            TallyEvent(
                site=site,
                date=day,
                category=category,
                delta=delta,
                kind=TallyEvent.Kind.CORRECTION,
                entered_by=audit.user_or_none(user),
                device="correction",
            )
            for category, delta in changes.items()
        )
        counting.add_to_counts({keys[c]: delta for c, delta in changes.items()})
        for category in changes:
            old = expected.get(category, 0)
            audit.record(
                actor=user,
                instance=DailyCount.objects.get(site=site, date=day, category=category),
                action="update",
                changes={"count": [old, wanted[category]]},
                note=reason_text,
            )
    return len(changes)
