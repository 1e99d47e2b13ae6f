"""The survey on a visitor's own phone through the QR code: no login and no token, the same
anonymity as the kiosk, a daily allowance per round, site and day, and an hourly count per
address kept only in the cache (issue 21, decisions Feedback 12)."""

import datetime
import json
import uuid

import pytest
from django.utils import timezone

from feedback.models import PhoneDay, SurveyResponse
from tests.dom import parse
from tests.feedback.test_survey_answers import make_round, reply
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


def link(survey, site, tail=""):
    return f"/feedback/s/{survey.public_key}/{site.slug}/{tail}"


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_link_opens_the_round_for_its_site_without_a_login(client, site):
    survey, questions = make_round(site)

    response = client.get(link(survey, site))

    assert response.status_code == 200
    page = parse(response.content)
    app = page.one("#survey-app")
    assert app["data-api-url"] == link(survey, site, "api/")
    assert app["data-home-url"] == ""
    assert page.one("form#survey-form")["action"] == link(survey, site, "answer/")
    assert len(page.select("[data-question]")) == len(questions)
    assert "sessionid" not in response.cookies


def test_a_closed_round_another_site_or_a_wrong_key_shows_it_is_closed(client, site):
    ended, _questions = make_round(
        site,
        starts=timezone.localdate() - datetime.timedelta(days=30),
        ends=timezone.localdate() - datetime.timedelta(days=20),
    )
    survey, _questions = make_round(site, title="Åben")

    for url in (
        link(ended, site),
        link(survey, SiteFactory()),
        f"/feedback/s/gaet-en-noegle/{site.slug}/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert parse(response.content).one("h1").text == "Undersøgelsen er lukket"


def test_replies_from_a_phone_are_stored_once_for_the_links_site(client, site):
    survey, questions = make_round(site)
    first = reply(survey, questions)

    body = post(client, link(survey, site, "api/"), {"replies": [first]}).json()
    again = post(client, link(survey, site, "api/"), {"replies": [first]}).json()

    assert body["accepted"] == [first["id"]]
    assert again["duplicates"] == [first["id"]]
    assert SurveyResponse.objects.get().site == site
    assert PhoneDay.objects.get().answers == 1


def test_the_daily_allowance_per_round_and_site_refuses_more(client, site, settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "PHONE_ANSWERS_PER_DAY": 1}
    survey, questions = make_round(site)
    replies = [reply(survey, questions, scale=1), reply(survey, questions, scale=2)]

    body = post(client, link(survey, site, "api/"), {"replies": replies}).json()

    assert len(body["accepted"]) == 1
    assert body["rejected"][0]["error"].startswith("Der er sendt det højeste antal svar")
    assert SurveyResponse.objects.count() == 1


def test_one_address_is_held_back_after_its_hourly_count(client, site, settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "PHONE_ANSWERS_PER_HOUR": 2}
    survey, questions = make_round(site)
    url = link(survey, site, "api/")

    codes = [
        post(client, url, {"replies": [reply(survey, questions, scale=3)]}).status_code
        for _ in range(3)
    ]

    assert codes == [200, 200, 429]
    assert SurveyResponse.objects.count() == 2
    # Another address is not held back.
    other = post(
        client.__class__(REMOTE_ADDR="10.0.0.9"), url, {"replies": [reply(survey, questions)]}
    )
    assert other.status_code == 200


def test_the_hourly_count_keeps_no_address_in_the_cache(client, site):
    from django.core.cache import cache

    survey, questions = make_round(site)
    post(client, link(survey, site, "api/"), {"replies": [reply(survey, questions)]})

    keys = list(cache._cache.keys())  # the local-memory cache of the tests
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_a_reply_posted_without_javascript_is_stored_and_thanked(client, site):
    survey, questions = make_round(site)
    data = {"id": str(uuid.uuid4()), "lang": "pl", f"q{questions['scale'].pk}": "4"}

    response = client.post(link(survey, site, "answer/"), data)
    client.post(link(survey, site, "answer/"), data)

    assert response.status_code == 302
    assert response["Location"] == "/feedback/s/thanks/?lang=pl"
    assert SurveyResponse.objects.count() == 1
    thanks = parse(client.get(response["Location"]).content)
    assert thanks.one("h1").text == "Dziękujemy za odpowiedzi!"


def test_the_poster_has_a_qr_code_per_site_with_the_rounds_link(manager_client, site):
    survey, _questions = make_round(site)
    other = SiteFactory(slug="bussen", name="Bussen")
    survey.sites.add(other)

    page = parse(manager_client.get(f"/feedback/surveys/{survey.pk}/poster/").content)

    captions = page.texts(".fb-poster-qr figcaption")
    assert sorted(captions) == sorted(f"http://testserver{link(survey, s)}" for s in (site, other))
    assert len(page.select(".fb-poster-qr svg")) == 2
