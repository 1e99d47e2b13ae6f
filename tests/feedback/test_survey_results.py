"""The survey's results per round and site, and two rounds compared question by question,
through core.disclosure: nothing for a site with fewer replies than the threshold, withheld
cells and totals, texts only after review, nothing while a round is open (issue 21)."""

import datetime
import uuid

import pytest
from django.utils import timezone

from core.disclosure import Complement, Few, NotPublished
from feedback.models import Question, SurveyQuestion, VisitorText
from feedback.services import receive_survey_replies
from feedback.survey_results import compare_rounds, round_results, survey_indicators
from tests.dom import parse
from tests.feedback.factories import SurveyFactory
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
ENDED = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def scale():
    return Question.objects.create(text="Hvor tryg føler du dig?", kind="scale")


@pytest.fixture
def choice():
    return Question.objects.create(text="Hvor hørte du om os?", kind="single", choices=["A", "B"])


@pytest.fixture
def words():
    return Question.objects.create(text="Hvad kan vi gøre bedre?", kind="text")


def a_round(title, sites, questions, *, ends=ENDED):
    survey = SurveyFactory(
        title=title, starts=ends - datetime.timedelta(days=20), ends=ends, with_question=False
    )
    survey.sites.add(*sites)
    for order, question in enumerate(questions):
        SurveyQuestion.objects.create(survey=survey, question=question, order=order)
    return survey


def answer(survey, site, answers, n=1):
    """n replies from the paper form (no allowance), dated the round's last day."""
    replies = [
        {
            "id": str(uuid.uuid4()),
            "date": survey.ends.isoformat(),
            "survey": survey.pk,
            "answers": {str(q.pk): v for q, v in answers.items()},
        }
        for _ in range(n)
    ]
    result = receive_survey_replies(
        site=site, replies=replies, surveys={survey.pk: survey}, today=TODAY
    )
    assert not result.rejected, result.rejected


def test_results_per_site_withhold_small_sites_and_cells(scale, choice, words):
    bus, pavilion = SiteFactory(name="Bussen"), SiteFactory(name="Pavillonen")
    survey = a_round("Baseline", [bus, pavilion], [scale, choice, words])
    answer(survey, bus, {scale: 4, choice: 1}, n=6)
    answer(survey, bus, {scale: 2, choice: 2, words: "Flere tæpper"}, n=2)
    answer(survey, pavilion, {scale: 5}, n=3)

    found = round_results(survey, today=TODAY)

    by_name = {place.name: place for place in found.sites}
    bus_result = by_name["Bussen"]
    assert bus_result.replies == 8
    scale_result = bus_result.questions[0]
    assert scale_result.per_value[3] == (4, "4", 6)
    assert scale_result.per_value[1] == (2, "2", Few(5))
    assert scale_result.average == Complement()  # built from a withheld count
    assert bus_result.questions[2].texts == []  # waiting for review
    # A site with fewer replies than the threshold shows nothing but the mark.
    assert by_name["Pavillonen"].replies == Few(5)
    assert by_name["Pavillonen"].questions == []
    # Together: the pavilion's withheld cells make the totals withheld too.
    assert found.total.replies == Complement()
    assert found.total.questions == []


def test_approved_texts_show_for_their_site_and_question(scale, words):
    bus = SiteFactory(name="Bussen")
    survey = a_round("Baseline", [bus], [scale, words])
    answer(survey, bus, {scale: 3}, n=5)
    answer(survey, bus, {scale: 3, words: "Varmere kaffe"})
    answer(survey, bus, {scale: 3, words: "Venter stadig"})
    VisitorText.objects.filter(body="Varmere kaffe").update(status="approved")

    place = round_results(survey, today=TODAY).sites[0]

    assert [t.body for t in place.questions[1].texts] == ["Varmere kaffe"]
    assert place.questions[0].average == 3.0


def test_an_open_round_is_not_published(scale):
    survey = a_round("Åben", [SiteFactory()], [scale], ends=TODAY)

    with pytest.raises(NotPublished):
        round_results(survey, today=TODAY)


def test_two_rounds_compare_by_shared_question(scale, choice, words):
    bus = SiteFactory(name="Bussen")
    extra = Question.objects.create(text="Kun i gentagelsen", kind="scale")
    baseline = a_round("Baseline 2024", [bus], [scale, choice])
    repeat = a_round("Gentagelse 2026", [bus], [scale, extra, words])
    answer(baseline, bus, {scale: 2, choice: 1}, n=5)
    answer(repeat, bus, {scale: 4, extra: 1}, n=5)
    answer(repeat, bus, {scale: 5}, n=5)

    found = compare_rounds(baseline, repeat, today=TODAY)

    assert [item.question for item in found.questions] == [scale]
    item = found.questions[0]
    assert (item.first.average, item.second.average) == (2.0, 4.5)
    assert item.rows()[1] == ("2", 5, 100.0, 0, 0.0)
    assert "Baseline 2024" in item.chart and "<svg" in item.chart


def test_the_indicator_gives_each_ended_rounds_replies_and_averages(scale):
    bus = SiteFactory(name="Bussen")
    survey = a_round("Baseline", [bus], [scale])
    a_round("Åben", [bus], [scale], ends=TODAY)
    answer(survey, bus, {scale: 4}, n=5)

    found = survey_indicators(start=ENDED - datetime.timedelta(days=30), end=TODAY, today=TODAY)

    assert [(i.label, i.value) for i in found] == [
        ("Svar på brugerundersøgelsen", 5),
        ("“Hvor tryg føler du dig?” (gennemsnit, 1–5)", 4.0),
    ]
    assert found[0].note == "Undersøgelsens runde Baseline"


def test_the_results_page_shows_the_sites_and_a_chart(manager_client, scale):
    bus = SiteFactory(name="Bussen", slug="bussen")
    survey = a_round("Baseline", [bus], [scale])
    answer(survey, bus, {scale: 4}, n=5)

    page = parse(manager_client.get(f"/feedback/surveys/{survey.pk}/results/").content)

    section = page.one("section[aria-labelledby=result-site-bussen]")
    assert section.one("h2").text == "Bussen"
    assert section.select("svg")
    table = section.one("table")
    assert table.row("4")[1] == "5"


def test_the_compare_page_refuses_the_same_round_twice(manager_client, scale):
    survey = a_round("Baseline", [SiteFactory()], [scale])

    response = manager_client.get(
        f"/feedback/surveys/compare/?first={survey.pk}&second={survey.pk}"
    )

    assert response.status_code == 400
    assert "Vælg to forskellige runder." in parse(response.content).text
