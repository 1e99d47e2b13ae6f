"""The survey on the kiosk tablet: offered on the kiosk's start page while a round is open at
its site, its questions of each kind, a reply posted without JavaScript stored once, and kept
for use without a connection (issue 21)."""

import datetime
import uuid

import pytest
from django.utils import timezone

from feedback.models import SurveyAnswer, SurveyResponse, VisitorText
from tests.dom import parse
from tests.feedback.test_survey_answers import make_round

pytestmark = pytest.mark.django_db


def survey_url(survey, lang=""):
    return f"/feedback/kiosk/survey/{survey.pk}/" + (f"{lang}/" if lang else "")


def test_the_kiosk_offers_an_open_round_at_its_site_and_no_other(kiosk_client, site):
    survey, _questions = make_round(site)
    make_round(
        site,
        title="Forbi",
        starts=timezone.localdate() - datetime.timedelta(days=30),
        ends=timezone.localdate() - datetime.timedelta(days=20),
    )

    page = parse(kiosk_client.get("/feedback/kiosk/").content)

    links = [a["href"] for a in page.select(".fb-survey-offer a")]
    assert links == [survey_url(survey, "da")]


def test_the_survey_page_asks_each_kind_of_question(kiosk_client, site):
    survey, questions = make_round(site)

    response = kiosk_client.get(survey_url(survey))

    assert response.status_code == 200
    page = parse(response.content)
    single = page.one(f"fieldset[data-question='{questions['single'].pk}']")
    assert [i["type"] for i in single.select("input")] == ["radio"] * 3
    assert single.texts("label") == ["Venner", "Kommunen", "Andet"]
    multiple = page.one(f"fieldset[data-question='{questions['multiple'].pk}']")
    assert [i["type"] for i in multiple.select("input")] == ["checkbox"] * 3
    scale = page.one(f"fieldset[data-question='{questions['scale'].pk}']")
    assert [i["value"] for i in scale.select("input[type=radio]")] == ["1", "2", "3", "4", "5"]
    assert "1 er lavest, 5 højest." in scale.text
    text = page.one(f"textarea[data-question='{questions['text'].pk}']")
    assert text["name"] == f"q{questions['text'].pk}"
    assert "Skriv ikke navne" in page.one(f"#{text['aria-describedby']}").text


def test_the_survey_page_in_polish_keeps_the_questions_in_danish(kiosk_client, site):
    survey, questions = make_round(site)

    page = parse(kiosk_client.get(survey_url(survey, "pl")).content)

    assert page.one("html")["lang"] == "pl"
    assert page.one(".fb-send").text == "Wyślij odpowiedzi"
    legend = page.one(f"fieldset[data-question='{questions['scale'].pk}'] legend span")
    assert (legend["lang"], legend.text) == ("da", "Hvor tryg føler du dig?")


def test_a_reply_posted_without_javascript_is_stored_once(kiosk_client, site):
    survey, questions = make_round(site)
    reply_id = str(uuid.uuid4())
    data = {
        "id": reply_id,
        "lang": "da",
        f"q{questions['single'].pk}": "1",
        f"q{questions['multiple'].pk}": ["2", "3"],
        f"q{questions['scale'].pk}": "5",
        f"q{questions['text'].pk}": "Flere stikkontakter",
    }

    first = kiosk_client.post(f"/feedback/kiosk/survey/{survey.pk}/answer/", data)
    kiosk_client.post(f"/feedback/kiosk/survey/{survey.pk}/answer/", data)

    assert first.status_code == 302
    assert first["Location"] == "/feedback/kiosk/da/?thanks=1"
    response = SurveyResponse.objects.get()
    assert str(response.id) == reply_id
    assert SurveyAnswer.objects.filter(response=response).count() == 5
    assert VisitorText.objects.get().body == "Flere stikkontakter"


def test_an_empty_reply_is_refused_with_the_form_again_and_nothing_stored(kiosk_client, site):
    survey, questions = make_round(site)
    data = {"id": str(uuid.uuid4()), "lang": "da", f"q{questions['scale'].pk}": "9"}

    response = kiosk_client.post(f"/feedback/kiosk/survey/{survey.pk}/answer/", data)

    assert response.status_code == 400
    page = parse(response.content)
    assert "er ikke et af dets valg" in page.one("#survey-error").text
    assert page.one("input[name=id]")["value"] == data["id"]
    assert not SurveyResponse.objects.exists()


def test_a_closed_round_or_one_of_another_site_is_not_shown(kiosk_client, site):
    ended, _questions = make_round(
        site,
        starts=timezone.localdate() - datetime.timedelta(days=30),
        ends=timezone.localdate() - datetime.timedelta(days=20),
    )
    from tests.sites.factories import SiteFactory

    elsewhere, _questions = make_round(SiteFactory(), title="Andetsteds")

    for survey in (ended, elsewhere):
        response = kiosk_client.get(survey_url(survey))
        assert response.status_code == 404
        assert parse(response.content).one("h1").text == "Undersøgelsen er lukket"


def test_the_kiosk_keeps_the_open_rounds_pages_for_use_offline(kiosk_client, site):
    survey, _questions = make_round(site)

    worker = kiosk_client.get("/feedback/kiosk/sw.js").content.decode()

    assert survey_url(survey) in worker
    assert survey_url(survey, "ar") in worker


def test_the_review_of_a_survey_text_names_its_question(kiosk_client, coordinator_client, site):
    survey, questions = make_round(site)
    kiosk_client.post(
        f"/feedback/kiosk/survey/{survey.pk}/answer/",
        {"id": str(uuid.uuid4()), "lang": "da", f"q{questions['text'].pk}": "Mere varme"},
    )
    text = VisitorText.objects.get()

    page = parse(coordinator_client.get(f"/feedback/texts/{text.pk}/").content)

    assert "Et svar i brugerundersøgelsen på “Hvad kan vi gøre bedre?”." in page.text
