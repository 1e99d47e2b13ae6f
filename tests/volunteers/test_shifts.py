"""Shifts and recurring templates: opening hours, generation without duplicates, the forms."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.core.formwalk import post_edit
from tests.sites.factories import ClosureFactory, SiteFactory, WeeklyHoursFactory
from tests.volunteers.factories import ShiftFactory, ShiftTemplateFactory, VolunteerRoleFactory
from volunteers import services
from volunteers.models import Shift, ShiftNeed

pytestmark = pytest.mark.django_db

# Tuesdays in January 2027: 5, 12, 19, 26.
JAN_START, JAN_END = datetime.date(2027, 1, 1), datetime.date(2027, 1, 31)


@pytest.fixture
def tuesday_site():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=1, opens=datetime.time(9), closes=datetime.time(13))
    return site


def test_generating_creates_one_shift_per_matching_day_with_the_needs(tuesday_site):
    host = VolunteerRoleFactory()
    template = ShiftTemplateFactory(site=tuesday_site, weekday=1, needs={host: 2})
    created = services.generate_shifts(template=template, start=JAN_START, end=JAN_END)
    assert [s.starts.day for s in created] == [5, 12, 19, 26]
    assert all(s.starts.weekday() == 1 and s.starts.hour == 9 for s in created)
    assert ShiftNeed.objects.filter(shift__template=template, role=host, count=2).count() == 4


def test_generating_twice_creates_nothing_new(tuesday_site):
    template = ShiftTemplateFactory(site=tuesday_site, weekday=1, needs={VolunteerRoleFactory(): 1})
    services.generate_shifts(template=template, start=JAN_START, end=JAN_END)
    again = services.generate_shifts(template=template, start=JAN_START, end=JAN_END)
    assert again == []
    assert Shift.objects.count() == 4
    assert ShiftNeed.objects.count() == 4


def test_generating_skips_closed_days(tuesday_site):
    ClosureFactory(site=tuesday_site, starts_on=datetime.date(2027, 1, 12))
    template = ShiftTemplateFactory(site=tuesday_site, weekday=1)
    created = services.generate_shifts(template=template, start=JAN_START, end=JAN_END)
    assert [s.starts.day for s in created] == [5, 19, 26]


def test_a_template_outside_the_hours_needs_a_reason(tuesday_site):
    evening = ShiftTemplateFactory(
        site=tuesday_site, weekday=1, start_time=datetime.time(18), end_time=datetime.time(21)
    )
    assert services.generate_shifts(template=evening, start=JAN_START, end=JAN_END) == []
    evening.outside_hours_reason = "Volunteer meeting"
    evening.save()
    created = services.generate_shifts(template=evening, start=JAN_START, end=JAN_END)
    assert len(created) == 4
    assert created[0].outside_hours_reason == "Volunteer meeting"


def test_the_generate_page_creates_shifts(coordinator_client, tuesday_site):
    template = ShiftTemplateFactory(site=tuesday_site, weekday=1)
    url = reverse("volunteers:template_generate", args=[template.pk])
    coordinator_client.post(url, {"start": "2027-01-01", "end": "2027-01-31"})
    coordinator_client.post(url, {"start": "2027-01-01", "end": "2027-01-31"})
    assert Shift.objects.filter(template=template).count() == 4
    response = coordinator_client.post(url, {"start": "2027-01-31", "end": "2027-01-01"})
    assert response.status_code == 200
    assert Shift.objects.count() == 4


def _shift_data(site, starts, ends, **extra):
    data = {
        "site": site.pk,
        "starts": starts,
        "ends": ends,
        "outside_hours_reason": "",
        "note": "",
        "needs-TOTAL_FORMS": "1",
        "needs-INITIAL_FORMS": "0",
        "needs-MIN_NUM_FORMS": "0",
        "needs-MAX_NUM_FORMS": "1000",
        "needs-0-role": "",
        "needs-0-count": "1",
    }
    data.update(extra)
    return data


def test_a_coordinator_creates_a_shift_inside_opening_hours(coordinator_client, tuesday_site):
    role = VolunteerRoleFactory()
    response = coordinator_client.post(
        reverse("volunteers:shift_create"),
        _shift_data(
            tuesday_site,
            "2027-01-05T09:00",
            "2027-01-05T13:00",
            **{"needs-0-role": role.pk, "needs-0-count": "2"},
        ),
    )
    assert response.status_code == 302
    shift = Shift.objects.get()
    assert shift.needs.get().count == 2
    assert timezone.localtime(shift.starts).hour == 9


def test_a_shift_outside_opening_hours_without_a_reason_is_refused(
    coordinator_client, tuesday_site
):
    response = coordinator_client.post(
        reverse("volunteers:shift_create"),
        _shift_data(tuesday_site, "2027-01-06T09:00", "2027-01-06T13:00"),  # a Wednesday
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "outside the site&#x27;s opening hours" in response.text
    assert not Shift.objects.exists()
    response = coordinator_client.post(
        reverse("volunteers:shift_create"),
        _shift_data(
            tuesday_site,
            "2027-01-06T09:00",
            "2027-01-06T13:00",
            outside_hours_reason="Cleaning day",
        ),
    )
    assert response.status_code == 302
    assert Shift.objects.get().outside_hours_reason == "Cleaning day"


def test_setting_up_an_hour_before_opening_is_inside(coordinator_client, tuesday_site):
    response = coordinator_client.post(
        reverse("volunteers:shift_create"),
        _shift_data(tuesday_site, "2027-01-05T08:00", "2027-01-05T13:30"),
    )
    assert response.status_code == 302


def test_a_shift_ending_before_it_starts_is_refused(coordinator_client, tuesday_site):
    response = coordinator_client.post(
        reverse("volunteers:shift_create"),
        _shift_data(tuesday_site, "2027-01-05T13:00", "2027-01-05T09:00"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "must end after it starts" in response.text
    assert not Shift.objects.exists()


def test_editing_a_shift_keeps_its_needs_in_step(coordinator_client, tuesday_site):
    role = VolunteerRoleFactory()
    shift = ShiftFactory(
        site=tuesday_site,
        starts=datetime.datetime.fromisoformat("2027-01-05T09:00+01:00"),
        ends=datetime.datetime.fromisoformat("2027-01-05T13:00+01:00"),
        needs={role: 1},
    )
    need = shift.needs.get()
    data = _shift_data(tuesday_site, "2027-01-05T09:00", "2027-01-05T13:00", note="Edited")
    data.update(
        {
            "needs-INITIAL_FORMS": "1",
            "needs-0-id": need.pk,
            "needs-0-shift": shift.pk,
            "needs-0-role": role.pk,
            "needs-0-count": "3",
        }
    )
    response = post_edit(
        coordinator_client, reverse("volunteers:shift_update", args=[shift.pk]), data
    )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.note == "Edited"
    assert shift.needs.get().count == 3


def test_a_template_is_created_with_its_needs(coordinator_client, tuesday_site):
    role = VolunteerRoleFactory()
    response = coordinator_client.post(
        reverse("volunteers:template_create"),
        {
            "site": tuesday_site.pk,
            "weekday": 1,
            "start_time": "09:00",
            "end_time": "13:00",
            "outside_hours_reason": "",
            "needs-TOTAL_FORMS": "1",
            "needs-INITIAL_FORMS": "0",
            "needs-MIN_NUM_FORMS": "0",
            "needs-MAX_NUM_FORMS": "1000",
            "needs-0-role": role.pk,
            "needs-0-count": "2",
        },
    )
    assert response.status_code == 302
    page = coordinator_client.get(reverse("volunteers:template_list"))
    assert "2 × " + role.name in page.text
