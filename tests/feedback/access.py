"""Access classification of the feedback URLs."""

from tests.access import COORDINATORS, OPERATIONS, PUBLIC, ROLES, Access, expect

# Staff and coordinators set up kiosks and type in paper forms (collect_feedback).
COLLECTORS = expect(staff="ok", coordinator="ok")
# The kiosk's own URLs need the kiosk's device token; without it nobody gets the kiosk, and
# with it only a device where nobody is logged in (it never runs beside a staff login).
NO_TOKEN = expect(
    anonymous="forbidden",
    volunteer="forbidden",
    staff="forbidden",
    coordinator="forbidden",
    manager="forbidden",
    superuser="forbidden",
)
WITH_TOKEN = {**NO_TOKEN, "anonymous": "ok"}


def _kiosk(users) -> dict:
    from tests.feedback.factories import KioskFactory

    return {"pk": KioskFactory().pk}


def _token(users) -> dict:
    from feedback.kiosk_token import COOKIE_NAME
    from tests.feedback.conftest import kiosk_cookie
    from tests.feedback.factories import KioskFactory

    return {COOKIE_NAME: kiosk_cookie(KioskFactory())}


def _text(users) -> dict:
    from tests.feedback.factories import VisitorTextFactory

    return {"pk": VisitorTextFactory().pk}


def _meeting(users) -> dict:
    from tests.feedback.factories import VisitorMeetingFactory

    return {"pk": VisitorMeetingFactory().pk}


def _action(users) -> dict:
    from tests.feedback.factories import MeetingActionFactory

    return {"pk": MeetingActionFactory(responsible=users["coordinator"]).pk}


READERS = expect(coordinator="ok", manager="ok")  # view_feedback


def _survey(users) -> dict:
    from tests.feedback.factories import SurveyFactory

    return {"pk": SurveyFactory().pk}


def _polish(users) -> dict:
    return {"lang": "pl"}


def _open_survey(users) -> dict:
    """A survey round open today at a new site; `_survey_token` makes a kiosk there."""
    from tests.feedback.factories import SurveyFactory

    return {"pk": SurveyFactory().pk}


KNOWN_QUESTION = 990001  # a question id the posted form can name


def _open_survey_known_question(users) -> dict:
    """An open round at a new site asking one scale question with the id KNOWN_QUESTION."""
    from feedback.models import Question, SurveyQuestion
    from tests.feedback.factories import SurveyFactory
    from tests.sites.factories import SiteFactory

    survey = SurveyFactory(with_question=False)
    survey.sites.add(SiteFactory())
    question = Question.objects.create(pk=KNOWN_QUESTION, text="Hvor tryg?", kind="scale")
    SurveyQuestion.objects.create(survey=survey, question=question)
    return {"pk": survey.pk}


def _open_survey_polish(users) -> dict:
    return {**_open_survey(users), "lang": "pl"}


def _survey_token(users) -> dict:
    """A kiosk at the site of the newest survey round (made by the kwargs just before)."""
    from feedback.kiosk_token import COOKIE_NAME
    from feedback.models import Survey
    from tests.feedback.conftest import kiosk_cookie
    from tests.feedback.factories import KioskFactory

    site = Survey.objects.order_by("-pk").first().sites.get()
    return {COOKIE_NAME: kiosk_cookie(KioskFactory(site=site))}


def _phone_link(users) -> dict:
    """The public link of a round open today, for its site."""
    from tests.feedback.factories import SurveyFactory

    survey = SurveyFactory()
    return {"key": survey.public_key, "site": survey.sites.get().slug}


def _phone_link_polish(users) -> dict:
    return {**_phone_link(users), "lang": "pl"}


def _phone_link_known_question(users) -> dict:
    from feedback.models import Survey

    pk = _open_survey_known_question(users)["pk"]
    survey = Survey.objects.get(pk=pk)
    return {"key": survey.public_key, "site": survey.sites.get().slug}


ACCESS = [
    Access("feedback:home", OPERATIONS),
    Access("feedback:kiosks", COLLECTORS),
    # An empty form is shown again with its errors.
    Access("feedback:kiosk_start", COLLECTORS, method="post"),
    Access("feedback:kiosk_revoke", COLLECTORS, kwargs=_kiosk, method="post"),
    Access("feedback:results", READERS),
    Access("feedback:results", READERS, query="start=2099-01-01"),
    Access("feedback:surveys", READERS),
    Access("feedback:survey_detail", READERS, kwargs=_survey),
    Access("feedback:survey_create", COORDINATORS),
    Access("feedback:survey_update", COORDINATORS, kwargs=_survey),
    Access("feedback:question_create", COORDINATORS),
    # An empty form is shown again with its errors.
    Access("feedback:question_create", COORDINATORS, method="post"),
    Access("feedback:meetings", READERS),
    Access("feedback:meeting_detail", READERS, kwargs=_meeting),
    Access("feedback:meeting_create", COORDINATORS),
    # An empty form is shown again with its errors.
    Access("feedback:meeting_create", COORDINATORS, method="post"),
    Access("feedback:meeting_update", COORDINATORS, kwargs=_meeting),
    Access("feedback:action_add", COORDINATORS, kwargs=_meeting, method="post"),
    Access("feedback:action_done", COORDINATORS, kwargs=_action, method="post"),
    Access("feedback:texts", COORDINATORS),
    Access("feedback:text_review", COORDINATORS, kwargs=_text),
    # Nothing approved or discarded without a complete form: shown again with its errors.
    Access("feedback:text_review", COORDINATORS, kwargs=_text, method="post"),
    Access("feedback:kiosk", NO_TOKEN),
    Access("feedback:kiosk", WITH_TOKEN, cookies=_token),
    Access("feedback:kiosk_language", NO_TOKEN, kwargs=_polish),
    Access("feedback:kiosk_language", WITH_TOKEN, kwargs=_polish, cookies=_token),
    Access("feedback:kiosk_answer", NO_TOKEN, method="post"),
    Access("feedback:kiosk_survey", NO_TOKEN, kwargs=_open_survey),
    Access("feedback:kiosk_survey", WITH_TOKEN, kwargs=_open_survey, cookies=_survey_token),
    Access("feedback:kiosk_survey_language", NO_TOKEN, kwargs=_open_survey_polish),
    Access(
        "feedback:kiosk_survey_language",
        WITH_TOKEN,
        kwargs=_open_survey_polish,
        cookies=_survey_token,
    ),
    Access("feedback:kiosk_survey_answer", NO_TOKEN, kwargs=_open_survey, method="post"),
    Access(
        "feedback:kiosk_survey_answer",
        WITH_TOKEN,
        kwargs=_open_survey_known_question,
        cookies=_survey_token,
        method="post",
        data={"id": "5f0b7e1c-2a3d-4e5f-8a9b-0c1d2e3f4a5b", f"q{KNOWN_QUESTION}": "4"},
    ),
    # The kiosk's sync API takes JSON posts only (tests/feedback/test_kiosk_api.py).
    Access("feedback:kiosk_answers", dict.fromkeys(ROLES, "method_not_allowed")),
    Access("feedback:kiosk_survey_replies", dict.fromkeys(ROLES, "method_not_allowed")),
    # The kiosk's service worker holds nothing secret and must never meet a login page.
    Access("feedback:kiosk_worker", PUBLIC),
    Access(
        "feedback:kiosk_answer",
        WITH_TOKEN,
        method="post",
        cookies=_token,
        data={"id": "0b7e6d4c-3c1a-4f53-9a55-6f1d2b9c8e01", "mood": "4"},
    ),
    # The survey on a visitor's own phone: public, no login, no token; the same for anyone.
    Access("feedback:phone_survey", PUBLIC, kwargs=_phone_link),
    Access("feedback:phone_survey_language", PUBLIC, kwargs=_phone_link_polish),
    Access(
        "feedback:phone_survey_answer",
        PUBLIC,
        kwargs=_phone_link_known_question,
        method="post",
        data={"id": "6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", f"q{KNOWN_QUESTION}": "2"},
    ),
    Access("feedback:phone_survey_thanks", PUBLIC),
    # JSON posts only (tests/feedback/test_phone_survey.py).
    Access(
        "feedback:phone_survey_replies",
        dict.fromkeys(ROLES, "method_not_allowed"),
        kwargs=_phone_link,
    ),
    Access("feedback:survey_poster", READERS, kwargs=_survey),
    Access("feedback:survey_results", READERS, kwargs=_survey),
    Access("feedback:survey_compare", READERS),
    Access("feedback:survey_paper_pdf", COLLECTORS, kwargs=_survey),
    Access("feedback:survey_paper_entry", COLLECTORS, kwargs=_survey),
    # An empty sheet is shown again with its errors; nothing is saved.
    Access("feedback:survey_paper_entry", COLLECTORS, kwargs=_survey, method="post"),
]
