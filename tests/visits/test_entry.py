"""The entry page and its plain form posts (the page works without JavaScript)."""

import datetime
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

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
    html = page(staff_client, site=site.slug).content.decode()
    today = timezone.localdate().isoformat()
    assert (
        f'<div id="tally-app" data-site="{site.slug}" data-date="{today}" '
        'data-api-events="/visits/api/events/" data-api-counts="/visits/api/counts/" '
        'data-login-url="/login/">'
    ) in html
    assert '<div id="tally-status" aria-live="polite"></div>' in html
    assert '<output class="tally-total" data-category="breakfast" aria-live="polite"' in html
    assert re.search(r'data-category="breakfast"[^>]*>4</output>', html)
    forms = re.findall(
        r'<form method="post" action="/visits/tap/" class="tally-tap" '
        r'data-category="breakfast" data-delta="(-?1)">(.*?)</form>',
        html,
        re.S,
    )
    assert sorted(delta for delta, _body in forms) == ["-1", "1"]
    for delta, body in forms:
        for name in ("id", "site", "date", "category", "delta", "csrfmiddlewaretoken"):
            assert f'name="{name}"' in body
        event_id = re.search(r'name="id" value="([^"]+)"', body).group(1)
        assert uuid.UUID(event_id).version == 4
        assert f'name="delta" value="{delta}"' in body
        assert '<button type="submit"' in body
        assert "Morgenmad" in body  # the button's accessible name names the category
    assert 'src="/static/visits/tally.js"' in html
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html


def test_every_form_gets_a_fresh_id(staff_client, site, breakfast, visits):
    html = page(staff_client, site=site.slug).content.decode()
    ids = re.findall(r'name="id" value="([^"]+)"', html)
    assert len(ids) == 4
    assert len(set(ids)) == 4
    assert set(ids).isdisjoint(
        re.findall(r'name="id" value="([^"]+)"', page(staff_client).content.decode())
    )


def test_categories_are_grouped_under_headings_in_order(staff_client, site, breakfast, visits):
    html = page(staff_client, site=site.slug, date="").content.decode()
    assert html.index("<h2") < html.index("Besøg i alt") < html.index("Morgenmad")
    assert re.search(r"<h2[^>]*>Besøgende</h2>", html)
    assert re.search(r"<h2[^>]*>Måltider</h2>", html)


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
    assert f'data-date="{yesterday.isoformat()}"' in html
    assert re.search(r'data-category="breakfast"[^>]*>9</output>', html)


@pytest.mark.parametrize("bad_date", ["tomorrow", "2001-01-01", "2999-01-01"])
def test_a_bad_or_out_of_window_date_falls_back_to_today(staff_client, site, breakfast, bad_date):
    response = page(staff_client, site=site.slug, date=bad_date)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-date="{timezone.localdate().isoformat()}"' in html
    assert "alert-warning" in html


def test_an_unknown_site_falls_back_to_the_default(staff_client, site, breakfast):
    response = page(staff_client, site="nowhere")
    assert f'data-site="{site.slug}"' in response.content.decode()
    assert "alert-warning" in response.content.decode()


def test_without_sites_the_page_says_so(staff_client):
    response = page(staff_client, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'id="tally-app"' not in response.content.decode()


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
    assert 'id="tally-app"' not in html and 'class="tally-tap"' not in html
    # The day before, it still counts.
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    assert 'id="tally-app"' in page(staff_client, site=closed.slug, date=yesterday).content.decode()


def test_a_tap_for_a_site_not_in_use_is_refused_with_a_message(staff_client, breakfast):
    today = timezone.localdate()
    closed = SiteFactory(slug="pavillonen", in_use_until=today - datetime.timedelta(days=1))
    response = tap(staff_client, closed, breakfast, follow=True)
    assert "Not counted: pavillonen is not in use on " in response.content.decode()
    assert total(closed, breakfast) == 0
    assert not TallyEvent.objects.exists()
