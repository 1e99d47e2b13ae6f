"""The entry page and its plain form posts (the page works without JavaScript)."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.dom import parse
from tests.sites.factories import SiteFactory
from tests.visits.factories import DailyCountFactory, TallyCategoryFactory
from visits.models import DailyCount, TallyEvent

pytestmark = pytest.mark.django_db


def page(client, **params):
    return client.get(reverse("visits:entry"), params)


def tap(client, site, category, *, delta=1, day=None, event_id=None, follow=False):
    return client.post(
        reverse("visits:tap"),
        {
            "id": str(event_id or uuid.uuid4()),
            "site": site.slug,
            "date": (day or timezone.localdate()).isoformat(),
            "category": category.code,
            "delta": str(delta),
        },
        follow=follow,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def total(site, category):
    row = DailyCount.objects.filter(site=site, category=category).first()
    return row.count if row else 0


def test_the_page_carries_the_markup_the_offline_script_needs(staff_client, site, breakfast):
    DailyCountFactory(site=site, category=breakfast, count=4)
    doc = parse(page(staff_client, site=site.slug).content)
    today = timezone.localdate().isoformat()
    assert doc.one("div#tally-app").attrs == {
        "id": "tally-app",
        "data-site": site.slug,
        "data-date": today,
        "data-api-events": "/visits/api/events/",
        "data-api-counts": "/visits/api/counts/",
        "data-login-url": "/login/",
    }
    status = doc.one("div#tally-status")
    assert status["aria-live"] == "polite" and status.text == ""
    output = doc.one("output.tally-total[data-category=breakfast]")
    assert output["aria-live"] == "polite" and output.text == "4"
    forms = doc.select("form.tally-tap[data-category=breakfast]")
    assert sorted(form["data-delta"] for form in forms) == ["-1", "1"]
    for form in forms:
        assert (form["method"], form["action"]) == ("post", "/visits/tap/")
        inputs = {field["name"]: field.get("value") for field in form.select("input[name]")}
        assert set(inputs) == {"id", "site", "date", "category", "delta", "csrfmiddlewaretoken"}
        assert uuid.UUID(inputs["id"]).version == 4
        assert inputs["delta"] == form["data-delta"]
        assert (inputs["site"], inputs["date"], inputs["category"]) == (
            site.slug,
            today,
            "breakfast",
        )
        # The button's accessible name names the category.
        assert "Morgenmad" in form.one("button[type=submit]").text
    assert doc.select("script[src='/static/visits/tally.js']")
    assert doc.one("link[rel=manifest]")["href"] == "/manifest.webmanifest"


def event_ids(response) -> list[str]:
    return [field["value"] for field in parse(response.content).select("form input[name=id]")]


def test_every_form_gets_a_fresh_id(staff_client, site, breakfast, visits):
    ids = event_ids(page(staff_client, site=site.slug))
    assert len(ids) == 4
    assert len(set(ids)) == 4
    assert set(ids).isdisjoint(event_ids(page(staff_client)))


def test_categories_are_grouped_under_headings_in_order(staff_client, site, breakfast, visits):
    doc = parse(page(staff_client, site=site.slug, date="").content)
    headings = doc.texts("h2")
    assert headings.index("Besøgende") < headings.index("Måltider")
    groups = {h.text: h.parent for h in doc.select("h2") if h.text in ("Besøgende", "Måltider")}
    assert groups["Besøgende"].select("form.tally-tap[data-category=visits]")
    assert not groups["Besøgende"].select("form.tally-tap[data-category=breakfast]")
    assert groups["Måltider"].select("form.tally-tap[data-category=breakfast]")


def test_inactive_and_unused_categories_are_not_shown(staff_client, site, breakfast):
    TallyCategoryFactory(code="retired", name_da="Udgået", active=False)
    unused = TallyCategoryFactory(code="laundry", name_da="Tøjvask")
    unused.not_used_at.add(site)
    html = page(staff_client, site=site.slug).content.decode()
    assert "Morgenmad" in html
    assert "Udgået" not in html
    assert "Tøjvask" not in html
    other = SiteFactory()
    assert "Tøjvask" in page(staff_client, site=other.slug).content.decode()


def test_a_tap_counts_and_redirects_back_with_a_message(staff_client, site, breakfast):
    response = tap(staff_client, site, breakfast)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/visits/?site={site.slug}&date=")
    assert response["Location"].endswith("#tally-breakfast")
    assert total(site, breakfast) == 1
    followed = staff_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "Counted: Breakfast +1." in followed.content.decode()


def test_a_double_submitted_form_counts_once(staff_client, site, breakfast):
    event_id = uuid.uuid4()
    tap(staff_client, site, breakfast, event_id=event_id)
    response = tap(staff_client, site, breakfast, event_id=event_id, follow=True)
    assert "already counted" in response.content.decode()
    assert total(site, breakfast) == 1
    assert TallyEvent.objects.count() == 1


def test_a_minus_tap_below_zero_is_refused_with_a_message(staff_client, site, breakfast):
    response = tap(staff_client, site, breakfast, delta=-1, follow=True)
    assert "Not counted: The count cannot go below zero." in response.content.decode()
    assert total(site, breakfast) == 0


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"id": "x", "site": "y", "date": "z", "category": "w", "delta": "v"},
        {
            "id": str(uuid.uuid4()),
            "site": "pavillonen",
            "date": "2020-01-01",
            "category": "breakfast",
            "delta": "1",
        },
    ],
)
def test_bad_posts_change_nothing_and_never_fail(staff_client, site, breakfast, data):
    response = staff_client.post(reverse("visits:tap"), data, follow=True)
    assert response.status_code == 200
    assert not TallyEvent.objects.exists()
    assert "alert-error" in response.content.decode()


def test_the_tap_url_only_accepts_posts(staff_client):
    assert staff_client.get(reverse("visits:tap")).status_code == 405


def test_it_shows_another_recent_day_and_its_counts(staff_client, site, breakfast):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    DailyCountFactory(site=site, category=breakfast, count=9, date=yesterday)
    html = page(staff_client, site=site.slug, date=yesterday.isoformat()).content.decode()
    doc = parse(html)
    assert doc.one("div#tally-app")["data-date"] == yesterday.isoformat()
    assert doc.one("output.tally-total[data-category=breakfast]").text == "9"


@pytest.mark.parametrize("bad_date", ["tomorrow", "2001-01-01", "2999-01-01"])
def test_a_bad_or_out_of_window_date_falls_back_to_today(staff_client, site, breakfast, bad_date):
    response = page(staff_client, site=site.slug, date=bad_date)
    assert response.status_code == 200
    doc = parse(response.content)
    assert doc.one("div#tally-app")["data-date"] == timezone.localdate().isoformat()
    assert doc.select(".alert-warning")


def test_an_unknown_site_falls_back_to_the_default(staff_client, site, breakfast):
    response = page(staff_client, site="nowhere")
    doc = parse(response.content)
    assert doc.one("div#tally-app")["data-site"] == site.slug
    assert doc.select(".alert-warning")


def test_without_sites_the_page_says_so(staff_client):
    response = page(staff_client, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert parse(response.content).select("#tally-app") == []


def test_the_entry_page_is_for_staff_and_coordinators(
    staff_client, coordinator_client, manager_client, volunteer_client, client, site
):
    assert page(staff_client).status_code == 200
    assert page(coordinator_client).status_code == 200
    assert page(manager_client).status_code == 403
    assert page(volunteer_client).status_code == 403
    assert page(client).status_code == 302
    assert tap(manager_client, site, TallyCategoryFactory()).status_code == 403
    assert not TallyEvent.objects.exists()


def test_a_site_not_in_use_that_day_shows_why_and_no_buttons(staff_client, breakfast):
    today = timezone.localdate()
    closed = SiteFactory(
        slug="pavillonen", name="Pavillonen", in_use_until=today - datetime.timedelta(days=1)
    )
    response = page(staff_client, site=closed.slug)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pavillonen er ikke i brug den " in html
    assert parse(html).select("#tally-app") == parse(html).select(".tally-tap") == []
    # The day before, it still counts.
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    doc = parse(page(staff_client, site=closed.slug, date=yesterday).content)
    assert doc.one("#tally-app")["data-date"] == yesterday
    assert doc.select("form.tally-tap[data-category=breakfast]")


def test_a_tap_for_a_site_not_in_use_is_refused_with_a_message(staff_client, breakfast):
    today = timezone.localdate()
    closed = SiteFactory(slug="pavillonen", in_use_until=today - datetime.timedelta(days=1))
    response = tap(staff_client, closed, breakfast, follow=True)
    assert "Not counted: pavillonen is not in use on " in response.content.decode()
    assert total(closed, breakfast) == 0
    assert not TallyEvent.objects.exists()
