"""Coordinators edit sites, hours, closures and extra openings; bad input saves nothing."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from core.models import AuditEntry
from sites.models import Closure, ExtraOpening, Site, WeeklyHours
from tests.core.formwalk import post_edit
from tests.sites.factories import (
    BusFactory,
    BusStopFactory,
    ClosureFactory,
    SiteFactory,
    WeeklyHoursFactory,
)

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def hours_data(**overrides) -> dict:
    return {
        "weekday": "0",
        "opens": "10:00",
        "closes": "14:00",
        "valid_from": "2026-01-01",
        "valid_until": "",
        "note": "",
    } | overrides


def test_staff_and_managers_read_the_site_pages(staff_client, manager_client):
    site = SiteFactory(name="Readable")
    WeeklyHoursFactory(site=site)
    for client in (staff_client, manager_client):
        assert "Readable" in client.get("/sites/").content.decode()
        page = client.get(f"/sites/{site.slug}/").content.decode()
        assert "Readable" in page
        assert f"/sites/{site.slug}/edit/" not in page  # no edit link for readers


def test_it_rejects_staff_editing(staff_client):
    site = SiteFactory()
    response = staff_client.post(f"/sites/{site.slug}/hours/new/", hours_data())
    assert response.status_code == 403
    assert not WeeklyHours.objects.exists()


def test_a_coordinator_creates_a_site_and_it_is_audited(coordinator_client, coordinator_user):
    response = coordinator_client.post(
        "/sites/new/",
        {
            "name": "Ny varmestue",
            "slug": "ny-varmestue",
            "kind": "permanent",
            "town": "Korsør",
            "services": ["shower", "coffee"],
            "closes_on_holidays": "on",
        },
    )
    assert response.status_code == 302
    site = Site.objects.get(slug="ny-varmestue")
    assert site.services == ["coffee", "shower"] or set(site.services) == {"coffee", "shower"}
    entry = AuditEntry.objects.get(object_id=str(site.pk), action="create")
    assert entry.actor == coordinator_user


def test_the_slug_never_changes_on_edit(coordinator_client):
    site = SiteFactory(slug="fast", name="Old")
    post_edit(
        coordinator_client,
        f"/sites/{site.slug}/edit/",
        {"name": "New", "slug": "changed", "kind": "pavilion", "town": "Korsør"},
    )
    site.refresh_from_db()
    assert (site.slug, site.name) == ("fast", "New")


def test_a_bus_stop_without_a_bus_is_refused(coordinator_client):
    response = coordinator_client.post(
        "/sites/new/", {"name": "Stop", "slug": "stop", "kind": "bus_stop", "town": "Korsør"}, **EN
    )
    assert response.status_code == 200
    assert "A bus stop needs the bus" in response.content.decode()
    assert not Site.objects.filter(slug="stop").exists()


def test_a_coordinator_adds_weekly_hours(coordinator_client):
    site = SiteFactory()
    response = coordinator_client.post(f"/sites/{site.slug}/hours/new/", hours_data())
    assert response.status_code == 302
    assert WeeklyHours.objects.filter(site=site, weekday=0).count() == 1
    assert AuditEntry.objects.filter(action="create").count() == 1


def test_it_rejects_closing_before_opening_without_overnight(coordinator_client):
    site = SiteFactory()
    response = coordinator_client.post(
        f"/sites/{site.slug}/hours/new/", hours_data(opens="20:00", closes="08:00"), **EN
    )
    assert response.status_code == 200
    assert "closes the next day" in response.content.decode()
    assert not WeeklyHours.objects.exists()
    response = coordinator_client.post(
        f"/sites/{site.slug}/hours/new/",
        hours_data(opens="20:00", closes="08:00", overnight="on"),
    )
    assert response.status_code == 302
    assert WeeklyHours.objects.get().overnight


def test_it_rejects_overlapping_hours_at_one_site(coordinator_client):
    site = SiteFactory()
    WeeklyHoursFactory(site=site)
    response = coordinator_client.post(
        f"/sites/{site.slug}/hours/new/", hours_data(opens="12:00", closes="16:00"), **EN
    )
    assert "overlap other hours at this site" in response.content.decode()
    assert WeeklyHours.objects.count() == 1


def test_it_rejects_the_bus_at_two_stops_through_the_form(coordinator_client):
    bus = BusFactory()
    first, second = BusStopFactory(bus=bus, name="First stop"), BusStopFactory(bus=bus)
    WeeklyHoursFactory(site=first, opens=datetime.time(17), closes=datetime.time(19))
    response = coordinator_client.post(
        f"/sites/{second.slug}/hours/new/", hours_data(opens="18:00", closes="20:00"), **EN
    )
    page = response.content.decode()
    assert "The bus cannot be at two stops at once" in page
    assert "First stop" in page
    assert not WeeklyHours.objects.filter(site=second).exists()


def test_it_rejects_a_period_ending_before_it_starts(coordinator_client):
    site = SiteFactory()
    response = coordinator_client.post(
        f"/sites/{site.slug}/hours/new/",
        hours_data(valid_from="2026-05-01", valid_until="2026-04-01"),
        **EN,
    )
    assert "cannot end before it starts" in response.content.decode()
    response = coordinator_client.post(
        f"/sites/{site.slug}/closures/new/",
        {"starts_on": "2026-05-02", "ends_on": "2026-05-01", "reason": "x"},
        **EN,
    )
    assert "cannot end before it starts" in response.content.decode()
    assert not WeeklyHours.objects.exists() and not Closure.objects.exists()


def test_a_coordinator_adds_an_extra_frost_night(coordinator_client):
    site = SiteFactory()
    response = coordinator_client.post(
        f"/sites/{site.slug}/extra/new/",
        {"starts": "2026-12-03T20:00", "ends": "2026-12-04T08:00", "reason": "Frostnat"},
    )
    assert response.status_code == 302
    extra = ExtraOpening.objects.get()
    assert extra.starts == datetime.datetime(2026, 12, 3, 20, tzinfo=CPH)


def test_it_rejects_an_extra_opening_ending_before_it_starts(coordinator_client):
    site = SiteFactory()
    response = coordinator_client.post(
        f"/sites/{site.slug}/extra/new/",
        {"starts": "2026-12-03T20:00", "ends": "2026-12-03T08:00", "reason": "x"},
        **EN,
    )
    assert response.status_code == 200
    assert "closing time must be after the opening time" in response.content.decode()
    assert not ExtraOpening.objects.exists()


def test_a_coordinator_deletes_a_closure_and_it_is_audited(coordinator_client):
    closure = ClosureFactory()
    assert coordinator_client.get(f"/sites/closures/{closure.pk}/delete/").status_code == 200
    response = coordinator_client.post(f"/sites/closures/{closure.pk}/delete/")
    assert response.status_code == 302
    assert not Closure.objects.exists()
    assert AuditEntry.objects.filter(action="delete").exists()


def test_the_dashboard_shows_staff_what_is_open(staff_client, volunteer_client):
    site = SiteFactory(name="Panel Place")
    WeeklyHoursFactory(site=site)
    assert "Panel Place" in staff_client.get("/").content.decode()
    assert "Panel Place" not in volunteer_client.get("/").content.decode()


@pytest.mark.parametrize("bad_weekday", ["", "9", "monday"])
def test_it_rejects_hours_without_a_valid_weekday_and_saves_nothing(
    coordinator_client, bad_weekday
):
    site = SiteFactory()
    response = coordinator_client.post(
        f"/sites/{site.slug}/hours/new/", hours_data(weekday=bad_weekday), **EN
    )
    assert response.status_code == 200
    assert response.context["form"].errors["weekday"]
    assert not WeeklyHours.objects.filter(site=site).exists()
