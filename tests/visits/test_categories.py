"""Coordinators edit the tally categories; the code never changes; staff cannot edit."""

import pytest
from django.urls import reverse

from core.models import AuditEntry
from tests.core.formwalk import post_edit
from tests.sites.factories import SiteFactory
from tests.visits.factories import TallyCategoryFactory
from visits.models import TallyCategory

pytestmark = pytest.mark.django_db


def _data(**overrides) -> dict:
    data = {
        "code": "dog-food",
        "name_da": "Hundefoder udleveret",
        "name_en": "Dog food handed out",
        "group": "hygiene",
        "order": "55",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_a_coordinator_adds_a_category_and_it_is_recorded(coordinator_client):
    response = coordinator_client.post(reverse("visits:category_create"), _data())
    assert response.status_code == 302
    category = TallyCategory.objects.get(code="dog-food")
    assert category.name_en == "Dog food handed out"
    assert AuditEntry.objects.filter(action="create", object_id=str(category.pk)).exists()


def test_it_rejects_a_duplicate_code_and_saves_nothing(coordinator_client):
    TallyCategoryFactory(code="dog-food")
    response = coordinator_client.post(reverse("visits:category_create"), _data())
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert TallyCategory.objects.filter(code="dog-food").count() == 1


def test_editing_keeps_the_code_and_marks_a_site_as_not_counting(coordinator_client):
    category = TallyCategoryFactory(code="shower", name_da="Bad")
    bus_stop = SiteFactory(slug="bus-halsskov")
    response = post_edit(
        coordinator_client,
        reverse("visits:category_edit", args=[category.pk]),
        _data(code="renamed", name_da="Bad (brusebad)", not_used_at=[bus_stop.pk]),
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.code == "shower"
    assert category.name_da == "Bad (brusebad)"
    assert list(category.not_used_at.all()) == [bus_stop]
    assert TallyCategory.objects.used_at(bus_stop).filter(pk=category.pk).exists() is False


def test_making_a_category_inactive_stops_it_being_counted(coordinator_client):
    category = TallyCategoryFactory(code="naloxone")
    post_edit(
        coordinator_client,
        reverse("visits:category_edit", args=[category.pk]),
        _data(code="naloxone", active=""),
    )
    assert not TallyCategory.objects.active().filter(pk=category.pk).exists()


def test_it_rejects_staff_who_may_count_but_not_edit(staff_client):
    category = TallyCategoryFactory(code="coffee")
    response = post_edit(
        staff_client,
        reverse("visits:category_edit", args=[category.pk]),
        _data(code="coffee", name_da="X"),
    )
    assert response.status_code == 403
    category.refresh_from_db()
    assert category.name_da != "X"


def test_the_list_shows_the_categories_to_coordinators(coordinator_client):
    TallyCategoryFactory(code="breakfast", name_da="Morgenmad")
    response = coordinator_client.get(reverse("visits:categories"))
    assert response.status_code == 200
    assert "Morgenmad" in response.content.decode()
