"""The sites the seed documents name (action plan of 25 May 2021, seeds 000/001).

The seeds give the places and dates but no addresses for the bus stops and no hours at all:
those are plausible proposals, flagged `to_be_confirmed` so coordinators see a badge until
they confirm them. Idempotent: a row is created only if its stable key (the slug; for hours
the site, weekday and valid-from date) is missing, and nothing existing is ever changed.

Slugs (stable; other apps and the tally tablets may use them):
    pavillon-korsoer      the temporary pavilion in central Korsør (2nd half of 2021)
    bussen                the bus (the mobile varmestue), a `Bus`
    bus-korsoer-syd, bus-halsskov, bus-lilleoe     its three stops
    korsoer               the permanent varmestue in Korsør (from 1 January 2022)
    skaelskoer            Skælskør, taken over from Kirkens Korshær (from 1 July 2022)

Operators: Rusmiddelcenter Slagelse (the municipality's) and Kirkens Korshær (a charity),
with the dated history of who runs which site (`SiteOperation`).
"""

import datetime

from sites.models import Bus, Operator, Service, Site, SiteOperation, WeeklyHours
from sites.rules import validate

RUSMIDDELCENTER = "Rusmiddelcenter Slagelse"
KIRKENS_KORSHAER = "Kirkens Korshær"
TEMPORARY_START = datetime.date(2021, 7, 1)  # Rusmiddelcenter took over Korsør on 1 July 2021
TEMPORARY_END = datetime.date(2021, 12, 31)
PERMANENT_START = datetime.date(2022, 1, 1)  # "senest d. 1. januar 2022"
SKAELSKOER_START = datetime.date(2022, 7, 1)  # the Korshær agreement ends "medio 2022"

# slug -> fields. Contacts are left for the coordinators: the seeds give none.
OPERATORS: dict[str, dict] = {
    "rusmiddelcenter-slagelse": {"name": RUSMIDDELCENTER, "kind": Operator.Kind.MUNICIPALITY},
    "kirkens-korshaer": {"name": KIRKENS_KORSHAER, "kind": Operator.Kind.CHARITY},
}

# Who ran each site when: (site slug, operator slug, from, until, to be confirmed).
# Skælskør is Kirkens Korshær's until the takeover "medio 2022" (seed 000/001): the date is
# the plan's, not an agreement, so both periods are marked to be confirmed. No takeover date
# is stated (issue 18): 1 July 2021 in Korsør is implied by "overtages fra d. 1. juli 2021"
# said of Skælskør, and the permanent site's "senest d. 1. januar 2022" is a latest date.
OPERATIONS: list[tuple[str, str, datetime.date | None, datetime.date | None, bool]] = [
    ("pavillon-korsoer", "rusmiddelcenter-slagelse", TEMPORARY_START, None, True),
    ("bus-korsoer-syd", "rusmiddelcenter-slagelse", TEMPORARY_START, None, True),
    ("bus-halsskov", "rusmiddelcenter-slagelse", TEMPORARY_START, None, True),
    ("bus-lilleoe", "rusmiddelcenter-slagelse", TEMPORARY_START, None, True),
    ("korsoer", "rusmiddelcenter-slagelse", PERMANENT_START, None, True),
    (
        "skaelskoer",
        "kirkens-korshaer",
        None,
        SKAELSKOER_START - datetime.timedelta(days=1),
        True,
    ),
    ("skaelskoer", "rusmiddelcenter-slagelse", SKAELSKOER_START, None, True),
]

BUS = {
    "slug": "bussen",
    "name": "Bussen – den mobile varmestue",
    "description": (
        "En særligt indrettet bus med bord og stole og en lille café foran. Her kan du få "
        "mad, medicin, tandbørster og -pasta, shampoo og andre fornødenheder, en kop kaffe "
        "og hjælp her og nu."
    ),
}

PAVILION_SERVICES = [
    Service.SHELTER,
    Service.FOOD,
    Service.COFFEE,
    Service.COUNSELLING,
    Service.MEDICINE,
    Service.HEALTH_CLINIC,
]
BUS_SERVICES = [
    Service.FOOD,
    Service.MEDICINE,
    Service.NECESSITIES,
    Service.COFFEE,
    Service.COUNSELLING,
]
PERMANENT_SERVICES = [
    Service.BREAKFAST,
    Service.HOT_MEAL,
    Service.COFFEE,
    Service.SHELTER,
    Service.SHOWER,
    Service.LAUNDRY,
    Service.COUNSELLING,
    Service.CASEWORKER,
    Service.HEALTH_CLINIC,
]

# slug -> fields. `to_be_confirmed`: the seeds do not give the place or address.
SITES: dict[str, dict] = {
    "pavillon-korsoer": {
        "name": "Pavillonen i Korsør",
        "kind": Site.Kind.PAVILION,
        "town": "Korsør",
        "address": "Torvet, 4220 Korsør",
        "in_use_from": TEMPORARY_START,
        "in_use_until": TEMPORARY_END,
        "services": PAVILION_SERVICES,
        "description": (
            # The seeds' wording: Korsør Syd, Halsskov and Lilleø are areas it serves.
            "Midlertidig varmestue i en pavillon på et centralt sted i Korsør, så den er "
            "tilgængelig for såvel de udsatte borgere i Korsør Syd som på Halsskov og på "
            "Lilleø: ly, mad, kaffe, samvær, rådgivning, udlevering af medicin og "
            "sundhedsklinik."
        ),
        "to_be_confirmed": True,
    },
    "bus-korsoer-syd": {
        "name": "Bussen i Korsør Syd",
        "kind": Site.Kind.BUS_STOP,
        "town": "Korsør",
        "address": "Motalavej, 4220 Korsør",
        "in_use_from": TEMPORARY_START,
        "services": BUS_SERVICES,
        "to_be_confirmed": True,
    },
    "bus-halsskov": {
        "name": "Bussen på Halsskov",
        "kind": Site.Kind.BUS_STOP,
        "town": "Korsør",
        "address": "Halsskovvej, 4220 Korsør",
        "in_use_from": TEMPORARY_START,
        "services": BUS_SERVICES,
        "to_be_confirmed": True,
    },
    "bus-lilleoe": {
        "name": "Bussen på Lilleø",
        "kind": Site.Kind.BUS_STOP,
        "town": "Korsør",
        "address": "Lilleø, 4220 Korsør",
        "in_use_from": TEMPORARY_START,
        "services": BUS_SERVICES,
        "to_be_confirmed": True,
    },
    "korsoer": {
        "name": "Varmestuen i Korsør",
        "kind": Site.Kind.PERMANENT,
        "town": "Korsør",
        "address": "",
        "in_use_from": PERMANENT_START,
        "services": PERMANENT_SERVICES,
        "description": (
            "Den faste varmestue i Korsør: morgenmad og et varmt frokostmåltid, bad og vask, "
            "hvile, samvær, sundhedssamtaler, rådgivning og fremskudt rådgivning fra kommunen. "
            "Anonymt og uden visitation."
        ),
        "to_be_confirmed": True,
    },
    "skaelskoer": {
        "name": "Varmestuen i Skælskør",
        "kind": Site.Kind.PERMANENT,
        "town": "Skælskør",
        "address": "",
        "in_use_from": SKAELSKOER_START,
        "services": PERMANENT_SERVICES,
        "description": (
            "Varmestuen i Skælskør, overtaget fra Kirkens Korshær i 2022. Anonymt og uden "
            "visitation."
        ),
        "to_be_confirmed": True,
    },
}

BUS_STOPS = ("bus-korsoer-syd", "bus-halsskov", "bus-lilleoe")


def _t(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


# Proposed weekly hours: (slug, weekday 0=Monday, opens, closes). Five opening days a week for
# the fixed sites (seed 000/001); the bus in the evenings and at weekends, so that when one
# place is closed another is open (seed 004). None of them is in the seeds: all "to be
# confirmed". Valid from the site's first day.
HOURS: list[tuple[str, int, str, str]] = [
    *[("pavillon-korsoer", day, "09:00", "15:00") for day in range(5)],
    ("bus-korsoer-syd", 0, "17:00", "19:00"),
    ("bus-korsoer-syd", 3, "17:00", "19:00"),
    ("bus-halsskov", 1, "17:00", "19:00"),
    ("bus-halsskov", 5, "11:00", "13:00"),
    ("bus-lilleoe", 2, "17:00", "19:00"),
    ("bus-lilleoe", 6, "11:00", "13:00"),
    *[("korsoer", day, "08:30", "15:00") for day in range(5)],
    *[("skaelskoer", day, "10:00", "15:00") for day in (1, 2, 3, 4, 5)],
]


def load(*, stdout, style) -> None:
    bus, created = Bus.objects.get_or_create(
        slug=BUS["slug"], defaults={"name": BUS["name"], "description": BUS["description"]}
    )
    made = int(created)
    sites, new_sites = {}, set()
    operators = {}
    for slug, fields in OPERATORS.items():
        # Matched by name too: the data migration made operators from the old free text.
        operators[slug] = Operator.objects.filter(name=fields["name"]).first()
        if operators[slug] is None:
            operators[slug], created = Operator.objects.get_or_create(slug=slug, defaults=fields)
            made += created
    for slug, fields in SITES.items():
        defaults = {**fields}
        defaults["services"] = [str(s) for s in fields.get("services", [])]
        if slug in BUS_STOPS:
            defaults["bus"] = bus
        sites[slug], created = Site.objects.get_or_create(slug=slug, defaults=defaults)
        if created:
            new_sites.add(slug)
        made += created
    for slug, operator, starts_on, ends_on, unsure in OPERATIONS:
        # Only for a site created now, like its hours: a history a coordinator edited stays.
        if slug not in new_sites:
            continue
        SiteOperation.objects.create(
            site=sites[slug],
            operator=operators[operator],
            starts_on=starts_on,
            ends_on=ends_on,
            to_be_confirmed=unsure,
        )
        made += 1
    for slug, weekday, opens, closes in HOURS:
        # Hours are proposed only with a site created now: hours a coordinator changed or
        # deleted on an existing site are never brought back.
        if slug not in new_sites:
            continue
        site = sites[slug]
        valid_from = site.in_use_from or PERMANENT_START
        hours = WeeklyHours(
            site=site,
            weekday=weekday,
            opens=_t(opens),
            closes=_t(closes),
            overnight=_t(closes) <= _t(opens),
            valid_from=valid_from,
            to_be_confirmed=True,
        )
        validate(hours)
        hours.save()
        made += 1
    stdout.write(f"  sites: {made} rows created (operators, sites, bus, operations, hours)")
