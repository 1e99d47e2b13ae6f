"""The offline tally client in a real browser: taps survive no connection, reloads, dropped
answers and expired sessions, and the server counts each exactly once (issue 5)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.sites.factories import SiteFactory
from tests.visits.factories import TallyCategoryFactory
from visits.models import CategoryGroup, TallyEvent
from visits.selectors import counts_for_day

pytestmark = pytest.mark.browser

EVENTS_API = "**/visits/api/events/"


@pytest.fixture
def bus(live_url):
    site = SiteFactory(slug="bussen", name="Bussen")
    TallyCategoryFactory(
        code="visits", name_da="Besøg i alt", name_en="Visits", group=CategoryGroup.VISITORS
    )
    TallyCategoryFactory(code="breakfast", name_da="Morgenmad", name_en="Breakfast")
    return site


def open_tally(page, site):
    """Open the tally page online and wait until it is ready to work offline."""
    page.goto(f"/visits/?site={site.slug}")
    expect(page.locator("#tally-app")).to_have_attribute("data-ready", "true")
    expect(status(page)).to_have_attribute("data-offline-ready", "true")


def status(page):
    return page.locator("#tally-status")


def tap(page, code, delta=1, times=1):
    button = page.locator(f"form.tally-tap[data-category='{code}'][data-delta='{delta}'] button")
    for _ in range(times):
        button.click()


def expect_total(page, code, value):
    expect(page.locator(f"output.tally-total[data-category='{code}']")).to_have_text(str(value))


def expect_synced(page):
    expect(status(page)).to_have_attribute("data-pending", "0")
    expect(status(page)).to_have_attribute("data-state", "synced")


def server_counts(site):
    return counts_for_day(site, timezone.localdate())


def test_taps_offline_survive_an_offline_reload_and_count_exactly_once(
    page, browser_context, log_in, staff_user, bus
):
    log_in(staff_user)
    open_tally(page, bus)

    browser_context.set_offline(True)
    tap(page, "visits", times=3)
    tap(page, "breakfast")
    expect(status(page)).to_have_attribute("data-pending", "4")
    expect(status(page)).to_have_attribute("data-state", "offline")
    expect_total(page, "visits", 3)

    page.reload()  # served by the service worker: there is no connection
    expect(page.locator("#tally-app")).to_have_attribute("data-ready", "true")
    expect(status(page)).to_have_attribute("data-pending", "4")
    expect_total(page, "visits", 3)
    expect_total(page, "breakfast", 1)
    tap(page, "visits", times=2)
    tap(page, "breakfast", delta=-1)
    expect(status(page)).to_have_attribute("data-pending", "7")
    assert TallyEvent.objects.count() == 0

    browser_context.set_offline(False)

    expect_synced(page)
    assert server_counts(bus) == {"visits": 5, "breakfast": 0}
    assert TallyEvent.objects.count() == 7
    expect_total(page, "visits", 5)
    expect(status(page)).to_contain_text("Alle tryk er sendt.")


def test_a_batch_sent_twice_after_a_dropped_answer_counts_once(
    page, browser_context, log_in, staff_user, bus
):
    log_in(staff_user)
    open_tally(page, bus)
    browser_context.set_offline(True)
    tap(page, "visits", times=3)
    tap(page, "breakfast", times=2)
    expect(status(page)).to_have_attribute("data-pending", "5")
    sent = []
    page.on(
        "request",
        lambda request: (
            sent.append([e["id"] for e in request.post_data_json["events"]])
            if request.method == "POST" and request.url.endswith("/visits/api/events/")
            else None
        ),
    )

    def reach_the_server_then_drop_the_answer(route):
        route.fetch()  # the server receives and counts the batch ...
        route.abort("connectionreset")  # ... but the tablet never hears back

    browser_context.route(EVENTS_API, reach_the_server_then_drop_the_answer, times=1)
    browser_context.set_offline(False)

    expect_synced(page)  # the client retried on its own
    assert len(sent) >= 2 and sent[0] == sent[1]
    assert len(sent[0]) == 5
    assert server_counts(bus) == {"visits": 3, "breakfast": 2}
    assert TallyEvent.objects.count() == 5
    expect_total(page, "visits", 3)
    expect_total(page, "breakfast", 2)


def test_taps_are_kept_when_the_session_expires_offline_and_sync_after_logging_in(
    page, browser_context, log_in, log_out_everywhere, staff_user, bus
):
    log_in(staff_user)
    open_tally(page, bus)
    browser_context.set_offline(True)
    log_out_everywhere(staff_user)  # the session ends while the bus has no connection
    tap(page, "visits", times=4)
    tap(page, "breakfast")

    browser_context.set_offline(False)

    expect(status(page)).to_have_attribute("data-state", "login")
    expect(status(page)).to_have_attribute("data-pending", "5")
    expect_total(page, "visits", 4)
    assert TallyEvent.objects.count() == 0
    page.get_by_role("link", name="Log ind igen").click()
    page.get_by_label("Brugernavn").fill("alice")
    page.get_by_label("Adgangskode").fill("correct horse battery staple")
    page.get_by_role("button", name="Log ind").click()

    expect(page.locator("#tally-app")).to_have_attribute("data-site", "bussen")
    expect_synced(page)
    assert server_counts(bus) == {"visits": 4, "breakfast": 1}
    expect_total(page, "visits", 4)


def test_taps_the_server_rejects_stay_visible_until_staff_discard_them(
    page, log_in, staff_user, bus
):
    from visits.models import TallyCategory

    log_in(staff_user)
    open_tally(page, bus)
    tap(page, "visits")
    expect_synced(page)
    TallyCategory.objects.filter(code="breakfast").update(active=False)

    tap(page, "breakfast", times=2)

    rejected = page.locator(".tally-rejected-item")
    expect(rejected).to_have_count(2)
    expect(status(page)).to_have_attribute("data-pending", "0")
    expect(rejected.first).to_contain_text("Morgenmad +1")
    expect_total(page, "breakfast", 0)
    page.reload()
    expect(rejected).to_have_count(2)  # kept on the device, not silently dropped

    rejected.first.get_by_role("button", name="Kassér").click()
    expect(rejected).to_have_count(1)
    rejected.first.get_by_role("button", name="Kassér").click()
    expect(page.locator(".tally-rejected")).to_have_count(0)
    assert server_counts(bus) == {"visits": 1}


def test_two_tablets_add_up(new_context, log_in, staff_user, coordinator_user, bus):
    tablets = []
    for user in (staff_user, coordinator_user):
        context = new_context()
        log_in(user, context)
        page = context.new_page()
        open_tally(page, bus)
        context.set_offline(True)
        tablets.append((context, page))
    for _context, page in tablets:
        tap(page, "visits", times=3)

    for context, page in tablets:
        context.set_offline(False)
        expect_synced(page)

    assert server_counts(bus) == {"visits": 6}
    for _context, page in tablets:
        page.reload()
        expect_total(page, "visits", 6)


def test_the_device_keeps_only_tally_events(page, browser_context, log_in, staff_user, bus):
    log_in(staff_user)
    open_tally(page, bus)
    browser_context.set_offline(True)
    tap(page, "visits", times=2)
    expect(status(page)).to_have_attribute("data-pending", "2")

    records = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open("varmestue-tally");
            open.onsuccess = () => {
                const request = open.result.transaction("outbox").objectStore("outbox").getAll();
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error);
            };
        })"""
    )

    assert len(records) == 2
    assert len({r["id"] for r in records}) == 2  # a new id per tap
    for record in records:
        assert set(record) <= {"id", "site", "date", "category", "delta", "at", "n", "status"}
        assert (record["site"], record["category"], record["delta"]) == ("bussen", "visits", 1)


def test_a_count_cannot_be_tapped_below_zero(page, log_in, staff_user, bus):
    log_in(staff_user)
    open_tally(page, bus)

    tap(page, "visits", delta=-1)

    expect(status(page)).to_contain_text("Tallet kan ikke blive mindre end nul.")
    expect(status(page)).to_have_attribute("data-pending", "0")
    expect_total(page, "visits", 0)
    assert TallyEvent.objects.count() == 0


def test_the_status_speaks_english_on_an_english_page(
    page, browser_context, live_url, log_in, staff_user, bus
):
    browser_context.add_cookies([{"name": "django_language", "value": "en", "url": live_url}])
    log_in(staff_user)
    open_tally(page, bus)

    tap(page, "visits")

    expect_synced(page)
    expect(status(page)).to_contain_text("All taps are sent.")
    expect(status(page)).to_contain_text("This page works without a connection on this device.")


def test_a_page_saved_on_an_earlier_day_says_which_day_it_counts(page, log_in, staff_user, bus):
    log_in(staff_user)
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    page.clock.set_system_time(tomorrow)  # the tablet's clock has moved on to the next day

    open_tally(page, bus)

    expect(status(page)).to_contain_text("Siden blev gemt den")
    expect(status(page)).to_contain_text("så trykkene tæller for den dag")


# navigator.onLine under the test's control: false until armed, then false once more (the
# sync that is starting reads it) and true from a moment later, when "online" is dispatched
# while that failed attempt is still finishing.
CONTROLLED_ONLINE = """() => {
    let online = false;
    window.__armOnline = () => { window.__armed = true; };
    Object.defineProperty(Navigator.prototype, "onLine", {
        configurable: true,
        get() {
            if (window.__armed && !online) {
                window.__armed = false;
                queueMicrotask(() => {
                    online = true;
                    window.dispatchEvent(new Event("online"));
                });
            }
            return online;
        },
    });
}"""


def test_the_connection_coming_back_during_a_failed_attempt_is_not_missed(
    page, log_in, staff_user, bus
):
    log_in(staff_user)
    open_tally(page, bus)
    page.evaluate(CONTROLLED_ONLINE)
    tap(page, "visits", times=2)
    expect(status(page)).to_have_attribute("data-state", "offline")
    expect(status(page)).to_have_attribute("data-pending", "2")

    # An attempt starts while the device still reports no connection; the "online" event
    # arrives before it has finished. The next attempt must follow at once, not in 30 s.
    page.evaluate("() => { window.__armOnline(); window.dispatchEvent(new Event('online')); }")

    expect_synced(page)
    assert server_counts(bus) == {"visits": 2}
