"""Answering the user-experience survey: replies from the kiosk's outbox, each stored once by
the id made on the device, anonymous (round, site, date and answers only), with texts held for
review (issue 21)."""

import datetime
import json
import uuid

import pytest
from django.utils import timezone

from feedback.models import (
    PhoneDay,
    Question,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    VisitorText,
)
from feedback.services import receive_survey_replies, surveys_open_at
from tests.feedback.conftest import kiosk_client_for
from tests.feedback.factories import KioskFactory, SurveyFactory
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db
URL = "/feedback/kiosk/api/survey/"


def make_round(site, *, title="Baseline 2026", starts=None, ends=None):
    today = timezone.localdate()
    survey = SurveyFactory(
        title=title,
        starts=starts or today - datetime.timedelta(days=3),
        ends=ends or today + datetime.timedelta(days=3),
        with_question=False,
    )
    survey.sites.add(site)
    questions = {
        "single": Question.objects.create(
            text="Hvordan hørte du om os?", kind="single", choices=["Venner", "Kommunen", "Andet"]
        ),
        "multiple": Question.objects.create(
            text="Hvad bruger du?", kind="multiple", choices=["Mad", "Bad", "Rådgivning"]
        ),
        "scale": Question.objects.create(text="Hvor tryg føler du dig?", kind="scale"),
        "text": Question.objects.create(text="Hvad kan vi gøre bedre?", kind="text"),
    }
    for order, question in enumerate(questions.values()):
        SurveyQuestion.objects.create(survey=survey, question=question, order=order)
    return survey, questions


def reply(survey, questions, **answers):
    values = answers or {"single": 2, "multiple": [1, 3], "scale": 4, "text": "Mere kaffe"}
    return {
        "id": str(uuid.uuid4()),
        "date": timezone.localdate().isoformat(),
        "survey": survey.pk,
        "answers": {str(questions[kind].pk): value for kind, value in values.items()},
    }


def post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_a_reply_is_stored_once_with_each_kind_of_answer(kiosk_client, site):
    survey, questions = make_round(site)
    first = reply(survey, questions)

    body = post(kiosk_client, {"replies": [first]}).json()
    again = post(kiosk_client, {"replies": [first]}).json()

    assert body == {"accepted": [first["id"]], "duplicates": [], "rejected": []}
    assert again["duplicates"] == [first["id"]]
    response = SurveyResponse.objects.get()
    assert (response.survey, response.site, response.date) == (survey, site, timezone.localdate())
    rows = {(a.question_id, a.value) for a in SurveyAnswer.objects.all()}
    assert rows == {
        (questions["single"].pk, 2),
        (questions["multiple"].pk, 1),
        (questions["multiple"].pk, 3),
        (questions["scale"].pk, 4),
        (questions["text"].pk, 0),
    }
    text = SurveyAnswer.objects.get(question=questions["text"]).text
    assert (text.body, text.status) == ("Mere kaffe", VisitorText.Status.PENDING)


def test_a_reply_holds_round_site_date_and_answers_only():
    # No time, device, kiosk, channel, address or user: a test fails if one is added.
    assert {f.name for f in SurveyResponse._meta.concrete_fields} == {
        "id",
        "survey",
        "site",
        "date",
    }
    assert {f.name for f in SurveyAnswer._meta.concrete_fields} == {
        "response",
        "question",
        "value",
        "text",
    }


@pytest.mark.parametrize(
    ("answers", "error"),
    [
        ({"single": 4}, "Svaret på “Hvordan hørte du om os?” er ikke et af dets valg."),
        ({"single": [1, 2]}, "Svaret på “Hvordan hørte du om os?” er ikke et af dets valg."),
        ({"scale": 6}, "Svaret på “Hvor tryg føler du dig?” er ikke et af dets valg."),
        ({"multiple": [0]}, "Svaret på “Hvad bruger du?” er ikke et af dets valg."),
        ({"text": "   "}, "Svar på mindst ét spørgsmål."),
    ],
)
def test_a_bad_answer_is_refused_with_a_reason_and_nothing_is_kept(
    kiosk_client, site, answers, error
):
    survey, questions = make_round(site)
    bad = reply(survey, questions, **answers)

    body = post(kiosk_client, {"replies": [bad]}).json()

    assert body["rejected"] == [{"id": bad["id"], "error": error}]
    assert not SurveyResponse.objects.exists()
    assert not VisitorText.objects.exists()


def test_a_question_of_another_round_or_a_closed_round_is_refused(kiosk_client, site):
    survey, questions = make_round(site)
    other, other_questions = make_round(site, title="Gentagelse")
    mixed = reply(survey, questions, scale=3)
    mixed["answers"][str(other_questions["scale"].pk)] = 3
    ended, ended_questions = make_round(
        site,
        title="Sidste år",
        starts=timezone.localdate() - datetime.timedelta(days=20),
        ends=timezone.localdate() - datetime.timedelta(days=10),
    )
    late = reply(ended, ended_questions, scale=3)
    elsewhere, elsewhere_questions = make_round(SiteFactory(), title="Et andet sted")

    body = post(
        kiosk_client,
        {"replies": [mixed, late, reply(elsewhere, elsewhere_questions, scale=3)]},
    ).json()

    assert [r["error"] for r in body["rejected"]] == [
        f"Ukendt spørgsmål: {other_questions['scale'].pk}.",
        "Undersøgelsens runde var ikke åben den dag.",
        "Denne runde af undersøgelsen tager ikke imod svar her.",
    ]
    assert not SurveyResponse.objects.exists()


def test_a_reply_made_offline_on_the_last_day_arrives_after_the_round_ended(site):
    today = timezone.localdate()
    survey, questions = make_round(
        site, starts=today - datetime.timedelta(days=5), ends=today - datetime.timedelta(days=1)
    )
    late = reply(survey, questions, scale=5)
    late["date"] = (today - datetime.timedelta(days=1)).isoformat()

    result = receive_survey_replies(site=site, replies=[late], surveys=surveys_open_at(site))

    assert result.accepted == [late["id"]]


def test_the_kiosks_daily_allowance_counts_survey_replies(kiosk_client, site, settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "KIOSK_ANSWERS_PER_DAY": 1}
    survey, questions = make_round(site)
    first, second = reply(survey, questions, scale=1), reply(survey, questions, scale=2)

    body = post(kiosk_client, {"replies": [first, second]}).json()

    assert body["accepted"] == [first["id"]]
    assert body["rejected"][0]["id"] == second["id"]
    assert SurveyResponse.objects.count() == 1


def test_a_phones_replies_count_against_the_links_allowance_per_site_and_day(site, settings):
    settings.VARMESTUE = {**settings.VARMESTUE, "PHONE_ANSWERS_PER_DAY": 2}
    survey, questions = make_round(site)
    replies = [reply(survey, questions, scale=n) for n in (1, 2, 3)]

    result = receive_survey_replies(
        site=site, replies=replies, surveys={survey.pk: survey}, phone=True
    )

    assert len(result.accepted) == 2
    assert result.rejected[0]["error"] == (
        "Der er sendt det højeste antal svar, der er tilladt på én dag, herfra."
    )
    assert PhoneDay.objects.get().answers == 2


def test_no_token_a_revoked_kiosk_or_a_login_is_refused(client, site, staff_user):
    survey, questions = make_round(site)
    kiosk = KioskFactory(site=site)
    logged_in = kiosk_client_for(kiosk)
    logged_in.force_login(staff_user)

    assert post(client, {"replies": [reply(survey, questions)]}).status_code == 403
    assert post(logged_in, {"replies": [reply(survey, questions)]}).status_code == 403
    kiosk.revoked_at = timezone.now()
    kiosk.save()
    assert post(kiosk_client_for(kiosk), {"replies": [reply(survey, questions)]}).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_a_survey_text_is_not_among_the_feedback_box_texts(site):
    survey, questions = make_round(site)
    receive_survey_replies(
        site=site,
        replies=[reply(survey, questions, text="Mere kaffe")],
        surveys={survey.pk: survey},
    )
    VisitorText.objects.update(status=VisitorText.Status.APPROVED)
    from feedback.selectors import box_texts

    assert list(box_texts(site_ids=[site.pk], start=survey.starts, end=survey.ends)) == []
