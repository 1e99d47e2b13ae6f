from django.urls import path, register_converter

from feedback.languages import CODES
from feedback.views import (
    kiosk,
    kiosk_api,
    kiosks,
    meetings,
    pages,
    phone,
    results,
    surveys,
    texts,
)


class VisitorLanguageConverter:
    regex = "|".join(CODES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(VisitorLanguageConverter, "visitorlang")

app_name = "feedback"

urlpatterns = [
    path("", pages.home, name="home"),
    path("kiosks/", kiosks.kiosk_list, name="kiosks"),
    path("kiosks/start/", kiosks.kiosk_start, name="kiosk_start"),
    path("kiosks/<int:pk>/revoke/", kiosks.kiosk_revoke, name="kiosk_revoke"),
    path("results/", results.results, name="results"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.MeetingUpdateView.as_view(), name="meeting_update"),
    path("meetings/<int:pk>/actions/", meetings.action_add, name="action_add"),
    path("actions/<int:pk>/done/", meetings.action_done, name="action_done"),
    path("surveys/", surveys.survey_list, name="surveys"),
    path("surveys/new/", surveys.SurveyCreateView.as_view(), name="survey_create"),
    path("surveys/<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/edit/", surveys.SurveyUpdateView.as_view(), name="survey_update"),
    path("surveys/compare/", surveys.survey_compare, name="survey_compare"),
    path("surveys/<int:pk>/results/", surveys.survey_results, name="survey_results"),
    path("surveys/<int:pk>/poster/", surveys.survey_poster, name="survey_poster"),
    path("surveys/<int:pk>/paper.pdf", surveys.survey_paper_pdf, name="survey_paper_pdf"),
    path("surveys/<int:pk>/paper/", surveys.survey_paper_entry, name="survey_paper_entry"),
    path("surveys/questions/new/", surveys.QuestionCreateView.as_view(), name="question_create"),
    path("texts/", texts.text_list, name="texts"),
    path("texts/<uuid:pk>/", texts.text_review, name="text_review"),
    # The kiosk itself: public URLs, allowed by the kiosk's token (feedback/kiosk_token.py).
    path("kiosk/", kiosk.kiosk, name="kiosk"),
    path("kiosk/answer/", kiosk.kiosk_answer, name="kiosk_answer"),
    path("kiosk/api/answers/", kiosk_api.kiosk_answers, name="kiosk_answers"),
    path("kiosk/api/survey/", kiosk_api.kiosk_survey_replies, name="kiosk_survey_replies"),
    path("kiosk/sw.js", kiosk.kiosk_worker, name="kiosk_worker"),
    path("kiosk/<visitorlang:lang>/", kiosk.kiosk, name="kiosk_language"),
    path("kiosk/survey/<int:pk>/", kiosk.kiosk_survey, name="kiosk_survey"),
    path(
        "kiosk/survey/<int:pk>/<visitorlang:lang>/",
        kiosk.kiosk_survey,
        name="kiosk_survey_language",
    ),
    path("kiosk/survey/<int:pk>/answer/", kiosk.kiosk_survey_answer, name="kiosk_survey_answer"),
    # The survey on a visitor's own phone (the QR code): public, no login and no token.
    path("s/thanks/", phone.phone_survey_thanks, name="phone_survey_thanks"),
    path("s/<str:key>/<slug:site>/", phone.phone_survey, name="phone_survey"),
    path("s/<str:key>/<slug:site>/answer/", phone.phone_survey_answer, name="phone_survey_answer"),
    path("s/<str:key>/<slug:site>/api/", phone.phone_survey_replies, name="phone_survey_replies"),
    path(
        "s/<str:key>/<slug:site>/<visitorlang:lang>/",
        phone.phone_survey,
        name="phone_survey_language",
    ),
]
