"""The public schedule and the flyer (HTML and PDF with a QR code); the feeds are in test_feed."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from sites.models import Site
from tests.pdfs import assert_tagged
from tests.sites.factories import (
    BusFactory,
    BusStopFactory,
    ClosureFactory,
    ExtraOpeningFactory,
    SiteFactory,
    WeeklyHoursFactory,
)

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
T = datetime.time
D = datetime.date


@pytest.fixture
def reference(db):
    call_command("load_reference_data", stdout=io.StringIO())


def test_the_schedule_shows_the_seeded_sites_without_login(client, reference):
    response = client.get("/schedule/?at=2026-11-23T10:00")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Varmestuen i Korsør" in page
    assert "Varmestuen i Skælskør" in page
    assert "Bussen på Halsskov" in page
    assert "Pavillonen i Korsør" not in page  # the pavilion closed at the end of 2021
    assert "afventer bekræftelse" in page  # Danish by default, the proposals flagged


def test_at_changes_what_is_open_now(client, reference):
    page = client.get("/schedule/?at=2026-11-23T10:00").content.decode()  # Monday morning
    now = page.split('id="now-heading"')[1].split("</section>")[0]
    assert "Varmestuen i Korsør" in now
    assert "Skælskør" not in now  # closed on Mondays
    page = client.get("/schedule/?at=2026-11-23T18:00").content.decode()  # Monday evening
    now = page.split('id="now-heading"')[1].split("</section>")[0]
    assert "Bussen i Korsør Syd" in now
    assert "Varmestuen i Korsør" not in now


def test_a_closed_sites_card_names_the_other_place_as_the_subject(client, reference):
    """'Åbner først: Varmestuen i Korsør' inside Skælskør's card read as if Skælskør opened
    there; the other place is the sentence's subject."""
    page = client.get("/schedule/?at=2026-11-23T10:00").content.decode()  # Monday morning
    card = page.split('id="site-skaelskoer"')[1].split("</article>")[0]
    elsewhere = card.split('class="vs-elsewhere">')[1].split("</p>")[0]
    assert "Varmestuen i Korsør har åbent nu, til kl. 15:00." in elsewhere
    assert "i stedet" not in elsewhere and "Åbner først" not in elsewhere


def test_the_schedule_shows_the_pavilion_in_2021(client, reference):
    page = client.get("/schedule/?at=2021-09-06T10:30").content.decode()
    now = page.split('id="now-heading"')[1].split("</section>")[0]
    assert "Pavillonen i Korsør" in now
    assert "Varmestuen i Korsør" not in page


def test_a_closed_site_says_where_is_open_instead(client):
    open_site = SiteFactory(name="Open Place")
    closed = SiteFactory(name="Closed Place")
    WeeklyHoursFactory(site=open_site, weekday=0, opens=T(9), closes=T(15))
    WeeklyHoursFactory(site=closed, weekday=2, opens=T(9), closes=T(15))
    page = client.get("/schedule/?at=2026-11-23T10:00", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    card = page.split('id="site-' + closed.slug + '"')[1].split("</article>")[0]
    assert "Closed now" in card
    assert "Open Place is open now, until 15:00." in card


def test_when_everything_is_closed_it_says_what_opens_first(client):
    site = SiteFactory(name="Morning Place")
    WeeklyHoursFactory(site=site, weekday=1, opens=T(9), closes=T(15))
    page = client.get("/schedule/?at=2026-11-23T20:00", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Everything is closed right now" in page
    assert "The first to open is Morning Place" in page


def test_closures_holidays_and_extra_openings_are_shown(client):
    site = SiteFactory(name="Place")
    WeeklyHoursFactory(site=site, weekday=0)
    WeeklyHoursFactory(site=site, weekday=4)
    ClosureFactory(
        site=site, starts_on=D(2026, 12, 21), ends_on=D(2026, 12, 21), reason="Staff day"
    )
    ExtraOpeningFactory(
        site=site,
        starts=datetime.datetime(2026, 12, 23, 20, tzinfo=CPH),
        ends=datetime.datetime(2026, 12, 24, 8, tzinfo=CPH),
        reason="Frost night",
    )
    page = client.get("/schedule/?at=2026-12-21T11:00", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Closed: Staff day" in page
    assert "Frost night" in page
    assert "Christmas Day" in page  # Friday 25 December, a holiday


def test_a_bad_at_gets_a_clear_message_not_an_error(client):
    response = client.get("/schedule/?at=yesterday-ish", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "is not a date and time we can read" in response.content.decode()
    assert client.get("/schedule/?at=9999-12-31T23:59").status_code == 400


def test_at_with_an_offset_is_understood(client):
    site = SiteFactory(name="Place")
    WeeklyHoursFactory(site=site, weekday=0, opens=T(10), closes=T(14))
    page = client.get("/schedule/?at=2026-11-23T09:30:00%2B00:00").content.decode()
    now = page.split('id="now-heading"')[1].split("</section>")[0]
    assert "Place" in now


def test_the_bus_timetable_lists_its_stops_in_order(client):
    bus = BusFactory(name="The Bus")
    south = BusStopFactory(bus=bus, name="South stop")
    north = BusStopFactory(bus=bus, name="North stop")
    WeeklyHoursFactory(site=south, weekday=3, opens=T(17), closes=T(19))
    WeeklyHoursFactory(site=north, weekday=1, opens=T(17), closes=T(19))
    page = client.get("/schedule/?at=2026-11-23T10:00", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    table = page.split("Timetable: The Bus")[1]
    assert table.index("North stop") < table.index("South stop")


def test_partners_presence_is_shown(client, monkeypatch):
    from core.registry import SitePresence

    site = SiteFactory(name="Place")
    starts = datetime.datetime(2026, 11, 24, 10, tzinfo=CPH)

    def fake(*, site_ids, start, end):
        return [SitePresence(site.pk, "Street nurse", starts, starts + datetime.timedelta(hours=2))]

    monkeypatch.setattr("sites.schedule.site_presence", fake)
    page = client.get("/schedule/?at=2026-11-23T10:00").content.decode()
    assert "Street nurse" in page


def test_the_schedule_takes_few_queries(client, reference, django_assert_max_num_queries):
    # 13: one for every site's operator today (sites.operations.operators_on), not per site.
    with django_assert_max_num_queries(13):
        client.get("/schedule/?at=2026-11-23T10:00")


def test_the_flyer_page_has_the_week_and_a_qr_code(client, reference):
    page = client.get("/schedule/flyer/?at=2026-11-23T10:00").content.decode()
    assert "<svg" in page
    assert "uge 48" in page
    assert "Bussen – den mobile varmestue" in page


def test_the_flyer_pdf_is_an_a4_page_with_the_hours(client, reference):
    response = client.get("/schedule/flyer.pdf?at=2026-11-23T10:00")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Varmestuen i Korsør" in text
    assert "08:30" in text
    assert "Bussen på Lilleø" in text


def test_the_flyer_pdf_is_tagged_for_screen_readers_with_its_title_and_language(client, reference):
    response = client.get("/schedule/flyer.pdf?at=2026-11-23T10:00")
    counts = assert_tagged(
        response.content,
        title="Åbningstider, uge 48",
        lang="da",
        elements={"/H1": 1, "/H2": 1, "/P": 1},
    )
    assert counts["/Figure"] == 1  # the QR code, named by its address
    assert counts["/TH"] >= 7 and counts["/TD"] >= 7  # a week of days with their hours


def test_the_flyer_links_to_the_address_it_was_asked_on(client, settings, reference):
    from core.qr import qr_svg

    settings.ALLOWED_HOSTS = ["varmestue.test"]
    settings.VARMESTUE = {**settings.VARMESTUE, "PUBLIC_BASE_URL": ""}
    response = client.get("/schedule/flyer/", HTTP_HOST="varmestue.test:8123")
    page = response.content.decode()
    assert "http://varmestue.test:8123/schedule/" in page
    assert ":8000" not in page
    # The QR code is the one for that address, not for another.
    assert qr_svg("http://varmestue.test:8123/schedule/") in page
    assert qr_svg("http://127.0.0.1:8000/schedule/") not in page


def test_the_setting_wins_over_the_request_behind_a_proxy(client, settings, reference):
    from core.qr import qr_svg

    settings.ALLOWED_HOSTS = ["internal.test"]
    settings.VARMESTUE = {**settings.VARMESTUE, "PUBLIC_BASE_URL": "https://varmestue.example.dk/"}
    page = client.get("/schedule/flyer/", HTTP_HOST="internal.test").content.decode()
    assert "https://varmestue.example.dk/schedule/" in page
    assert qr_svg("https://varmestue.example.dk/schedule/") in page
    assert "internal.test" not in page


def test_calendar_uids_keep_their_host_whatever_host_the_feed_is_asked_on(settings, rf):
    from core.links import public_host, public_url

    settings.VARMESTUE = {**settings.VARMESTUE, "PUBLIC_BASE_URL": ""}
    assert public_host() == "varmestue"
    request = rf.get("/", HTTP_HOST="127.0.0.1:9000")
    assert public_url("sites:schedule", request=request) == "http://127.0.0.1:9000/schedule/"
    # A command, with neither: what `make run` serves.
    assert public_url("sites:schedule") == "http://127.0.0.1:8000/schedule/"
    settings.VARMESTUE = {**settings.VARMESTUE, "PUBLIC_BASE_URL": "https://varmestue.example.dk"}
    assert public_host() == "varmestue.example.dk"


def test_reference_data_is_idempotent_and_keeps_edits(reference):
    site = Site.objects.get(slug="korsoer")
    site.address = "Ny adresse 1"
    site.to_be_confirmed = False
    site.save()
    site.weekly_hours.filter(weekday=0).delete()
    counts = (Site.objects.count(), site.weekly_hours.count())
    call_command("load_reference_data", stdout=io.StringIO())
    site.refresh_from_db()
    assert site.address == "Ny adresse 1"
    assert not site.to_be_confirmed
    assert (Site.objects.count(), site.weekly_hours.count()) == counts
    assert Site.objects.filter(kind=Site.Kind.BUS_STOP, bus__slug="bussen").count() == 3
