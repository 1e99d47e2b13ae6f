"""The SQL of the tally writes: portable (PostgreSQL and SQLite) statements the ORM cannot say,
or not cheaply enough for the sync API, which runs them for every tap.

`INSERT ... ON CONFLICT` makes a count row exist and changes it in one statement that holds
the row's lock, so concurrent writers add up and none is lost. Every writer takes its locks
in one order: event ids (in id order), then daily rows, then monthly rows (in key order), so
two transactions that share rows wait for each other and never deadlock.
Used only by `visits.services` (and the data loaders), inside their transactions.
"""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Field

from core.db import prepared_cursor
from sites.models import Site
from visits.models import DailyCount, MonthlyCount, TallyCategory, TallyEvent

# (site id, day or first day of the month, category id)
Key = tuple[int, datetime.date, int]
CHUNK = 1000


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _columns(model, names: Iterable[str]) -> list[str]:
    return [connection.ops.quote_name(model._meta.get_field(n).column) for n in names]


def _date(value) -> datetime.date:
    # SQLite answers RETURNING with the text it stored.
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


@lru_cache(maxsize=64)
def _ids_sql(slugs: int, codes: int) -> str:
    parts = []
    if slugs:
        slug, pk, start, until = _columns(Site, ["slug", "id", "in_use_from", "in_use_until"])
        marks = ", ".join(["%s"] * slugs)
        parts.append(
            f"SELECT 0, {slug}, {pk}, 1, {start}, {until} FROM {_table(Site)} "  # noqa: S608 - names from model meta
            f"WHERE {slug} IN ({marks})"
        )
    if codes:
        code, pk, active = _columns(TallyCategory, ["code", "id", "active"])
        marks = ", ".join(["%s"] * codes)
        parts.append(
            f"SELECT 1, {code}, {pk}, CASE WHEN {active} THEN 1 ELSE 0 END, NULL, NULL "  # noqa: S608 - names from model meta
            f"FROM {_table(TallyCategory)} "
            f"WHERE {code} IN ({marks})"
        )
    return " UNION ALL ".join(parts)


@dataclass(frozen=True)
class SiteUse:
    """A site's id and the days it is in use (None: no limit on that side)."""

    pk: int
    start: datetime.date | None
    until: datetime.date | None

    def in_use_on(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (
            self.until is None or self.until >= day
        )


def ids_by_name(
    slugs: set[str], codes: set[str]
) -> tuple[dict[str, SiteUse], dict[str, tuple[int, bool]]]:
    """{slug: SiteUse} and {code: (category id, active)} for the sites and categories named,
    in one query."""
    sites: dict[str, SiteUse] = {}
    categories: dict[str, tuple[int, bool]] = {}
    if slugs or codes:
        with prepared_cursor() as cursor:
            cursor.execute(_ids_sql(len(slugs), len(codes)), [*sorted(slugs), *sorted(codes)])
            for kind, name, pk, active, start, until in cursor.fetchall():
                if kind == 0:
                    sites[name] = SiteUse(pk, start and _date(start), until and _date(until))
                else:
                    categories[name] = (pk, bool(active))
    return sites, categories


def _lock_rows(model, date_field: str, keys: Iterable[Key]) -> dict[Key, tuple[int, int]]:
    """Make the count rows exist, lock them in key order: {key: (row id, count)}.

    The no-op update is what locks an existing row (waiting for a writer holding it); the
    count returned is the latest committed one.
    """
    keys = sorted(set(keys))
    prepare_date = model._meta.get_field(date_field).get_db_prep_save
    table = _table(model)
    pk = _columns(model, ["id"])[0]
    site, date, category, count = _columns(model, ["site", date_field, "category", "count"])
    found: dict[Key, tuple[int, int]] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        params: list = []
        for site_id, day, category_id in chunk:
            params += [site_id, prepare_date(day, connection), category_id]
        values = ", ".join(["(%s, %s, %s, 0)"] * len(chunk))
        sql = (
            f"INSERT INTO {table} ({site}, {date}, {category}, {count}) VALUES {values} "  # noqa: S608 - names from model meta
            f"ON CONFLICT ({site}, {date}, {category}) DO UPDATE SET {count} = {table}.{count} "
            f"RETURNING {pk}, {site}, {date}, {category}, {count}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for row_id, site_id, day, category_id, value in cursor.fetchall():
                found[(site_id, _date(day), category_id)] = (row_id, value)
    return found


def lock_daily_counts(keys: Iterable[Key]) -> dict[Key, int]:
    """Make the daily count rows exist, lock them in key order and return their counts."""
    return {key: value for key, (_id, value) in _lock_rows(DailyCount, "date", keys).items()}


def _add(model, date_field: str, changes: Mapping[Key, int]) -> None:
    """Add the changes to the count rows, in key order.

    Additions only: one upsert. With a subtraction the rows are locked (and made to exist)
    first and changed by id, because the database checks "not below zero" on the row an
    upsert would insert before it finds the existing one.
    """
    items = sorted((key, delta) for key, delta in changes.items() if delta)
    if not items:
        return
    table = _table(model)
    pk = _columns(model, ["id"])[0]
    site, date, category, count = _columns(model, ["site", date_field, "category", "count"])
    if any(delta < 0 for _key, delta in items):
        rows = _lock_rows(model, date_field, [key for key, _delta in items])
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            ids = [rows[key][0] for key, _delta in chunk]
            cases = " ".join(["WHEN %s THEN %s"] * len(chunk))
            params: list = []
            for row_id, (_key, delta) in zip(ids, chunk, strict=True):
                params += [row_id, delta]
            sql = (
                f"UPDATE {table} SET {count} = {count} + CASE {pk} {cases} END "  # noqa: S608 - names from model meta
                f"WHERE {pk} IN ({', '.join(['%s'] * len(ids))})"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, params + ids)
        return
    prepare_date = model._meta.get_field(date_field).get_db_prep_save
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        params = []
        for (site_id, day, category_id), delta in chunk:
            params += [site_id, prepare_date(day, connection), category_id, delta]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
        sql = (
            f"INSERT INTO {table} ({site}, {date}, {category}, {count}) VALUES {values} "  # noqa: S608 - names from model meta
            f"ON CONFLICT ({site}, {date}, {category}) "
            f"DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def add_to_counts(changes: Mapping[Key, int]) -> None:
    """Add changes of daily counts to the daily and the monthly counts.

    Call it once per transaction, after every other lock on daily rows: it writes the daily
    rows, then the monthly rows, each in key order. A change that would take a count below
    zero violates the database's check and rolls the transaction back.
    """
    _add(DailyCount, "date", changes)
    _add(MonthlyCount, "month", by_month(changes))


def add_to_monthly_counts(changes: Mapping[Key, int]) -> None:
    """Add daily counts written without `add_to_counts` (the data loaders) to their months."""
    _add(MonthlyCount, "month", by_month(changes))


def mismatched_months() -> list[tuple[Key, int, int]]:
    """(site id, month, category id), monthly count, sum of its daily counts: wherever the two
    differ. Empty when the monthly counts are right; for tests and checks."""
    daily = by_month(
        {
            (site_id, day, category_id): count
            for site_id, day, category_id, count in DailyCount.objects.values_list(
                "site_id", "date", "category_id", "count"
            ).iterator()
        }
    )
    monthly = {
        (site_id, month, category_id): count
        for site_id, month, category_id, count in MonthlyCount.objects.values_list(
            "site_id", "month", "category_id", "count"
        )
    }
    return [
        (key, monthly.get(key, 0), daily.get(key, 0))
        for key in sorted(set(daily) | set(monthly))
        if monthly.get(key, 0) != daily.get(key, 0)
    ]


def by_month(changes: Mapping[Key, int]) -> dict[Key, int]:
    """Daily changes summed per site, month (its first day) and category."""
    months: dict[Key, int] = defaultdict(int)
    for (site_id, day, category_id), delta in changes.items():
        months[(site_id, day.replace(day=1), category_id)] += delta
    return months


EVENT_FIELDS = [
    "id",
    "site",
    "date",
    "category",
    "delta",
    "kind",
    "entered_by",
    "created_at",
    "device",
]


@lru_cache(maxsize=128)
def _new_taps_sql(count: int) -> str:
    """add_new_taps's statement for `count` events (the text is the same for every batch of
    that size, so the database prepares it once per connection)."""
    columns = ", ".join(_columns(TallyEvent, EVENT_FIELDS))
    row = "(" + ", ".join(["%s"] * len(EVENT_FIELDS)) + ")"
    event_id, site, date, category, delta = _columns(
        TallyEvent, ["id", "site", "date", "category", "delta"]
    )
    d_site, d_date, d_category, d_count = _columns(
        DailyCount, ["site", "date", "category", "count"]
    )
    m_site, m_month, m_category, m_count = _columns(
        MonthlyCount, ["site", "month", "category", "count"]
    )
    daily, monthly = _table(DailyCount), _table(MonthlyCount)
    return (
        f"WITH new_events AS ("  # noqa: S608 - names from model meta
        f"INSERT INTO {_table(TallyEvent)} ({columns}) VALUES {', '.join([row] * count)} "
        f"ON CONFLICT ({event_id}) DO NOTHING "
        f"RETURNING {event_id}, {site}, {date}, {category}, {delta}), "
        f"daily AS (INSERT INTO {daily} ({d_site}, {d_date}, {d_category}, {d_count}) "
        f"SELECT {site}, {date}, {category}, SUM({delta}) FROM new_events "
        "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 "
        f"ON CONFLICT ({d_site}, {d_date}, {d_category}) "
        f"DO UPDATE SET {d_count} = {daily}.{d_count} + excluded.{d_count} RETURNING 1), "
        f"monthly AS (INSERT INTO {monthly} ({m_site}, {m_month}, {m_category}, {m_count}) "
        f"SELECT {site}, date_trunc('month', {date})::date, {category}, SUM({delta}) "
        "FROM new_events WHERE (SELECT count(*) FROM daily) > 0 "
        "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 "
        f"ON CONFLICT ({m_site}, {m_month}, {m_category}) "
        f"DO UPDATE SET {m_count} = {monthly}.{m_count} + excluded.{m_count}) "
        f"SELECT {event_id} FROM new_events"
    )


def _event_fields() -> list[Field]:
    """The concrete fields an inserted event row is made of, in EVENT_FIELDS' order."""
    fields = [TallyEvent._meta.get_field(name) for name in EVENT_FIELDS]
    if not all(isinstance(field, Field) for field in fields):
        raise TypeError("EVENT_FIELDS must name concrete fields")
    return [field for field in fields if isinstance(field, Field)]


def add_new_taps(events: list[TallyEvent]) -> set[uuid.UUID]:
    """Insert the events whose id is not taken and add them to their daily and monthly counts,
    atomically; return the ids inserted. Additions only (every delta positive); the caller
    passes the events in id order, unique.

    On PostgreSQL this is one statement, so the sync API's usual request (one tap) needs no
    transaction of its own and makes one round trip. Its locks follow the global order of
    every writer: the events' ids, then the daily rows, then the monthly rows, each in order;
    `(SELECT count(*) FROM daily)` makes the monthly rows wait until every daily row is done.
    """
    if not events:
        return set()
    if connection.vendor != "postgresql":
        with transaction.atomic():
            inserted = insert_new_events(events)
            changes: dict[Key, int] = defaultdict(int)
            for event in events:
                if event.id in inserted:
                    changes[(event.site_id, event.date, event.category_id)] += event.delta
            add_to_counts(changes)
        return inserted
    if len(events) > CHUNK:
        with transaction.atomic():
            return set().union(
                *(add_new_taps(events[i : i + CHUNK]) for i in range(0, len(events), CHUNK))
            )
    fields = _event_fields()
    params = [
        field.get_db_prep_save(getattr(event, field.attname), connection)
        for event in events
        for field in fields
    ]
    sql = _new_taps_sql(len(events))
    # On its own the statement is atomic; inside a caller's transaction a savepoint keeps a
    # failed attempt (a deadlock the database broke) from spoiling that transaction.
    savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with savepoint, prepared_cursor() as cursor:
        cursor.execute(sql, params)
        return {uuid.UUID(str(value)) for (value,) in cursor.fetchall()}


def insert_new_events(events: list[TallyEvent]) -> set[uuid.UUID]:
    """Insert the events whose id is not taken; return the ids inserted.

    An id taken by another transaction that has not finished yet waits for it: taken if it
    commits, ours if it rolls back. Ids must be unique within `events`, in id order.
    """
    inserted: set[uuid.UUID] = set()
    fields = _event_fields()
    columns = ", ".join(_columns(TallyEvent, EVENT_FIELDS))
    table = _table(TallyEvent)
    id_column = _columns(TallyEvent, ["id"])[0]
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    for start in range(0, len(events), CHUNK):
        chunk = events[start : start + CHUNK]
        params = [
            field.get_db_prep_save(getattr(event, field.attname), connection)
            for event in chunk
            for field in fields
        ]
        sql = (
            f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(chunk))} "  # noqa: S608 - names from model meta
            f"ON CONFLICT ({id_column}) DO NOTHING RETURNING {id_column}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            inserted.update(uuid.UUID(str(value)) for (value,) in cursor.fetchall())
    return inserted
