"""One rule for lists of sites (decisions: Sites 14): a site not in use is hidden from entry
and day-to-day lists, and listed for a period only where it has data in it."""

import datetime

import pytest
from django.utils import timezone

from reports.builder import sites_for
from reports.periods import Period
from sites.models import Site
from tests.dom import parse
from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory
from tests.volunteers.factories import ShiftFactory, at

pytestmark = pytest.mark.django_db

CLOSED_ON = datetime.date(2021, 12, 31)


@pytest.fixture
def pavilion():
    return SiteFactory(
        name="Pavillonen",
        slug="pavillon",
        in_use_from=datetime.date(2021, 7, 1),
        in_use_until=CLOSED_ON,
    )


@pytest.fixture
def open_site():
    return SiteFactory(name="Varmestuen", slug="varmestuen", in_use_from=datetime.date(2021, 7, 1))


def test_a_site_not_in_use_is_hidden_without_data(pavilion, open_site):
    today = timezone.localdate()
    assert list(Site.objects.listed(today)) == [open_site]
    assert list(Site.objects.listed(today - datetime.timedelta(days=30), today)) == [open_site]


def test_a_site_is_listed_for_a_period_it_was_in_use(pavilion, open_site):
    listed = Site.objects.listed(datetime.date(2021, 12, 1), datetime.date(2022, 1, 31))
    assert set(listed) == {pavilion, open_site}


def test_a_site_not_in_use_is_listed_where_it_has_data(pavilion, open_site):
    day = timezone.localdate() - datetime.timedelta(days=3)
    DailyCountFactory(site=pavilion, date=day, count=2)
    counted = DailyCountFactory._meta.model.objects.filter(date=day).values("site_id")
    assert set(Site.objects.listed(day, with_data=[counted])) == {pavilion, open_site}
    assert set(Site.objects.listed(day, with_data=[pavilion.pk])) == {pavilion, open_site}
    assert list(Site.objects.listed(day, with_data=[None])) == [open_site]


def test_figures_hide_a_closed_site_without_tallies(coordinator_client, pavilion, open_site):
    page = coordinator_client.get("/visits/figures/").content.decode()
    assert "Varmestuen" in page
    assert "Pavillonen" not in page


def test_figures_show_a_closed_site_with_tallies_in_the_period(
    coordinator_client, pavilion, open_site
):
    day = timezone.localdate() - datetime.timedelta(days=2)
    DailyCountFactory(site=pavilion, date=day, count=4)
    page = coordinator_client.get("/visits/figures/").content.decode()
    assert "Pavillonen" in page


def test_the_roster_hides_a_closed_site_without_shifts(coordinator_client, pavilion, open_site):
    page = coordinator_client.get("/volunteers/roster/").content.decode()
    assert "Varmestuen" in page
    assert "Pavillonen" not in page
    ShiftFactory(site=pavilion, starts=at(0, 9))
    page = coordinator_client.get("/volunteers/roster/").content.decode()
    assert "Pavillonen" in page


def test_the_report_lists_a_closed_site_only_with_data(pavilion, open_site):
    period = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert list(sites_for(period)) == [open_site]
    DailyCountFactory(site=pavilion, date=datetime.date(2024, 3, 5), count=1)
    assert set(sites_for(period)) == {pavilion, open_site}
    old = Period(datetime.date(2021, 7, 1), datetime.date(2021, 12, 31))
    assert set(sites_for(old)) == {pavilion, open_site}


def test_the_partner_directory_offers_sites_in_use(manager_client, pavilion, open_site):
    page = manager_client.get("/partners/").content.decode()
    assert "Varmestuen" in page
    assert "Pavillonen" not in page
    # A closed site named in the address stays chosen.
    assert manager_client.get("/partners/?site=pavillon").status_code == 200
    assert "Pavillonen" in manager_client.get("/partners/?site=pavillon").content.decode()


def test_the_tally_page_does_not_offer_a_closed_site(staff_client, pavilion, open_site):
    page = staff_client.get("/visits/").content.decode()
    assert 'value="varmestuen"' in page
    assert 'value="pavillon"' not in page


def _site_values(page: str, selector: str) -> set[str]:
    return {element["value"] for element in parse(page).select(selector)}


def test_the_report_form_offers_a_closed_site_only_with_data(manager_client, pavilion, open_site):
    month = {"period": "month:2024-3"}
    boxes = "input[name=sites]"
    page = manager_client.get("/reports/usb/", month).content.decode()
    assert _site_values(page, boxes) == {"varmestuen"}
    DailyCountFactory(site=pavilion, date=datetime.date(2024, 3, 5), count=1)
    page = manager_client.get("/reports/usb/", month).content.decode()
    assert _site_values(page, boxes) == {"varmestuen", "pavillon"}
    # In its own time it is offered, and a closed site asked for by name stays chosen.
    page = manager_client.get("/reports/usb/", {"period": "month:2021-9"}).content.decode()
    assert _site_values(page, boxes) == {"varmestuen", "pavillon"}
    asked = manager_client.get("/reports/usb/", {"period": "month:2025-1", "sites": "pavillon"})
    assert asked.status_code == 200
    assert _site_values(asked.content.decode(), "input[name=sites][checked]") == {"pavillon"}


def test_the_hours_export_offers_a_closed_site_only_with_shifts(
    coordinator_client, pavilion, open_site
):
    options = "select[name=site] option"
    page = coordinator_client.get("/volunteers/exports/").content.decode()
    assert _site_values(page, options) == {"", str(open_site.pk)}
    # The page's period is last month: a shift at the closed site in it lists the site.
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=3)
    days_ago = (last_month - timezone.localdate()).days
    ShiftFactory(site=pavilion, starts=at(days_ago, 9), ends=at(days_ago, 12))
    page = coordinator_client.get("/volunteers/exports/").content.decode()
    assert _site_values(page, options) == {"", str(open_site.pk), str(pavilion.pk)}
    # A period when it was in use offers it too (the form shown again after a refusal).
    refused = coordinator_client.get(
        "/volunteers/exports/hours.csv", {"start": "2021-07-01", "end": "2023-12-31"}
    )
    assert refused.status_code == 400
    assert str(pavilion.pk) in _site_values(refused.content.decode(), options)
