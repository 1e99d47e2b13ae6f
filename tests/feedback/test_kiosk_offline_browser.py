"""The feedback kiosk without a connection, in a real browser: answers made offline on the bus
wait in the device's outbox, survive an offline reload, and arrive once when the connection
(or the server) is back; several answers within seconds are folded (issue 21)."""

import pytest
from playwright.sync_api import expect

from feedback import kiosk_token
from feedback.models import FeedbackEntry, VisitorText
from tests.feedback.conftest import kiosk_cookie
from tests.feedback.factories import KioskFactory
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.browser

API = "**/feedback/kiosk/api/answers/"


@pytest.fixture
def kiosk(live_url, settings):
    # Short waits, so the test need not sit out the real ones.
    settings.VARMESTUE = {**settings.VARMESTUE, "FEEDBACK_FOLD_SECONDS": 1}
    return KioskFactory(site=SiteFactory(slug="bussen", name="Bussen"), name="Bussens tablet")


def open_kiosk(page, browser_context, live_url, kiosk):
    """Open the kiosk online and wait until it works without a connection."""
    browser_context.add_cookies(
        [
            {
                "name": kiosk_token.COOKIE_NAME,
                "value": kiosk_cookie(kiosk),
                "url": f"{live_url}/feedback/kiosk/",
            }
        ]
    )
    page.goto("/feedback/kiosk/")
    expect(page.locator("#kiosk-app")).to_have_attribute("data-ready", "true")
    expect(status(page)).to_have_attribute("data-offline-ready", "true")


def status(page):
    return page.locator("#kiosk-status")


def answer(page, mood, *, topic=None, text=""):
    page.locator(f"label[for=kiosk-mood-{mood}]").click()
    if topic:
        page.locator(f"label[for=kiosk-topic-{topic}]").click()
    if text:
        page.locator("#kiosk-text").fill(text)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Tak for dit svar!")).to_be_visible()
    # The kiosk starts again by itself for the next person.
    expect(page.locator("#kiosk-form")).to_be_visible()
    expect(page.locator(f"#kiosk-mood-{mood}")).not_to_be_checked()


def test_answers_made_offline_survive_a_reload_and_arrive_exactly_once(
    page, browser_context, live_url, kiosk
):
    open_kiosk(page, browser_context, live_url, kiosk)

    browser_context.set_offline(True)
    answer(page, 5, topic="food", text="Dejlig suppe")
    answer(page, 2)
    expect(status(page)).to_have_attribute("data-pending", "2")
    expect(status(page)).to_have_attribute("data-state", "offline")

    page.reload()  # the service worker's copy: there is no connection
    expect(page.locator("#kiosk-app")).to_have_attribute("data-ready", "true")
    expect(status(page)).to_have_attribute("data-pending", "2")
    answer(page, 4)
    expect(status(page)).to_have_attribute("data-pending", "3")
    assert not FeedbackEntry.objects.exists()

    browser_context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status(page)).to_have_attribute("data-pending", "0")
    expect(status(page)).to_have_attribute("data-state", "synced")
    assert sorted(FeedbackEntry.objects.values_list("mood", flat=True)) == [2, 4, 5]
    text = VisitorText.objects.get()
    assert (text.body, text.status) == ("Dejlig suppe", "pending")


def test_an_answer_the_server_stored_but_whose_reply_was_lost_is_stored_once(
    page, browser_context, live_url, kiosk
):
    open_kiosk(page, browser_context, live_url, kiosk)
    lost = []

    def drop_reply(route):
        response = route.fetch()  # the server stores the answer ...
        lost.append(response.status)
        route.abort()  # ... but the kiosk never hears back: the server seems down

    page.route(API, drop_reply)
    answer(page, 3)
    expect(status(page)).to_have_attribute("data-state", "server")
    assert lost and set(lost) == {200}
    assert FeedbackEntry.objects.count() == 1

    page.unroute(API)  # the server is back: the outbox sends the answer again
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status(page)).to_have_attribute("data-pending", "0")
    assert FeedbackEntry.objects.count() == 1


def test_several_answers_within_the_fold_count_once_the_last_wins(
    page, browser_context, live_url, kiosk, settings
):
    settings.VARMESTUE = {**settings.VARMESTUE, "FEEDBACK_FOLD_SECONDS": 5}
    open_kiosk(page, browser_context, live_url, kiosk)
    browser_context.set_offline(True)
    # Within the fold: a second answer at once replaces the first.
    page.locator("label[for=kiosk-mood-1]").click()
    page.get_by_role("button", name="Send").click()
    page.evaluate("document.getElementById('kiosk-form').hidden = false")
    page.locator("label[for=kiosk-mood-5]").click()
    page.get_by_role("button", name="Send").click()
    expect(status(page)).to_have_attribute("data-folded", "1")
    expect(status(page)).to_have_attribute("data-pending", "1")

    browser_context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status(page)).to_have_attribute("data-pending", "0")
    assert list(FeedbackEntry.objects.values_list("mood", flat=True)) == [5]
