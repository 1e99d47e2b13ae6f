"""Reference categories, demo tallies, the dashboard panel and the navigation."""

import io
import random

import pytest
from django.urls import reverse

from tests.sites.factories import SiteFactory
from visits import demo, reference
from visits.models import DailyCount, TallyCategory, TallyEvent

pytestmark = pytest.mark.django_db


def test_reference_data_loads_the_standard_categories_once_and_keeps_edits():
    reference.load(stdout=io.StringIO(), style=None)
    codes = set(TallyCategory.objects.values_list("code", flat=True))
    assert {"visits", "visits-women", "breakfast", "shower", "naloxone", "ambulance"} <= codes
    assert len(codes) == 21
    assert all(c.name_da and c.name_en for c in TallyCategory.objects.all())
    edited = TallyCategory.objects.get(code="breakfast")
    edited.name_da = "Morgenbord"
    edited.save()
    reference.load(stdout=io.StringIO(), style=None)
    assert TallyCategory.objects.count() == 21
    assert TallyCategory.objects.get(code="breakfast").name_da == "Morgenbord"


def test_demo_tallies_are_plausible_consistent_and_idempotent(monkeypatch):
    reference.load(stdout=io.StringIO(), style=None)
    site = SiteFactory(slug="demo-site", kind="pavilion")
    monkeypatch.setattr(demo, "DEMO_DAYS", 30)
    monkeypatch.setattr(
        demo,
        "opening_days",
        lambda s, start, end: (
            [start, start.replace(day=start.day)]
            if False
            else [d for d in _days(start, end) if d.weekday() < 5]
        ),
    )
    demo.load(stdout=io.StringIO(), style=None, rng=random.Random(1))
    counts = DailyCount.objects.filter(site=site)
    assert counts.exists()
    assert {c.date.weekday() for c in counts} <= {0, 1, 2, 3, 4}
    for count in counts:
        events = TallyEvent.objects.filter(site=site, date=count.date, category=count.category)
        assert sum(e.delta for e in events) == count.count
    before = (DailyCount.objects.count(), TallyEvent.objects.count())
    demo.load(stdout=io.StringIO(), style=None, rng=random.Random(2))
    assert (DailyCount.objects.count(), TallyEvent.objects.count()) == before


def _days(start, end):
    import datetime

    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def test_the_dashboard_shows_todays_visits(staff_client, site, visits):
    from tests.visits.factories import DailyCountFactory

    DailyCountFactory(site=site, category=visits, count=17)
    html = staff_client.get(reverse("core:dashboard")).content.decode()
    assert "Besøg i dag" in html
    assert ">17</td>" in html
    assert "Åbn tællingen" in html


def test_managers_get_no_day_counts_on_the_dashboard(manager_client, site, visits):
    """Today's exact counts are operational (issue 16): managers see the reports panel."""
    from tests.visits.factories import DailyCountFactory

    DailyCountFactory(site=site, category=visits, count=17)
    html = manager_client.get(reverse("core:dashboard")).content.decode()
    assert "Besøg i dag" not in html and ">17<" not in html
    assert "Åbn tællingen" not in html


def test_volunteers_get_no_visits_panel_or_menu(volunteer_client):
    html = volunteer_client.get(reverse("core:dashboard")).content.decode()
    assert "Besøg i dag" not in html
    assert "Tælling" not in html
    assert "Besøgstal" not in html


def test_the_menu_names_tally_and_figures_by_capability(staff_client, manager_client):
    staff_html = staff_client.get(reverse("core:dashboard")).content.decode()
    assert ">Tælling<" in staff_html and ">Besøgstal<" in staff_html
    manager_html = manager_client.get(reverse("core:dashboard")).content.decode()
    assert ">Tælling<" not in manager_html and ">Besøgstal<" not in manager_html
