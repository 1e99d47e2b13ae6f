"""The user-experience survey's rounds and question bank: coordinators define a round with
questions of four kinds, and a question is reused between rounds (issue 21)."""

import pytest
from django.urls import reverse

from core.audit import history_for
from feedback.models import Question, Survey
from tests.core.formwalk import post_edit
from tests.feedback.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_a_choice_question_to_the_bank(coordinator_client):
    response = coordinator_client.post(
        reverse("feedback:question_create"),
        {"text": "Hvad betyder mest for dig?", "kind": "single", "choices": "Mad\n\nVarme\nMad\n"},
    )

    assert response["Location"] == reverse("feedback:surveys")
    question = Question.objects.get()
    assert (question.kind, question.choices) == ("single", ["Mad", "Varme"])


@pytest.mark.parametrize(
    ("kind", "choices", "message"),
    [
        ("multiple", "Kun én", "Angiv mindst to valgmuligheder"),
        ("scale", "1\n2", "Kun spørgsmål med et eller flere valg har valgmuligheder."),
        ("essay", "", "Marker en gyldig valgmulighed."),
    ],
)
def test_a_question_that_does_not_fit_its_kind_is_refused(
    coordinator_client, kind, choices, message
):
    response = coordinator_client.post(
        reverse("feedback:question_create"), {"text": "Spørgsmål", "kind": kind, "choices": choices}
    )

    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_two_rounds_reuse_a_question_in_the_banks_order(coordinator_client, site):
    safe = QuestionFactory(text="Hvor tryg føler du dig her?", kind="scale")
    food = QuestionFactory(text="Hvad synes du om maden?", kind="text")

    for title, year in (("Baseline 2024", 2024), ("Gentagelse 2026", 2026)):
        response = coordinator_client.post(
            reverse("feedback:survey_create"),
            {
                "title": title,
                "starts": f"{year}-03-01",
                "ends": f"{year}-03-31",
                "sites": [site.pk],
                "questions": [food.pk, safe.pk],
            },
        )
        assert response.status_code == 302

    baseline, repeat = Survey.objects.order_by("starts")
    assert baseline.ordered_questions() == [safe, food] == repeat.ordered_questions()
    assert list(repeat.sites.all()) == [site]
    assert history_for(repeat).get().action == "create"
    html = coordinator_client.get(reverse("feedback:surveys")).content.decode()
    assert "i 2 runder" in html


def test_editing_a_round_changes_its_questions(coordinator_client, site):
    keep, drop, add = QuestionFactory(), QuestionFactory(), QuestionFactory()
    survey = Survey.objects.create(title="Runde", starts="2026-01-01", ends="2026-01-31")
    survey.survey_questions.create(question=keep, order=0)
    survey.survey_questions.create(question=drop, order=1)

    post_edit(
        coordinator_client,
        reverse("feedback:survey_update", kwargs={"pk": survey.pk}),
        {
            "title": "Runde",
            "starts": "2026-01-01",
            "ends": "2026-01-31",
            "sites": [site.pk],
            "questions": [keep.pk, add.pk],
        },
    )

    assert survey.ordered_questions() == [keep, add]


def test_a_round_that_ends_before_it_starts_is_refused(coordinator_client, site):
    response = coordinator_client.post(
        reverse("feedback:survey_create"),
        {
            "title": "Baglæns",
            "starts": "2026-03-31",
            "ends": "2026-03-01",
            "sites": [site.pk],
            "questions": [QuestionFactory().pk],
        },
    )

    assert "Perioden kan ikke slutte, før den begynder." in response.content.decode()
    assert not Survey.objects.exists()
