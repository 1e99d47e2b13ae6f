"""Issue 19: "Mine vagter" by week, cancelling that asks and names the shift in Danish, the
volunteer page's contact links and the volunteer list's search."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
    at,
)
from volunteers import messaging
from volunteers.models import ShiftAssignment

pytestmark = pytest.mark.django_db

MY_SHIFTS = "/volunteers/my-shifts/"
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture
def me(volunteer_user):
    return VolunteerFactory(user=volunteer_user, first_name="Charlie")


def _monday_in(weeks: int) -> int:
    """Days from today to the Monday `weeks` weeks on."""
    today = timezone.localdate()
    return 7 * weeks - today.weekday()


def test_upcoming_shifts_are_grouped_by_week_and_later_weeks_wait_behind_a_button(
    volunteer_client, me
):
    # The weeks starting within 14 days show; later ones wait behind "Vis ... senere vagter".
    for weeks, note in ((1, "next-week"), (1, "next-week-too"), (3, "in-three"), (5, "later")):
        day = _monday_in(weeks) + 2
        ShiftAssignmentFactory(
            volunteer=me, shift=ShiftFactory(starts=at(day, 10), ends=at(day, 13), note=note)
        )
    text = volunteer_client.get(MY_SHIFTS).text
    shown, later = text.split('<details class="vs-later">')
    later = later.split("<h2")[0]
    assert "next-week" in shown and "next-week-too" in shown
    assert "in-three" not in shown and "later" not in shown
    assert "in-three" in later and "later" in later and "next-week" not in later
    assert "Vis 2 senere vagter" in later
    headings = re.findall(r"<h3 id=\"week-[\d-]+\">([^<]+)</h3>", text)
    weeks = [
        (timezone.localdate() + datetime.timedelta(days=_monday_in(n))).isocalendar().week
        for n in (1, 3, 5)
    ]
    assert [h.split(" (")[0] for h in headings] == [f"Uge {n}" for n in weeks]


def test_the_first_week_with_a_shift_shows_even_if_it_is_far_off(volunteer_client, me):
    day = _monday_in(6) + 1
    ShiftAssignmentFactory(
        volunteer=me, shift=ShiftFactory(starts=at(day, 10), ends=at(day, 13), note="far-off")
    )
    text = volunteer_client.get(MY_SHIFTS).text
    assert "far-off" in text and '<details class="vs-later">' not in text


def test_cancelling_asks_first_and_names_the_shift_in_danish(volunteer_client, me):
    place = ShiftAssignmentFactory(
        volunteer=me, shift=ShiftFactory(starts=at(5, 17), ends=at(5, 19))
    )
    page = volunteer_client.get(MY_SHIFTS).text
    # The cancel button is inside a question that must be opened first.
    form_start = page.index(reverse("volunteers:cancel", args=[place.pk]))
    assert page.rfind('<details class="vs-confirm">', 0, form_start) > page.rfind(
        "</details>", 0, form_start
    )
    assert "Vil du melde afbud til din vagt" in page
    response = volunteer_client.post(reverse("volunteers:cancel", args=[place.pk]), follow=True)
    assert not ShiftAssignment.objects.filter(pk=place.pk).exists()
    start = timezone.localtime(place.shift.starts)
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
              "september", "oktober", "november", "december"]  # fmt: skip
    expected = f"{start.day}. {months[start.month - 1]}, 17:00–19:00, {place.shift.site.name}"
    notice = re.search(r"Du har meldt afbud til din vagt ([^<]+)", response.text).group(1)
    assert expected in notice
    assert not ISO.search(notice)
    assert notice[0].islower()  # "mandag", not "Mandag", mid-sentence


def test_a_coordinators_message_names_the_shift_in_words():
    shift = ShiftFactory(starts=at(5, 17), ends=at(5, 19))
    assert not ISO.search(messaging.Audience(shift=shift).describe())


def test_the_volunteer_page_links_phone_and_e_mail(coordinator_client):
    volunteer = VolunteerFactory(phone="+45 22 33 44 55", email="vera@example.invalid")
    text = coordinator_client.get(reverse("volunteers:volunteer_detail", args=[volunteer.pk])).text
    assert '<a href="tel:+4522334455">+45 22 33 44 55</a>' in text
    assert '<a href="mailto:vera@example.invalid">vera@example.invalid</a>' in text
    assert "volunteers/volunteers.css" in text


def test_the_volunteer_list_searches_name_contact_and_role(coordinator_client):
    bisidder = VolunteerRoleFactory(name="Bisidder")
    VolunteerFactory(first_name="Aase", last_name="Holm", email="aase@example.invalid")
    VolunteerFactory(first_name="Bent", phone="+45 99 88 77 66", roles=[bisidder])
    VolunteerFactory(first_name="Carla")
    url = reverse("volunteers:volunteer_list")

    def names(q):
        response = coordinator_client.get(url, {"q": q})
        return sorted(v.first_name for v in response.context["volunteers"])

    assert names("holm") == ["Aase"]
    assert names("AASE@example") == ["Aase"]
    assert names("99 88") == ["Bent"]
    assert names("bisid") == ["Bent"]
    assert names("aase holm") == ["Aase"]
    assert names("") == ["Aase", "Bent", "Carla"]
    assert "1 frivillig fundet." in coordinator_client.get(url, {"q": "carla"}).text
