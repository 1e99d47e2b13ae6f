"""Breakdowns ("Heraf kvinder") and their totals ("Besøg i alt"): a part counted above its
total is pointed out on the tally page and in corrections, not refused (decisions Visits 14)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.core.formwalk import post_edit
from tests.dom import parse
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits import reference
from visits.models import CategoryGroup, DailyCount, TallyCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def women(visits):
    return TallyCategoryFactory(
        code="visits-women",
        name_da="Heraf kvinder",
        name_en="Of which women",
        group=CategoryGroup.VISITORS,
        part_of=visits,
    )


def test_the_reference_data_makes_the_visits_breakdowns_parts_of_the_total():
    reference.load(stdout=io.StringIO(), style=None)
    parts = TallyCategory.objects.filter(part_of__code="visits").values_list("code", flat=True)
    assert set(parts) == {"visits-women", "visits-men", "visits-other", "first-time"}
    assert TallyCategory.objects.get(code="breakfast").part_of is None


def test_the_reference_data_keeps_a_breakdown_a_coordinator_removed():
    reference.load(stdout=io.StringIO(), style=None)
    TallyCategory.objects.filter(code="first-time").update(part_of=None)
    reference.load(stdout=io.StringIO(), style=None)
    assert TallyCategory.objects.get(code="first-time").part_of is None


def _warning(page, code):
    return parse(page.content).one(f"p.vs-tally-over[data-part={code}]")


def test_the_tally_page_points_out_a_part_above_its_total(staff_client, site, visits, women):
    today = timezone.localdate()
    DailyCountFactory(site=site, category=visits, date=today, count=2)
    DailyCountFactory(site=site, category=women, date=today, count=2)
    entry = reverse("visits:entry") + f"?site={site.slug}"
    warning = _warning(staff_client.get(entry), "visits-women")
    assert warning.get("hidden") is not None  # there for tally.js, not shown
    assert warning["data-total"] == "visits"
    DailyCount.objects.filter(category=women).update(count=3)
    warning = _warning(staff_client.get(entry, HTTP_ACCEPT_LANGUAGE="da"), "visits-women")
    assert warning.get("hidden") is None
    assert "Højere end “Besøg i alt”" in warning.text


def test_a_part_without_its_total_at_the_site_is_not_held_against_it(
    staff_client, site, visits, women
):
    visits.not_used_at.add(site)
    DailyCountFactory(site=site, category=women, date=timezone.localdate(), count=3)
    page = parse(staff_client.get(reverse("visits:entry") + f"?site={site.slug}").content)
    assert page.select("p.vs-tally-over") == []


def test_a_correction_above_the_total_is_saved_with_a_warning(staff_client, site, visits, women):
    day = timezone.localdate() - datetime.timedelta(days=100)
    address = f"{reverse('visits:corrections')}?site={site.slug}&date={day.isoformat()}"
    response = staff_client.post(
        address,
        {
            "count_visits": "2",
            "expected_visits": "0",
            "count_visits-women": "9",
            "expected_visits-women": "0",
            "reason": "miscount",
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="da",
    )
    assert DailyCount.objects.get(category=women, date=day).count == 9
    alert = parse(response.content).one("#above-total")
    assert "Heraf kvinder er 9, men Besøg i alt er kun 2." in alert.text
    DailyCount.objects.filter(category=women, date=day).update(count=2)
    assert not parse(staff_client.get(address).content).select("#above-total")


def test_a_category_with_parts_cannot_become_a_part(coordinator_client, visits, women, breakfast):
    edit = reverse("visits:category_edit", args=[visits.pk])
    form = parse(coordinator_client.get(edit).content)
    offered = {o["value"] for o in form.select("select[name=part_of] option")}
    assert offered == {"", str(breakfast.pk)}  # not itself, not a part (women)
    women_form = parse(
        coordinator_client.get(reverse("visits:category_edit", args=[women.pk])).content
    )
    assert {o["value"] for o in women_form.select("select[name=part_of] option")} == {
        "",
        str(visits.pk),
        str(breakfast.pk),
    }


def test_a_total_with_parts_is_refused_as_a_part(coordinator_client, visits, women, breakfast):
    response = post_edit(
        coordinator_client,
        reverse("visits:category_edit", args=[visits.pk]),
        {
            "name_da": visits.name_da,
            "name_en": visits.name_en,
            "group": visits.group,
            "order": "1",
            "active": "on",
            "part_of": str(breakfast.pk),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["part_of"]
    visits.refresh_from_db()
    assert visits.part_of is None
