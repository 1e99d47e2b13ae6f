"""A user scoped to an operator counts only at that operator's sites (issue 22 item 2)."""

import datetime

import pytest
from django.utils import timezone

from core.roles import Role
from sites.models import UserScope
from tests.core.factories import UserFactory
from tests.dom import parse
from tests.sites.factories import OperatorFactory, SiteFactory, SiteOperationFactory
from tests.visits.factories import event
from tests.visits.test_api import count, post
from visits.models import DailyCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def korshaer_site(db):
    return SiteFactory(slug="korshaer-slagelse", name="Korshærs varmestue")


@pytest.fixture
def korshaer_client(client, korshaer_site, site):
    """Korshær's staff member; `site` (the pavilion) is Rusmiddelcenter's."""
    korshaer = OperatorFactory(slug="korshaer", name="Kirkens Korshær")
    SiteOperationFactory(site=korshaer_site, operator=korshaer)
    SiteOperationFactory(site=site, operator=OperatorFactory(slug="rusmiddel"))
    user = UserFactory(username="korshaer-staff", role=Role.STAFF)
    UserScope.objects.create(user=user, operator=korshaer)
    client.force_login(user)
    return client


def test_the_api_counts_at_their_own_site_and_refuses_the_other_operators(
    korshaer_client, korshaer_site, site, breakfast
):
    mine, theirs = event(korshaer_site, breakfast), event(site, breakfast)
    response = post(korshaer_client, {"events": [mine, theirs]})
    assert response.json()["accepted"] == [mine["id"]]
    assert response.json()["rejected"] == [
        {"id": theirs["id"], "error": "Ukendt sted: pavillonen."}
    ]
    assert count(korshaer_site, breakfast) == 1
    assert count(site, breakfast) == 0


def test_after_a_takeover_the_old_operators_staff_no_longer_count_there(
    client, korshaer_site, breakfast
):
    today = timezone.localdate()
    korshaer = OperatorFactory(slug="korshaer", name="Kirkens Korshær")
    SiteOperationFactory(
        site=korshaer_site, operator=korshaer, ends_on=today - datetime.timedelta(days=1)
    )
    SiteOperationFactory(site=korshaer_site, operator=OperatorFactory(), starts_on=today)
    user = UserFactory(username="korshaer-staff", role=Role.STAFF)
    UserScope.objects.create(user=user, operator=korshaer)
    client.force_login(user)
    yesterday = event(korshaer_site, breakfast, day=today - datetime.timedelta(days=1))
    now = event(korshaer_site, breakfast)
    result = post(client, {"events": [yesterday, now]}).json()
    assert result["accepted"] == [yesterday["id"]]
    assert [r["id"] for r in result["rejected"]] == [now["id"]]


def test_the_counts_api_does_not_answer_for_the_other_operators_site(korshaer_client, site):
    today = timezone.localdate().isoformat()
    response = korshaer_client.get("/visits/api/counts/", {"site": site.slug, "date": today})
    assert response.status_code == 400


def test_the_entry_page_offers_only_their_sites(korshaer_client, korshaer_site, site):
    doc = parse(korshaer_client.get("/visits/", {"site": site.slug}).content)
    options = [o["value"] for o in doc.select("select[name=site] option") if o.get("value")]
    assert options == [korshaer_site.slug]
    tapped_at = {i["value"] for i in doc.select("form.tally-tap input[name=site]")}
    assert tapped_at <= {korshaer_site.slug}


def test_a_tap_at_the_other_operators_site_is_not_counted(korshaer_client, site, breakfast):
    korshaer_client.post(
        "/visits/tap/",
        {
            "id": event(site, breakfast)["id"],
            "site": site.slug,
            "date": timezone.localdate().isoformat(),
            "category": breakfast.code,
            "delta": "1",
        },
    )
    assert not DailyCount.objects.filter(site=site).exists()


def test_an_unscoped_user_still_counts_everywhere(staff_client, korshaer_site, site, breakfast):
    events = [event(korshaer_site, breakfast), event(site, breakfast)]
    assert len(post(staff_client, {"events": events}).json()["accepted"]) == 2


def test_corrections_at_the_other_operators_site_are_not_found(
    korshaer_client, korshaer_site, site
):
    today = timezone.localdate().isoformat()
    response = korshaer_client.get("/visits/corrections/", {"site": site.slug, "date": today})
    assert response.status_code == 404
    mine = korshaer_client.get("/visits/corrections/", {"site": korshaer_site.slug, "date": today})
    assert mine.status_code == 200


def test_figures_and_their_csv_show_only_their_sites(korshaer_client, korshaer_site, site, visits):
    from tests.visits.factories import DailyCountFactory

    today = timezone.localdate()
    DailyCountFactory(site=korshaer_site, date=today, category=visits, count=11)
    DailyCountFactory(site=site, date=today, category=visits, count=23)
    page = korshaer_client.get("/visits/figures/").content.decode()
    assert korshaer_site.name in page and site.name not in page
    asked = korshaer_client.get("/visits/figures/", {"site": site.slug}).content.decode()
    assert site.name not in asked  # another operator's site is not a choice: the defaults
    csv = korshaer_client.get("/visits/figures/figures.csv").content.decode()
    assert f"{today.isoformat()};11" in csv  # theirs only: not 23, nor 34 together
