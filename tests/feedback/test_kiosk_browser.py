"""The feedback kiosk in a real browser: staff set a tablet up and leave no login on it, a
visitor answers with the keyboard alone at a tablet's and a phone's width, the kiosk clears
itself, and every visitor language passes axe (issue 21)."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from core.roles import Role
from feedback import kiosk_token
from feedback.models import FeedbackEntry, VisitorText
from tests.browser.axe import axe_violations, describe
from tests.browser.journeys.drivers import Keyboard, assert_focus_visible, follow_main_menu
from tests.core.factories import UserFactory
from tests.feedback.conftest import kiosk_cookie
from tests.feedback.factories import KioskFactory
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.browser

TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def short_fold(settings):
    """An answer waits the fold time on the tablet before it is sent; 1 s instead of 5."""
    settings.VARMESTUE = {**settings.VARMESTUE, "FEEDBACK_FOLD_SECONDS": 1}


def sent(tab) -> None:
    """Wait until the tablet's outbox has sent every answer."""
    expect(tab.locator("#kiosk-status")).to_have_attribute("data-state", "synced")
    expect(tab.locator("#kiosk-status")).to_have_attribute("data-pending", "0")


@pytest.fixture
def pavilion(live_url):
    return SiteFactory(slug="pavillonen", name="Pavillonen i Korsør")


def open_kiosk(context, live_url, kiosk, path="/feedback/kiosk/"):
    context.add_cookies(
        [
            {
                "name": kiosk_token.COOKIE_NAME,
                "value": kiosk_cookie(kiosk),
                "url": f"{live_url}/feedback/kiosk/",
            }
        ]
    )
    tab = context.new_page()
    tab.goto(path)
    return tab


def no_wider_than_the_screen(tab) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]


def choose_face(tab, value: int) -> None:
    """Into the faces with Tab, then the arrow keys move the choice, as in any radio group."""
    first = tab.locator("#kiosk-mood-1")
    for _ in range(10):
        tab.keyboard.press("Tab")
        if first.evaluate("input => input === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the faces")
    assert_focus_visible(tab)
    forward = "ArrowLeft" if tab.evaluate("document.dir") == "rtl" else "ArrowRight"
    for _ in range(value - 1):
        tab.keyboard.press(forward)
    expect(tab.locator(f"#kiosk-mood-{value}")).to_be_checked()
    assert_focus_visible(tab)


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["768px", "390px"])
def test_staff_start_a_kiosk_and_a_visitor_answers_with_the_keyboard_alone(
    page, browser_context, live_url, pavilion, viewport
):
    page.set_viewport_size(viewport)
    staff = UserFactory(username="mette", first_name="Mette", role=Role.STAFF)
    driver = Keyboard(page)
    driver.start(staff)
    follow_main_menu(driver, page, "Brugernes stemme")
    driver.go(page.get_by_role("link", name="Sæt en tablet op som kiosk, eller slå en fra"))
    driver.choose(page.get_by_label("Sted"), "Pavillonen i Korsør")
    driver.type_into(page.get_by_label("Enhedens navn"), "Pavillonens tablet")
    driver.go(page.get_by_role("button", name="Start kiosken på denne enhed"))

    # The tablet is a kiosk now, and nobody is logged in on it.
    expect(
        page.get_by_role("heading", level=1, name="Hvordan var det at være her i dag?")
    ).to_be_visible()
    assert not Session.objects.exists()
    names = {cookie["name"] for cookie in browser_context.cookies()}
    assert kiosk_token.COOKIE_NAME in names and settings.SESSION_COOKIE_NAME not in names
    no_wider_than_the_screen(page)

    driver.skip_to_content()
    choose_face(page, 4)
    driver.tick(page.get_by_label("Maden"))
    driver.type_into(page.get_by_label("Vil du fortælle os mere?"), "Suppen var god")
    driver.activate(page.get_by_role("button", name="Send"))

    expect(page.get_by_role("heading", name="Tak for dit svar!")).to_be_visible()
    sent(page)
    entry = FeedbackEntry.objects.get()
    assert (entry.site, entry.mood) == (pavilion, 4)
    assert list(entry.topics.values_list("topic", flat=True)) == ["food"]
    assert entry.text.body == "Suppen var god"
    assert entry.text.status == VisitorText.Status.PENDING

    # The kiosk clears itself: the next person meets an empty form.
    expect(
        page.get_by_role("heading", level=1, name="Hvordan var det at være her i dag?")
    ).to_be_visible()
    expect(page.locator("#kiosk-mood-4")).not_to_be_checked()
    expect(page.get_by_label("Vil du fortælle os mere?")).to_have_value("")


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["768px", "390px"])
def test_the_kiosk_passes_axe_in_every_visitor_language(new_context, live_url, viewport):
    kiosk = KioskFactory(site=SiteFactory(slug="bussen", name="Bussen"))
    context = new_context(viewport=viewport)
    tab = open_kiosk(context, live_url, kiosk)
    for lang in ("da", "en", "pl", "ar"):
        tab.goto(f"/feedback/kiosk/{lang}/")
        assert tab.evaluate("document.documentElement.lang") == lang
        no_wider_than_the_screen(tab)
        violations = axe_violations(tab)
        assert not violations, f"[{lang}] {describe(violations)}"


def test_an_arabic_answer_reads_right_to_left_and_the_kiosk_returns_to_danish(
    new_context, live_url
):
    kiosk = KioskFactory(site=SiteFactory(slug="bussen", name="Bussen"))
    tab = open_kiosk(new_context(), live_url, kiosk)
    tab.get_by_role("link", name="العربية").click()
    expect(tab.locator("html")).to_have_attribute("dir", "rtl")
    # In right-to-left the first face is on the right.
    first = tab.locator("label[for=kiosk-mood-1]").bounding_box()
    last = tab.locator("label[for=kiosk-mood-5]").bounding_box()
    assert first["x"] > last["x"]
    tab.locator("label[for=kiosk-mood-2]").click()
    tab.get_by_role("button", name="إرسال").click()

    expect(tab.get_by_role("heading", name="شكرًا على إجابتك!")).to_be_visible()
    expect(tab.locator("html")).to_have_attribute("lang", "da")  # back home, for the next one
    sent(tab)
    assert FeedbackEntry.objects.get().mood == 2
