"""Validation: closing before opening, overlapping hours, the bus at one stop at a time."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sites.models import ExtraOpening, Site, WeeklyHours
from sites.rules import validate
from tests.sites.factories import (
    BusFactory,
    BusStopFactory,
    ExtraOpeningFactory,
    SiteFactory,
    WeeklyHoursFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


CPH = ZoneInfo("Europe/Copenhagen")
D = datetime.date
T = datetime.time


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CPH)


def hours(site, **kwargs) -> WeeklyHours:
    values = {
        "weekday": 0,
        "opens": T(10),
        "closes": T(14),
        "valid_from": D(2026, 1, 1),
    } | kwargs
    return WeeklyHours(site=site, **values)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_it_rejects_closing_before_opening_unless_overnight():
    site = SiteFactory()
    with pytest.raises(ValidationError) as error:
        validate(hours(site, opens=T(14), closes=T(10)))
    assert "closes the next day" in messages(error.value)
    validate(hours(site, opens=T(20), closes=T(8), overnight=True))


def test_it_rejects_overnight_for_an_opening_that_closes_the_same_day():
    with pytest.raises(ValidationError):
        validate(hours(SiteFactory(), opens=T(10), closes=T(14), overnight=True))


def test_it_rejects_a_period_ending_before_it_starts():
    with pytest.raises(ValidationError) as error:
        validate(hours(SiteFactory(), valid_from=D(2026, 5, 1), valid_until=D(2026, 4, 1)))
    assert "cannot end before it starts" in messages(error.value)


def test_it_rejects_overlapping_hours_at_one_site():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=0, opens=T(10), closes=T(14))
    with pytest.raises(ValidationError) as error:
        validate(hours(site, opens=T(13), closes=T(16)))
    assert "overlap other hours at this site" in messages(error.value)


def test_hours_that_only_touch_do_not_overlap():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=0, opens=T(10), closes=T(14))
    validate(hours(site, opens=T(14), closes=T(16)))


def test_hours_in_separate_periods_do_not_overlap():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, valid_until=D(2026, 6, 30))
    validate(hours(site, valid_from=D(2026, 7, 1)))
    with pytest.raises(ValidationError):
        validate(hours(site, valid_from=D(2026, 6, 30)))


def test_a_sunday_night_opening_overlaps_monday_morning():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=6, opens=T(20), closes=T(8))
    with pytest.raises(ValidationError):
        validate(hours(site, weekday=0, opens=T(7), closes=T(12)))
    validate(hours(site, weekday=0, opens=T(8), closes=T(12)))


def test_editing_hours_does_not_clash_with_themselves():
    existing = WeeklyHoursFactory()
    existing.closes = T(15)
    validate(existing)


def test_it_rejects_the_bus_at_two_stops_at_once():
    bus = BusFactory()
    first = BusStopFactory(bus=bus, name="Halsskov")
    second = BusStopFactory(bus=bus)
    WeeklyHoursFactory(site=first, weekday=1, opens=T(17), closes=T(19))
    with pytest.raises(ValidationError) as error:
        validate(hours(second, weekday=1, opens=T(18), closes=T(20)))
    assert "bus cannot be at two stops at once" in messages(error.value)
    assert "Halsskov" in messages(error.value)
    assert not WeeklyHours.objects.filter(site=second).exists()
    validate(hours(second, weekday=1, opens=T(19), closes=T(21)))


def test_stops_of_different_buses_may_share_times():
    WeeklyHoursFactory(site=BusStopFactory(), weekday=1, opens=T(17), closes=T(19))
    validate(hours(BusStopFactory(), weekday=1, opens=T(17), closes=T(19)))


def test_a_stop_no_longer_in_use_does_not_block_the_bus():
    bus = BusFactory()
    old = BusStopFactory(bus=bus, in_use_until=D(2025, 12, 31))
    WeeklyHoursFactory(site=old, weekday=1, opens=T(17), closes=T(19))
    validate(hours(BusStopFactory(bus=bus), weekday=1, opens=T(17), closes=T(19)))


def test_a_bus_stop_needs_a_bus_and_only_bus_stops_have_one():
    stop = Site(name="Stop", slug="stop", kind=Site.Kind.BUS_STOP, town="Korsør")
    with pytest.raises(ValidationError) as error:
        validate(stop)
    assert "bus" in error.value.message_dict
    pavilion = Site(name="P", slug="p", kind=Site.Kind.PAVILION, town="Korsør", bus=BusFactory())
    with pytest.raises(ValidationError):
        validate(pavilion)


def test_it_rejects_an_extra_opening_over_the_regular_hours():
    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=0, opens=T(10), closes=T(14))
    extra = ExtraOpening(
        site=site, starts=at(2026, 11, 23, 13), ends=at(2026, 11, 23, 18), reason="x"
    )
    with pytest.raises(ValidationError) as error:
        validate(extra)
    assert "overlaps another opening at this site" in messages(error.value)
    validate(
        ExtraOpening(site=site, starts=at(2026, 11, 23, 14), ends=at(2026, 11, 24, 8), reason="x")
    )


def test_it_rejects_an_extra_opening_of_the_bus_at_another_stop_at_the_same_time():
    bus = BusFactory()
    first, second = BusStopFactory(bus=bus), BusStopFactory(bus=bus)
    ExtraOpeningFactory(site=first, starts=at(2026, 11, 23, 20), ends=at(2026, 11, 24, 2))
    extra = ExtraOpening(
        site=second, starts=at(2026, 11, 24, 1), ends=at(2026, 11, 24, 4), reason="x"
    )
    with pytest.raises(ValidationError) as error:
        validate(extra)
    assert "bus cannot be at two stops at once" in messages(error.value)


def test_it_rejects_an_extra_opening_that_ends_before_it_starts():
    extra = ExtraOpening(
        site=SiteFactory(), starts=at(2026, 11, 23, 20), ends=at(2026, 11, 23, 8), reason="x"
    )
    with pytest.raises(ValidationError):
        validate(extra)


def test_editing_an_extra_opening_does_not_clash_with_itself():
    extra = ExtraOpeningFactory(starts=at(2026, 11, 23, 20), ends=at(2026, 11, 24, 2))
    extra.ends = at(2026, 11, 24, 6)
    validate(extra)


def test_it_rejects_weekly_hours_over_an_existing_extra_opening_at_another_stop():
    bus = BusFactory()
    first, second = BusStopFactory(bus=bus, name="Lilleø"), BusStopFactory(bus=bus)
    ExtraOpeningFactory(site=first, starts=at(2026, 11, 24, 17), ends=at(2026, 11, 24, 20))
    with pytest.raises(ValidationError) as error:
        validate(hours(second, weekday=1, opens=T(18), closes=T(19)))  # Tuesdays
    assert "bus cannot be at two stops at once" in messages(error.value)
    assert "Lilleø" in messages(error.value)
    validate(hours(second, weekday=2, opens=T(18), closes=T(19)))  # Wednesdays: fine
    validate(hours(second, weekday=1, opens=T(18), closes=T(19), valid_from=D(2026, 11, 25)))


def test_it_rejects_weekly_hours_over_an_extra_opening_at_the_same_site():
    site = SiteFactory()
    ExtraOpeningFactory(site=site, starts=at(2026, 11, 23, 20), ends=at(2026, 11, 24, 8))
    with pytest.raises(ValidationError) as error:
        validate(hours(site, weekday=1, opens=T(7), closes=T(12)))  # Tuesday morning
    assert "overlap other hours at this site" in messages(error.value)


def test_the_form_checks_the_rules_across_rows_before_saving():
    from sites.forms import WeeklyHoursForm

    site = SiteFactory()
    WeeklyHoursFactory(site=site, weekday=0, opens=T(10), closes=T(14))
    data = {"weekday": 0, "opens": "13:00", "closes": "16:00", "valid_from": "2026-01-01"}
    form = WeeklyHoursForm(data, instance=WeeklyHours(site=site))
    assert not form.is_valid()
    assert "overlap other hours at this site" in " ".join(form.non_field_errors())
    assert WeeklyHoursForm({**data, "opens": "14:00"}, instance=WeeklyHours(site=site)).is_valid()
