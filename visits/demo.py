"""About 18 months of fictitious daily tallies for the sites, on their opening days.

Idempotent: a site and day that already has counts is left alone. Written with bulk_create
(events and counts together, as the services would), so it takes seconds, not minutes.
"""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from sites.models import Site
from visits import counting
from visits.models import DailyCount, TallyCategory, TallyEvent
from visits.opening import opening_days

DEMO_DAYS = 548  # about 18 months

# code -> share of the day's visitors (or, for incidents, the expected number per day)
SHARES = {
    "visits-women": 0.27,
    "visits-men": 0.68,
    "first-time": 0.05,
    "breakfast": 0.55,
    "hot-lunch": 0.7,
    "coffee": 0.9,
    "shower": 0.15,
    "laundry": 0.1,
    "toiletries": 0.2,
    "clinic": 0.08,
    "medicine": 0.1,
    "counselling": 0.15,
    "caseworker-advice": 0.05,
    "companion": 0.02,
    "needle-kits": 0.1,
    "smoking-kits": 0.08,
    "naloxone": 0.01,
}
PER_DAY = {"ambulance": 0.03, "conflicts": 0.4}
BASE_VISITS = {"pavilion": 24, "permanent": 30, "bus_stop": 11}


def _binomial(rng, n: int, p: float) -> int:
    return sum(1 for _ in range(n) if rng.random() < p)


def _poisson_small(rng, mean: float) -> int:
    count, threshold = 0, rng.random()
    # Counts rare events one at a time; good enough for means well below 1.
    while threshold < mean / (count + 1):
        count += 1
        threshold = rng.random()
    return count


def _day_counts(rng, site: Site, day: datetime.date, codes: set[str]) -> dict[str, int]:
    winter = 1.25 if day.month in (11, 12, 1, 2, 3) else 1.0
    base = BASE_VISITS.get(site.kind, 15) * winter
    visits = max(0, round(rng.gauss(base, base * 0.2)))
    counts = {"visits": visits}
    women = _binomial(rng, visits, SHARES["visits-women"])
    men = _binomial(rng, visits - women, SHARES["visits-men"] / (1 - SHARES["visits-women"]))
    counts.update({"visits-women": women, "visits-men": men, "visits-other": visits - women - men})
    for code, share in SHARES.items():
        if code not in counts:
            counts[code] = _binomial(rng, visits, share)
    for code, mean in PER_DAY.items():
        counts[code] = _poisson_small(rng, mean)
    return {code: n for code, n in counts.items() if n > 0 and code in codes}


def load(*, stdout, style, rng) -> None:
    categories = {c.code: c for c in TallyCategory.objects.filter(active=True)}
    if not categories:
        stdout.write("Tally demo data: no categories (run load_reference_data first).")
        return
    staff = get_user_model().objects.filter(username="personale").first()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=DEMO_DAYS)
    end = today - datetime.timedelta(days=1)
    made = 0
    for site in Site.objects.all():
        used = set(TallyCategory.objects.used_at(site).values_list("code", flat=True)) & set(
            categories
        )
        done = set(
            DailyCount.objects.filter(site=site, date__gte=start, date__lte=end)
            .values_list("date", flat=True)
            .distinct()
        )
        events, counts = [], []
        for day in opening_days(site, start, end):
            if day in done:
                continue
            at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0)))
            for code, n in _day_counts(rng, site, day, used).items():
                category = categories[code]
                counts.append(DailyCount(site=site, date=day, category=category, count=n))
                remaining = n
                while remaining:  # taps are at most 100 each
                    delta = min(remaining, 100)
                    remaining -= delta
                    events.append(
                        TallyEvent(
                            id=uuid.UUID(int=rng.getrandbits(128), version=4),
                            site=site,
                            date=day,
                            category=category,
                            delta=delta,
                            entered_by=staff,
                            created_at=at,
                            device="demo",
                        )
                    )
        TallyEvent.objects.bulk_create(events, batch_size=2000)
        DailyCount.objects.bulk_create(counts, batch_size=2000)
        counting.add_to_monthly_counts(
            {(c.site_id, c.date, c.category_id): c.count for c in counts}
        )
        made += len(counts)
    stdout.write(f"Tally demo data: {made} daily counts added.")
