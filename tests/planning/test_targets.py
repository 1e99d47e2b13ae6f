"""Strategic targets: reading a period's statuses, coordinators editing them."""

import datetime

import pytest
from django.urls import reverse

from core.audit import history_for
from planning import selectors
from planning.models import ReportingPeriod, SubGoalStatus
from tests.core.formwalk import post_edit
from tests.planning.factories import (
    ReportingPeriodFactory,
    StrategicTargetFactory,
    SubGoalFactory,
    SubGoalStatusFactory,
)

URL = reverse("planning:targets")


@pytest.fixture
def status(db):
    target = StrategicTargetFactory(title="Udsathed og Hjemløshed")
    goal = SubGoalFactory(target=target, number=2, title="Ældre udsatte")
    return SubGoalStatusFactory(
        sub_goal=goal,
        period=ReportingPeriodFactory(
            title="USB 2018-2021",
            starts=datetime.date(2018, 1, 1),
            ends=datetime.date(2021, 12, 31),
        ),
        status_text="Den Sociale Hjemmepleje er i drift",
        committee_follow_up="Området følges tæt af USB",
    )


def test_it_shows_targets_with_numbered_sub_goals_and_the_follow_up(staff_client, status):
    page = staff_client.get(URL).content.decode()
    assert "Udsathed og Hjemløshed" in page
    assert "2. Ældre udsatte" in page
    assert "Den Sociale Hjemmepleje er i drift" in page
    assert "Området følges tæt af USB" in page


def test_another_period_shows_its_own_statuses(staff_client, status):
    other = ReportingPeriodFactory(
        title="USB 2022", starts=datetime.date(2022, 1, 1), ends=datetime.date(2022, 12, 31)
    )
    page = staff_client.get(URL, {"period": other.pk}).content.decode()
    assert "2. Ældre udsatte" in page
    assert "Den Sociale Hjemmepleje er i drift" not in page


def test_coordinators_edit_a_status_and_it_is_recorded(coordinator_client, status):
    url = reverse("planning:status_edit", args=[status.sub_goal.pk, status.period.pk])
    response = post_edit(
        coordinator_client,
        url,
        {"status_text": "Ordinær drift", "committee_follow_up": "Følges tæt"},
    )
    assert response.status_code == 302
    status.refresh_from_db()
    assert status.status_text == "Ordinær drift"
    assert history_for(status).get().changes["status_text"][1] == "Ordinær drift"


def test_a_status_for_a_new_period_is_created(coordinator_client, status):
    period = ReportingPeriodFactory()
    url = reverse("planning:status_edit", args=[status.sub_goal.pk, period.pk])
    post_edit(coordinator_client, url, {"status_text": "Nyt", "committee_follow_up": ""})
    assert SubGoalStatus.objects.get(period=period).status_text == "Nyt"


def test_staff_cannot_edit_a_status(staff_client, status):
    url = reverse("planning:status_edit", args=[status.sub_goal.pk, status.period.pk])
    assert staff_client.post(url, {"status_text": "x"}).status_code == 403
    status.refresh_from_db()
    assert status.status_text == "Den Sociale Hjemmepleje er i drift"


def test_a_period_cannot_end_before_it_starts(coordinator_client, db):
    response = coordinator_client.post(
        reverse("planning:period_create"),
        {"title": "Bad", "starts": "2022-12-31", "ends": "2022-01-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "A reporting period cannot end before it starts." in response.content.decode()
    assert not ReportingPeriod.objects.filter(title="Bad").exists()


def test_target_statuses_selects_overlapping_periods(status):
    reports = selectors.target_statuses(
        start=datetime.date(2021, 1, 1), end=datetime.date(2021, 6, 30)
    )
    goal = reports[0].sub_goals[0]
    assert [s.status_text for s in goal.statuses] == ["Den Sociale Hjemmepleje er i drift"]
    later = selectors.target_statuses(
        start=datetime.date(2022, 1, 1), end=datetime.date(2022, 6, 30)
    )
    assert later[0].sub_goals[0].statuses == []
