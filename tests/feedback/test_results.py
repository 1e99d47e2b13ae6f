"""The feedback box's results: per site and whole ended months, through core.disclosure, with
approved texts only; and the indicator the USB status document uses."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.disclosure import Complement, Few, NotPublished
from feedback.models import FeedbackTopic
from feedback.selectors import feedback_indicators, feedback_results
from tests.feedback.factories import FeedbackEntryFactory, VisitorTextFactory
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 5)
NOVEMBER = datetime.date(2026, 11, 10)


def answers(site, mood, n, *, day=NOVEMBER, topics=()):
    for _ in range(n):
        entry = FeedbackEntryFactory(site=site, mood=mood, date=day)
        for topic in topics:
            FeedbackTopic.objects.create(entry=entry, topic=topic)


@pytest.fixture
def sites():
    return SiteFactory(name="Bussen", slug="bussen"), SiteFactory(name="Pavillonen", slug="pav")


def test_a_site_with_enough_answers_shows_exact_figures(sites):
    bus, _pavilion = sites
    answers(bus, 5, 6, topics=["food"])
    answers(bus, 4, 5)
    answers(bus, 2, 5)
    answers(bus, 5, 3, day=TODAY)  # this month has not ended: not counted

    result = feedback_results(
        start=datetime.date(2026, 11, 1), end=TODAY, sites=[bus], today=TODAY
    ).sites[0]

    assert result.answers == 16
    assert result.per_mood == {1: 0, 2: 5, 3: 0, 4: 5, 5: 6}
    assert result.per_topic["food"] == 6
    assert result.average == round((2 * 5 + 4 * 5 + 5 * 6) / 16, 1)
    assert result.share_good == round(100 * 11 / 16, 1)


def test_fewer_than_the_threshold_are_withheld_and_so_is_what_gives_them_away(sites):
    bus, pavilion = sites
    answers(bus, 5, 6)
    answers(bus, 1, 2)  # two unhappy answers: "<5", never 2
    answers(pavilion, 3, 1, topics=["safety"])

    found = feedback_results(
        start=datetime.date(2026, 11, 1),
        end=datetime.date(2026, 11, 30),
        sites=[bus, pavilion],
        today=TODAY,
    )
    bus_result, pavilion_result = found.sites

    assert bus_result.per_mood[1] == Few(5)
    assert bus_result.per_mood[5] == 6
    assert bus_result.answers == Complement()  # 8, but 8 - 6 would give the 2 away
    assert bus_result.average == Complement()
    assert bus_result.share_good == Complement()
    assert pavilion_result.answers == Few(5)
    assert pavilion_result.per_topic["safety"] == Few(5)
    assert found.total.answers == Complement()


def test_a_period_with_no_ended_month_is_not_shown(sites):
    with pytest.raises(NotPublished):
        feedback_results(start=TODAY, end=TODAY, sites=list(sites), today=TODAY)


def test_only_approved_texts_are_shown_and_never_one_waiting_for_review(sites):
    bus, _pavilion = sites
    VisitorTextFactory(site=bus, date=NOVEMBER, body="Godkendt tekst", status="approved")
    VisitorTextFactory(site=bus, date=NOVEMBER, body="Venter på gennemsyn")
    VisitorTextFactory(site=bus, date=NOVEMBER, body="", status="discarded")

    result = feedback_results(start=NOVEMBER, end=NOVEMBER, sites=[bus], today=TODAY).sites[0]

    assert [t.body for t in result.texts] == ["Godkendt tekst"]


def test_the_indicators_for_the_usb_document_pass_disclosure(sites):
    bus, pavilion = sites
    answers(bus, 5, 5)
    answers(bus, 4, 5)
    answers(pavilion, 2, 1)

    everywhere = feedback_indicators(
        start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31), today=TODAY
    )
    assert [i.value for i in everywhere] == [Complement(), Complement(), Complement()]
    assert "hele måneder" in everywhere[0].note  # cut to the months that have ended
    bus_only = feedback_indicators(
        start=datetime.date(2026, 11, 1),
        end=datetime.date(2026, 11, 30),
        site_ids=[bus.pk],
        today=TODAY,
    )
    assert [(i.label, i.value) for i in bus_only] == [
        ("Svar i feedbackboksen", 10),
        ("Brugere, der havde en god eller rigtig god dag (procent)", 100.0),
        ("Gennemsnitligt ansigt (1 meget dårligt – 5 rigtig godt)", 4.5),
    ]


def _last_month() -> datetime.date:
    return timezone.localdate().replace(day=1) - datetime.timedelta(days=20)


def test_managers_see_the_results_page_with_withheld_cells_and_a_chart(manager_client, sites):
    bus, pavilion = sites
    day = _last_month()
    for mood in range(1, 6):
        answers(bus, mood, 5, day=day)
    answers(pavilion, 4, 2, day=day)
    VisitorTextFactory(site=bus, date=day, body="Rart med varm suppe", status="approved")
    VisitorTextFactory(site=bus, date=day, body="Hemmelig tekst")

    response = manager_client.get(
        reverse("feedback:results"), {"start": day.isoformat(), "end": day.isoformat()}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Resultater fra feedbackboksen" in html
    assert "Rart med varm suppe" in html
    assert "Hemmelig tekst" not in html
    assert "&lt;5" in html  # the pavilion's two answers
    assert html.count("<svg") == 1  # the bus's faces; the others would draw "<5"
    assert "Svar pr. ansigt: Bussen" in html


def test_a_period_not_yet_ended_says_so(manager_client, sites):
    today = timezone.localdate()
    response = manager_client.get(reverse("feedback:results"), {"start": today.isoformat()})

    assert response.status_code == 200
    assert "hele måneder, der er slut" in response.content.decode()


def test_a_period_that_ends_before_it_starts_is_refused(manager_client):
    response = manager_client.get(
        reverse("feedback:results"), {"start": "2026-05-01", "end": "2026-04-01"}
    )

    assert "Perioden kan ikke slutte, før den begynder." in response.content.decode()
