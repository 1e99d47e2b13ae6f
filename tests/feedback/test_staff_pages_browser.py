"""The visitors' voice staff pages in a real browser, in Danish, at a phone's, a tablet's and
a desktop's width: the review of texts, the results with a chart and withheld figures, the
meetings with their actions and the dashboard panel fit the screen and pass axe (issue 21)."""

import datetime
import os

import pytest
from django.utils import timezone

from core.roles import Role
from feedback.models import VisitorText
from tests.browser.axe import axe_violations, describe
from tests.core.factories import UserFactory
from tests.feedback.factories import (
    FeedbackEntryFactory,
    MeetingActionFactory,
    QuestionFactory,
    SurveyFactory,
    VisitorTextFactory,
)
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.browser

WIDTHS = [390, 768, 1280]
SHOTS = os.environ.get("FEEDBACK_SCREENSHOTS", "")  # a folder, to look at the pages by eye


# The first element that sticks out on the right, for the failure message.
WIDEST = """() => {
  const over = [...document.querySelectorAll("body *")].filter(
    (el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
      && !(el.parentElement && el.parentElement.closest(".vs-table-wrap")));
  return over.map((el) => el.outerHTML.slice(0, 120)).join(" | ").slice(0, 600);
}"""


@pytest.fixture
def data(live_url):
    coordinator = UserFactory(username="koordinator", first_name="Kim", role=Role.COORDINATOR)
    bus = SiteFactory(slug="bussen", name="Bussen")
    day = timezone.localdate().replace(day=1) - datetime.timedelta(days=10)
    for mood in range(1, 6):
        for _ in range(5):
            FeedbackEntryFactory(site=bus, mood=mood, date=day)
    FeedbackEntryFactory(site=SiteFactory(slug="pav", name="Pavillonen i Korsør"), date=day)
    text = VisitorTextFactory(site=bus, date=day, body="Der mangler varm kaffe om morgenen.")
    VisitorTextFactory(
        site=bus, date=day, body="Rart personale", status=VisitorText.Status.APPROVED
    )
    action = MeetingActionFactory(
        meeting__site=bus,
        description="Spørg de frivillige om søndagsvagter",
        responsible=coordinator,
        due=timezone.localdate() - datetime.timedelta(days=1),
    )
    survey = SurveyFactory(title="Baseline 2026")
    survey.sites.add(bus)
    QuestionFactory(text="Hvad betyder mest?", kind="single", choices=["Mad", "Varme"])
    return {
        "coordinator": coordinator,
        "pages": [
            "/",
            "/feedback/",
            "/feedback/texts/",
            f"/feedback/texts/{text.pk}/",
            f"/feedback/results/?start={day.isoformat()}&end={day.isoformat()}",
            "/feedback/meetings/",
            action.meeting.get_absolute_url(),
            "/feedback/meetings/new/",
            "/feedback/surveys/",
            "/feedback/surveys/new/",
            survey.get_absolute_url(),
            "/feedback/surveys/questions/new/",
        ],
    }


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_the_staff_pages_fit_the_screen_and_pass_axe(new_context, log_in, data, width):
    context = new_context(viewport={"width": width, "height": 900})
    log_in(data["coordinator"], context)
    tab = context.new_page()
    for number, path in enumerate(data["pages"]):
        response = tab.goto(path)
        assert response.status == 200, path
        assert tab.evaluate("document.documentElement.lang") == "da"
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        wide = tab.evaluate(WIDEST)
        if SHOTS and scroll > width:
            tab.screenshot(path=f"{SHOTS}/wide-{width}-{number}.png", full_page=True)
        assert scroll <= width, f"{path} is {scroll} px wide at {width} px: {wide}"
        violations = axe_violations(tab)
        assert not violations, f"{path} at {width} px: {describe(violations)}"
        if SHOTS:
            tab.screenshot(path=f"{SHOTS}/{width}-{number}.png", full_page=True)
