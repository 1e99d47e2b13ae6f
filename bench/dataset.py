"""A municipality-scale synthetic dataset for the benchmark, clearly fictitious.

    python -m bench.dataset --scale full|small [--force]

Full scale: 20 sites, 5 years of daily counts in every tally category, 500 volunteers,
50,000 shifts, 200 partner organisations, 100 plan tasks. It goes into the bench database
(BENCH_DATABASE_URL, see bench/__init__.py), never the development or test one: the database
is emptied first. On PostgreSQL the two big tables are written with COPY, elsewhere with
executemany; everything else with bulk_create.

Tally events are aggregated: one TallyEvent per site, day and category whose change is the
whole day's count (a tap when it is at most 100, else a correction), instead of one per tap
(which would be about 15 million rows). Pages and reports read the daily and monthly counts;
the events table is there at a realistic size for the sync API's inserts and its unique index.
"""

import argparse
import datetime
import random
import sys
import time
import uuid
from dataclasses import asdict, dataclass

CATEGORY_MEANS = {  # mean per day relative to visits (visits itself: per site)
    "visits-women": 0.3,
    "visits-men": 0.65,
    "first-time": 0.05,
    "breakfast": 0.6,
    "hot-lunch": 0.7,
    "coffee": 0.9,
    "shower": 0.15,
    "laundry": 0.1,
    "toiletries": 0.2,
    "clinic": 0.08,
    "medicine": 0.1,
    "counselling": 0.1,
    "caseworker-advice": 0.05,
    "companion": 0.02,
    "needle-kits": 0.12,
    "smoking-kits": 0.1,
    "naloxone": 0.01,
    "ambulance": 0.005,
    "conflicts": 0.02,
}
BATCH = 10_000
MARKER = "bench-dataset"


@dataclass(frozen=True)
class Scale:
    sites: int
    years: int
    volunteers: int
    shifts: int
    organisations: int
    tasks: int


SCALES = {
    "full": Scale(sites=20, years=5, volunteers=500, shifts=50_000, organisations=200, tasks=100),
    "small": Scale(sites=3, years=1, volunteers=30, shifts=600, organisations=20, tasks=30),
}
# The five years end on the last day of the last full year, so "5 years" is 2021-2025.
LAST_DAY = datetime.date(2025, 12, 31)
USERS = {
    "bench-staff": "Personale",
    "bench-coordinator": "Koordinatorer",
    "bench-manager": "Ledere",
}


def first_day(scale: Scale) -> datetime.date:
    return datetime.date(LAST_DAY.year - scale.years + 1, 1, 1)


def days(start: datetime.date, end: datetime.date):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def insert_rows(model, fields: list[str], rows) -> int:
    """Insert plain tuples fast: COPY on PostgreSQL, executemany elsewhere."""
    from django.db import connection

    meta = model._meta
    columns = [meta.get_field(name).column for name in fields]
    table = meta.db_table
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    total = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    total += 1
            return total
        prepared = [meta.get_field(name) for name in fields]
        needs_prep = [
            i
            for i, field in enumerate(prepared)
            if field.get_internal_type() in {"UUIDField", "DateTimeField"}
        ]
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})"  # noqa: S608 - names from model meta
        batch = []
        for row in rows:
            if needs_prep:
                row = list(row)
                for i in needs_prep:
                    row[i] = prepared[i].get_db_prep_save(row[i], connection)
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                total += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            total += len(batch)
    return total


class Generator:
    """Adds data up to the scale's numbers; counts and shifts for the days start..end.

    Running it again with other days (and a larger scale) tops the data up: the query-count
    tests grow a small dataset this way.
    """

    def __init__(
        self,
        scale: Scale,
        *,
        start: datetime.date | None = None,
        end: datetime.date | None = None,
        seed: int = 2026,
        out=sys.stdout,
    ):
        self.scale = scale
        self.rng = random.Random(seed)
        self.out = out
        self.start = start or first_day(scale)
        self.end = end or LAST_DAY
        self.summary: dict[str, int] = {}

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def run(self) -> dict:
        steps = [self.users, self.sites, self.counts, self.volunteers, self.partners, self.plan]
        for step in steps:
            began = time.perf_counter()
            step()
            self.say(f"  {step.__name__:<12} {time.perf_counter() - began:6.1f} s")
        return self.summary

    # --- users and sites -------------------------------------------------------------
    def users(self) -> None:
        from django.contrib.auth.models import Group, User

        # No usable password: the sync benchmark sets a fresh random one when it logs in.
        for username, group in USERS.items():
            user, created = User.objects.get_or_create(
                username=username, defaults={"password": "!"}
            )
            if created:
                user.groups.add(Group.objects.get(name=group))
        self.summary["users"] = len(USERS)

    def sites(self) -> None:
        from sites.models import Site, WeeklyHours

        existing = Site.objects.count()
        towns = ["Korsør", "Skælskør", "Slagelse"]
        new = [
            Site(
                name=f"Bench site {n:02d}",
                slug=f"bench-{n:02d}",
                kind=Site.Kind.PERMANENT,
                town=towns[n % len(towns)],
                in_use_from=self.start,
                address=f"Testvej {n}, 4220 Korsør",
            )
            for n in range(existing + 1, self.scale.sites + 1)
        ]
        Site.objects.bulk_create(new)
        # Every site counts every day of the dataset.
        Site.objects.filter(in_use_from__gt=self.start).update(in_use_from=self.start)
        Site.objects.exclude(in_use_until=None).update(in_use_until=None)
        hours = []
        for site in Site.objects.filter(slug__startswith="bench-", weekly_hours__isnull=True):
            for weekday in range(7):
                hours.append(
                    WeeklyHours(
                        site=site,
                        weekday=weekday,
                        opens=datetime.time(10),
                        closes=datetime.time(16),
                        valid_from=self.start,
                    )
                )
        WeeklyHours.objects.bulk_create(hours)
        self.summary["sites"] = Site.objects.count()

    # --- tallies ---------------------------------------------------------------------
    def counts(self) -> None:
        from django.apps import apps
        from django.utils import timezone

        from sites.models import Site

        DailyCount, TallyCategory, TallyEvent = (
            apps.get_model("visits", name) for name in ("DailyCount", "TallyCategory", "TallyEvent")
        )

        categories = {c.code: c.pk for c in TallyCategory.objects.all()}
        site_ids = list(Site.objects.values_list("pk", flat=True))
        sizes = {pk: self.rng.uniform(10, 45) for pk in site_ids}
        rng = self.rng
        random_ = rng.random
        counts: list[tuple] = []
        events: list[tuple] = []
        tz = timezone.get_default_timezone()
        for day in days(self.start, self.end):
            created = datetime.datetime.combine(day, datetime.time(21), tzinfo=tz)
            season = 1.3 if day.month in (11, 12, 1, 2, 3) else 0.8
            for site_id in site_ids:
                visits = max(1, int(rng.gauss(sizes[site_id] * season, 5)))
                day_counts = {"visits": visits}
                women = int(visits * rng.uniform(0.2, 0.4))
                other = int(visits * rng.uniform(0, 0.05))
                day_counts["visits-women"] = women
                day_counts["visits-other"] = other
                day_counts["visits-men"] = visits - women - other
                for code, share in CATEGORY_MEANS.items():
                    if code not in day_counts:
                        mean = visits * share
                        day_counts[code] = int(mean * (0.6 + 0.8 * random_()) + 0.5)
                for code, category_id in categories.items():
                    count = day_counts.get(code, 0)
                    counts.append((site_id, day, category_id, count))
                    if count:
                        kind = "tap" if count <= 100 else "correction"
                        event_id = uuid.UUID(int=rng.getrandbits(128), version=4)
                        events.append(
                            (event_id, site_id, day, category_id, count, kind, created, "bench")
                        )
        self.summary["daily_counts"] = insert_rows(
            DailyCount, ["site", "date", "category", "count"], counts
        )
        from visits.counting import add_to_monthly_counts

        add_to_monthly_counts({(site_id, day, cat): n for site_id, day, cat, n in counts})
        self.summary["tally_events"] = insert_rows(
            TallyEvent,
            ["id", "site", "date", "category", "delta", "kind", "created_at", "device"],
            events,
        )

    # --- volunteers and shifts -------------------------------------------------------
    def volunteers(self) -> None:
        from django.apps import apps
        from django.utils import timezone

        from sites.models import Site

        Shift, ShiftAssignment, ShiftNeed, Volunteer, VolunteerRole = (
            apps.get_model("volunteers", name)
            for name in ("Shift", "ShiftAssignment", "ShiftNeed", "Volunteer", "VolunteerRole")
        )

        rng = self.rng
        roles = list(VolunteerRole.objects.all())
        if not roles:
            roles = VolunteerRole.objects.bulk_create(
                [VolunteerRole(code=f"bench-role-{n}", name=f"Bench role {n}") for n in range(3)]
            )
        existing = Volunteer.objects.count()
        volunteers = Volunteer.objects.bulk_create(
            [
                Volunteer(
                    first_name=f"Frivillig{n:03d}",
                    last_name="Benchsen",
                    email=f"frivillig{n:03d}@example.invalid",
                    status=Volunteer.Status.ACTIVE,
                    interested_on=self.start,
                    started_on=self.start,
                    is_key_holder=n % 5 == 0,
                )
                for n in range(existing, self.scale.volunteers)
            ],
            batch_size=BATCH,
        )
        through = Volunteer.roles.through
        through.objects.bulk_create(
            [through(volunteer_id=v.pk, volunteerrole_id=rng.choice(roles).pk) for v in volunteers],
            batch_size=BATCH,
        )
        site_ids = list(Site.objects.values_list("pk", flat=True))
        tz = timezone.get_default_timezone()
        all_days = list(days(self.start, self.end))
        per_day = max(0, self.scale.shifts - Shift.objects.count()) / len(all_days)
        shifts: list[Shift] = []
        carry = 0.0
        for day in all_days:
            carry += per_day
            n = int(carry)
            carry -= n
            for k in range(n):
                hour = 8 + (k % 3) * 5
                starts = datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)
                shifts.append(
                    Shift(
                        site_id=site_ids[(k + day.toordinal()) % len(site_ids)],
                        starts=starts,
                        ends=starts + datetime.timedelta(hours=4),
                        key_holder_required=k % 3 == 0,
                    )
                )
        shifts = Shift.objects.bulk_create(shifts, batch_size=BATCH)
        role_ids = [role.pk for role in roles]
        insert_rows(
            ShiftNeed,
            ["shift", "role", "count"],
            ((s.pk, rng.choice(role_ids), 2) for s in shifts),
        )
        people = list(Volunteer.objects.values_list("pk", flat=True))
        now = timezone.now()
        assigned = insert_rows(
            ShiftAssignment,
            ["shift", "volunteer", "role", "created_at"],
            (
                (shift.pk, volunteer_id, role_ids[0], now)
                for shift in shifts
                for volunteer_id in rng.sample(people, 2)
            ),
        )
        self.summary.update(
            volunteers=len(people), shifts=Shift.objects.count(), assignments=assigned
        )

    # --- partners and the plan -------------------------------------------------------
    def partners(self) -> None:
        from partners.models import Agreement, Contact, Organisation, OutreachSession, Service
        from sites.models import Site

        rng = self.rng
        existing = Organisation.objects.count()
        kinds = Organisation.Kind.values
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Bench organisation {n:03d}", kind=kinds[n % len(kinds)])
                for n in range(existing, self.scale.organisations)
            ]
        )
        services = list(Service.objects.all()) or [
            Service.objects.create(key="bench-service", name_da="Bench-tilbud")
        ]
        through = Organisation.services.through
        through.objects.bulk_create(
            [
                through(organisation_id=o.pk, service_id=rng.choice(services).pk)
                for o in organisations
            ],
            ignore_conflicts=True,
        )
        Contact.objects.bulk_create(
            [Contact(organisation=o, name=f"Kontakt {o.pk}") for o in organisations]
        )
        Agreement.objects.bulk_create(
            [
                Agreement(
                    organisation=o,
                    title=f"Aftale {o.pk}",
                    status=Agreement.Status.ACTIVE,
                    starts_on=self.start,
                )
                for o in organisations
            ]
        )
        site_ids = list(Site.objects.values_list("pk", flat=True))
        OutreachSession.objects.bulk_create(
            [
                OutreachSession(
                    organisation=o,
                    service=rng.choice(services),
                    site_id=rng.choice(site_ids),
                    weekday=o.pk % 7,
                    start_time=datetime.time(11),
                    end_time=datetime.time(13),
                )
                for o in organisations[:60]
            ]
        )
        self.summary["organisations"] = Organisation.objects.count()

    def plan(self) -> None:
        from partners.models import Organisation
        from planning.models import Plan, Task, Workstream
        from planning.quarters import Quarter

        rng = self.rng
        plan = Plan.objects.first()
        if plan is None:
            quarters = [f"{y}-Q{q}" for y in range(2021, 2026) for q in range(1, 5)]
            plan = Plan.objects.create(name="Bench plan", quarters=quarters)
        columns = plan.columns
        workstreams = list(plan.workstreams.all()) or [
            Workstream.objects.create(plan=plan, name=f"Bench workstream {n}", order=n)
            for n in range(5)
        ]
        organisations = list(Organisation.objects.all()[:50])
        tasks = []
        for n in range(Task.objects.count(), self.scale.tasks):
            first = rng.randrange(len(columns))
            last = min(len(columns) - 1, first + rng.randrange(4))
            tasks.append(
                Task(
                    workstream=rng.choice(workstreams),
                    title=f"Bench task {n:03d}",
                    order=100 + n,
                    start_quarter=Quarter.parse(columns[first]),
                    end_quarter=Quarter.parse(columns[last]),
                    responsible_organisation=rng.choice(organisations) if organisations else None,
                )
            )
        Task.objects.bulk_create(tasks)
        self.summary["tasks"] = Task.objects.count()


def generate(scale_name: str, *, force: bool = False, out=sys.stdout) -> dict:
    """Fill the current database (already set up) with the dataset; returns counts and time."""
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, transaction

    scale = SCALES[scale_name]
    wanted = {"scale": scale_name, **asdict(scale)}
    current = cache_marker()
    if current == wanted and not force:
        print(f"The bench database already holds the {scale_name} dataset.", file=out)
        return current
    began = time.perf_counter()
    print(f"Generating the {scale_name} dataset on {connection.vendor} …", file=out, flush=True)
    _write_marker(None)
    empty_database()
    call_command("load_reference_data", verbosity=0, stdout=_Null())
    with transaction.atomic():
        summary = Generator(scale, out=out).run()
        _write_marker(wanted)
    if connection.vendor == "postgresql":
        # As a routinely vacuumed production database is: statistics, hint bits and the
        # visibility map made now, so autovacuum does not do it during the measurements.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    cache.clear()
    elapsed = time.perf_counter() - began
    print(f"Dataset ready in {elapsed:.1f} s: {summary}", file=out, flush=True)
    return {**wanted, **summary, "seconds": round(elapsed, 1)}


def empty_database() -> None:
    """Empty the tables of our apps, the users and the sessions; keep the roles and permissions
    that the migrations made (a full `flush` would lose them)."""
    from django.apps import apps
    from django.conf import settings
    from django.core.management.color import no_style
    from django.db import connection

    labels = {*settings.LOCAL_APPS, "auth", "sessions", "axes", "otp_totp", "otp_static"}
    keep = {"auth_group", "auth_permission", "auth_group_permissions"}
    tables = [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in labels
        and model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table not in keep
    ]
    existing = set(connection.introspection.table_names())
    tables = [t for t in tables if t in existing]
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=True
    )
    connection.ops.execute_sql_flush(statements)


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def cache_marker() -> dict | None:
    """Which dataset the bench database holds: a row in a tiny table of the bench's own."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_marker (name varchar(40) PRIMARY KEY, value text)"
        )
        cursor.execute("SELECT value FROM bench_marker WHERE name = %s", [MARKER])
        row = cursor.fetchone()
    if row is None:
        return None
    import json

    return json.loads(row[0])


def _write_marker(value: dict | None) -> None:
    import json

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bench_marker WHERE name = %s", [MARKER])
        if value is not None:
            cursor.execute(
                "INSERT INTO bench_marker (name, value) VALUES (%s, %s)",
                [MARKER, json.dumps(value)],
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--force", action="store_true", help="regenerate even if present")
    parser.add_argument("--database-url", help="default: BENCH_DATABASE_URL or varmestue_bench")
    args = parser.parse_args(argv)
    from bench import setup

    url = setup(args.database_url)
    print(f"Bench database: {url}")
    generate(args.scale, force=args.force)


if __name__ == "__main__":
    main()
