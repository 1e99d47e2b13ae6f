"""The survey on paper: the A4 form made from a round (a tagged PDF in Danish, read back with
pypdf), and staff typing one filled-in sheet in as a reply, saved once however often it is
sent (issue 21)."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from core.submission import TOKEN_FIELD
from feedback.models import SurveyAnswer, SurveyResponse, VisitorText
from tests.dom import parse
from tests.feedback.test_survey_answers import make_round

pytestmark = pytest.mark.django_db


def test_the_paper_form_is_a_tagged_a4_pdf_in_danish_with_every_question(staff_client, site):
    survey, questions = make_round(site)

    response = staff_client.get(f"/feedback/surveys/{survey.pk}/paper.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert survey.title in text
    for question in questions.values():
        assert question.text in text
    assert "Kommunen" in text and "sæt ét kryds" in text
    assert "skriv ikke dit eget eller andres navn" in text
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "da"
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def sheet(page, survey, questions, site, **extra):
    token = parse(page.content).one(f"input[name={TOKEN_FIELD}]")["value"]
    return {
        TOKEN_FIELD: token,
        "site": site.pk,
        "date": timezone.localdate().isoformat(),
        f"q{questions['single'].pk}": "3",
        f"q{questions['multiple'].pk}": ["1", "2"],
        f"q{questions['scale'].pk}": "2",
        f"q{questions['text'].pk}": "Bedre senge",
        **extra,
    }


def test_a_sheet_typed_in_twice_is_saved_once(staff_client, site):
    survey, questions = make_round(site)
    url = f"/feedback/surveys/{survey.pk}/paper/"
    data = sheet(staff_client.get(url), survey, questions, site)

    first = staff_client.post(url, data)
    second = staff_client.post(url, data)

    assert first.status_code == 302 and first["Location"] == url
    assert second.status_code == 302
    response = SurveyResponse.objects.get()
    assert (response.site, response.date) == (site, timezone.localdate())
    assert sorted(SurveyAnswer.objects.values_list("question_id", "value")) == sorted(
        [
            (questions["single"].pk, 3),
            (questions["multiple"].pk, 1),
            (questions["multiple"].pk, 2),
            (questions["scale"].pk, 2),
            (questions["text"].pk, 0),
        ]
    )
    assert VisitorText.objects.get().status == VisitorText.Status.PENDING
    # The next sheet gets a new token and an empty form.
    again = parse(staff_client.get(url).content)
    assert again.one(f"input[name={TOKEN_FIELD}]")["value"] != data[TOKEN_FIELD]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "2001-01-01"}, "Datoen skal ligge inden for rundens periode."),
        (
            {
                "q_single": "",
                "q_multiple": [],
                "q_scale": "",
                "q_text": "",
            },
            "Svar på mindst ét spørgsmål.",
        ),
    ],
)
def test_a_sheet_that_cannot_be_saved_says_why_and_saves_nothing(
    staff_client, site, change, message
):
    survey, questions = make_round(site)
    url = f"/feedback/surveys/{survey.pk}/paper/"
    data = sheet(staff_client.get(url), survey, questions, site)
    for key, value in change.items():
        if key.startswith("q_"):
            data[f"q{questions[key[2:]].pk}"] = value
        else:
            data[key] = value

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert message in parse(response.content).text
    assert not SurveyResponse.objects.exists()
    # The token was not used up: the corrected sheet saves.
    data.update(date=timezone.localdate().isoformat(), **{f"q{questions['scale'].pk}": "5"})
    assert staff_client.post(url, data).status_code == 302
    assert SurveyResponse.objects.count() == 1


def test_a_date_in_the_future_is_refused(staff_client, site):
    survey, questions = make_round(site)
    url = f"/feedback/surveys/{survey.pk}/paper/"
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = sheet(staff_client.get(url), survey, questions, site, date=tomorrow.isoformat())

    response = staff_client.post(url, data)

    assert "Datoen kan ikke ligge i fremtiden." in parse(response.content).text
    assert not SurveyResponse.objects.exists()
