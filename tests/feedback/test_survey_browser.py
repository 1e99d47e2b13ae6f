"""The survey on the kiosk tablet in a real browser: a visitor goes from the kiosk's start to
the survey and answers each kind of question with the keyboard alone at a tablet's and a
phone's width; replies made offline arrive once; the survey passes axe in every visitor
language (issue 21)."""

import pytest
from playwright.sync_api import expect

from feedback.models import SurveyAnswer, SurveyResponse, VisitorText
from tests.browser.axe import axe_violations, describe
from tests.browser.journeys.drivers import Keyboard, assert_focus_visible
from tests.feedback.factories import KioskFactory
from tests.feedback.test_kiosk_browser import PHONE, TABLET, no_wider_than_the_screen, open_kiosk
from tests.feedback.test_survey_answers import make_round
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def short_fold(settings):
    """A reply waits the fold time on the tablet before it is sent; 1 s instead of 5."""
    settings.VARMESTUE = {**settings.VARMESTUE, "FEEDBACK_FOLD_SECONDS": 1}


@pytest.fixture
def bus(live_url):
    return SiteFactory(slug="bussen", name="Bussen")


def status(tab):
    return tab.locator("#survey-status")


def choose_radio(driver, tab, name: str, number: int) -> None:
    """Into a radio group with Tab, then the arrow keys move the choice."""
    driver.tab_to(tab.locator(f"#survey-{name}-1"))
    assert_focus_visible(tab)
    for _ in range(number - 1):
        tab.keyboard.press("ArrowRight")
    expect(tab.locator(f"#survey-{name}-{number}")).to_be_checked()
    assert_focus_visible(tab)


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["768px", "390px"])
def test_a_visitor_answers_the_survey_with_the_keyboard_alone(new_context, live_url, bus, viewport):
    survey, questions = make_round(bus)
    kiosk = KioskFactory(site=bus)
    tab = open_kiosk(new_context(viewport=viewport), live_url, kiosk)
    driver = Keyboard(tab)
    driver._loaded()

    driver.go(tab.get_by_role("link", name="Svar på undersøgelsen"))
    expect(tab.get_by_role("heading", level=1, name=survey.title)).to_be_visible()
    no_wider_than_the_screen(tab)
    expect(tab.locator("#survey-app")).to_have_attribute("data-ready", "true")
    choose_radio(driver, tab, f"q{questions['single'].pk}", 2)
    driver.tick(tab.locator(f"#survey-q{questions['multiple'].pk}-1"))
    driver.tick(tab.locator(f"#survey-q{questions['multiple'].pk}-3"))
    choose_radio(driver, tab, f"q{questions['scale'].pk}", 4)
    driver.type_into(tab.get_by_label("Hvad kan vi gøre bedre?"), "Flere tæpper")
    driver.activate(tab.get_by_role("button", name="Send dine svar"))

    expect(tab.get_by_role("heading", name="Tak for dine svar!")).to_be_focused()
    # Back at the kiosk's start for the next person, where the reply is sent.
    expect(
        tab.get_by_role("heading", level=1, name="Hvordan var det at være her i dag?")
    ).to_be_visible()
    expect(status(tab)).to_have_attribute("data-pending", "0")
    expect(status(tab)).to_have_attribute("data-state", "synced")
    response = SurveyResponse.objects.get()
    assert (response.survey, response.site) == (survey, bus)
    assert sorted(SurveyAnswer.objects.values_list("question_id", "value")) == sorted(
        [
            (questions["single"].pk, 2),
            (questions["multiple"].pk, 1),
            (questions["multiple"].pk, 3),
            (questions["scale"].pk, 4),
            (questions["text"].pk, 0),
        ]
    )
    assert VisitorText.objects.get().status == VisitorText.Status.PENDING


def test_nothing_answered_says_so_and_sends_nothing(new_context, live_url, bus):
    survey, _questions = make_round(bus)
    tab = open_kiosk(new_context(viewport=TABLET), live_url, KioskFactory(site=bus))
    tab.goto(f"/feedback/kiosk/survey/{survey.pk}/")
    expect(tab.locator("#survey-app")).to_have_attribute("data-ready", "true")

    tab.get_by_role("button", name="Send dine svar").click()

    expect(tab.get_by_role("alert")).to_have_text("Svar på mindst ét spørgsmål.")
    assert not SurveyResponse.objects.exists()


def test_replies_made_offline_arrive_exactly_once(new_context, live_url, bus):
    survey, questions = make_round(bus)
    context = new_context(viewport=TABLET)
    tab = open_kiosk(context, live_url, KioskFactory(site=bus))
    expect(tab.locator("#kiosk-status")).to_have_attribute("data-offline-ready", "true")
    tab.goto(f"/feedback/kiosk/survey/{survey.pk}/")
    expect(tab.locator("#survey-app")).to_have_attribute("data-ready", "true")

    context.set_offline(True)
    tab.locator(f"label[for=survey-q{questions['scale'].pk}-5]").click()
    tab.get_by_role("button", name="Send dine svar").click()
    expect(tab.get_by_role("heading", name="Tak for dine svar!")).to_be_visible()
    # The kiosk's start, from the worker's copy, holds the reply until the connection is back.
    expect(tab.locator("#kiosk-form")).to_be_visible()
    expect(status(tab)).to_have_attribute("data-pending", "1")
    expect(status(tab)).to_have_attribute("data-state", "offline")
    assert not SurveyResponse.objects.exists()

    context.set_offline(False)
    tab.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status(tab)).to_have_attribute("data-pending", "0")
    expect(status(tab)).to_have_attribute("data-state", "synced")
    assert SurveyAnswer.objects.get().value == 5


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["768px", "390px"])
def test_the_survey_passes_axe_in_every_visitor_language(new_context, live_url, bus, viewport):
    survey, _questions = make_round(bus)
    tab = open_kiosk(new_context(viewport=viewport), live_url, KioskFactory(site=bus))
    for lang in ("da", "en", "pl", "ar"):
        tab.goto(f"/feedback/kiosk/survey/{survey.pk}/{lang}/")
        assert tab.evaluate("document.documentElement.lang") == lang
        no_wider_than_the_screen(tab)
        violations = axe_violations(tab)
        assert not violations, f"[{lang}] {describe(violations)}"
