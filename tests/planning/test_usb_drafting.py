"""Issue 18: targets and sub-goals on staff pages, a reporting period's life, with history."""

import datetime

import pytest
from django.urls import reverse

from core.audit import history_for
from planning.models import ReportingPeriod, StrategicTarget, SubGoal, SubGoalStatus
from tests.core.formwalk import post_edit
from tests.planning.factories import (
    ReportingPeriodFactory,
    StrategicTargetFactory,
    SubGoalFactory,
)
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_a_manager_adds_a_target_and_a_numbered_sub_goal(manager_client):
    response = manager_client.post(
        reverse("planning:target_create"),
        {
            "title": "Udsathed og Hjemløshed",
            "description": "Bygger på medborgerpolitikken.",
            "order": 2,
        },
    )
    assert response.status_code == 302
    target = StrategicTarget.objects.get(title="Udsathed og Hjemløshed")
    assert history_for(target).get().action == "create"
    # The next free number is offered.
    SubGoalFactory(target=target, number=1)
    page = manager_client.get(reverse("planning:sub_goal_create", args=[target.pk]))
    assert page.context["form"].fields["number"].initial == 2
    response = manager_client.post(
        reverse("planning:sub_goal_create", args=[target.pk]),
        {"number": 2, "title": "Ældre udsatte", "description": "Samarbejdet med CSÆ styrkes."},
    )
    assert response.status_code == 302
    goal = SubGoal.objects.get(target=target, number=2)
    assert goal.description == "Samarbejdet med CSÆ styrkes."


def test_a_sub_goal_number_is_taken_once_per_target(coordinator_client):
    goal = SubGoalFactory(number=1)
    response = coordinator_client.post(
        reverse("planning:sub_goal_create", args=[goal.target.pk]),
        {"number": 1, "title": "Twice", "description": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "already has a sub-goal number 1" in response.content.decode()
    assert not SubGoal.objects.filter(title="Twice").exists()
    # Another target may use the number.
    other = StrategicTargetFactory()
    coordinator_client.post(
        reverse("planning:sub_goal_create", args=[other.pk]),
        {"number": 1, "title": "Elsewhere", "description": ""},
    )
    assert SubGoal.objects.get(title="Elsewhere").target == other


def test_editing_a_sub_goal_is_in_its_history_shown_on_the_page(coordinator_client):
    goal = SubGoalFactory(number=3, title="Unge udsatte")
    url = reverse("planning:sub_goal_edit", args=[goal.pk])
    post_edit(
        coordinator_client,
        url,
        {"number": 3, "title": "Unge udsatte og hjemløse", "description": ""},
    )
    goal.refresh_from_db()
    assert goal.title == "Unge udsatte og hjemløse"
    entry = history_for(goal).get()
    assert entry.changes["title"] == ["Unge udsatte", "Unge udsatte og hjemløse"]
    assert "Unge udsatte og hjemløse" in coordinator_client.get(url).content.decode()


def test_staff_cannot_add_a_target(staff_client):
    response = staff_client.post(reverse("planning:target_create"), {"title": "X", "order": 0})
    assert response.status_code == 403
    assert not StrategicTarget.objects.exists()


def test_the_period_life_draft_sent_decided(manager_client, manager_user):
    site = SiteFactory()
    manager_client.post(
        reverse("planning:period_create"),
        {
            "title": "USB 2026",
            "starts": "2026-01-01",
            "ends": "2026-12-31",
            "sites": [site.pk],
            "summary": "Første afsnit.\n\nAndet afsnit.",
        },
    )
    period = ReportingPeriod.objects.get(title="USB 2026")
    assert period.state == ReportingPeriod.State.DRAFT
    assert list(period.sites.all()) == [site]
    page = manager_client.get(reverse("planning:targets"), {"period": period.pk}).content.decode()
    assert "<p>Første afsnit.</p>" in page and "<p>Andet afsnit.</p>" in page

    # USB's decision cannot come before the period is sent.
    decision_url = reverse("planning:period_decision", args=[period.pk])
    refused = post_edit(
        manager_client,
        decision_url,
        {"decided_on": "2027-02-01", "decision": "Taget til efterretning"},
    )
    # Out of turn the page shows no form, so there is no version to send: refused first.
    assert refused.status_code == 409
    period.refresh_from_db()
    assert period.decision == "" and period.state == ReportingPeriod.State.DRAFT

    send_url = reverse("planning:period_send", args=[period.pk])
    no_date = post_edit(manager_client, send_url, {"meeting_date": ""})
    assert no_date.status_code == 200
    post_edit(manager_client, send_url, {"meeting_date": "2027-01-20"})
    period.refresh_from_db()
    assert period.state == ReportingPeriod.State.SENT
    assert period.meeting_date == datetime.date(2027, 1, 20)
    assert period.sent_by == manager_user and period.sent_at is not None
    # Sent once: sending again changes nothing.
    again = post_edit(manager_client, send_url, {"meeting_date": "2027-03-01"})
    assert again.status_code == 409
    period.refresh_from_db()
    assert period.meeting_date == datetime.date(2027, 1, 20)

    post_edit(
        manager_client,
        decision_url,
        {"decided_on": "2027-01-20", "decision": "Taget til efterretning"},
    )
    period.refresh_from_db()
    assert period.state == ReportingPeriod.State.DECIDED
    assert period.decision == "Taget til efterretning"
    actions = [e.changes for e in history_for(period).order_by("at", "id")]
    assert actions[-1]["state"][1] == str(ReportingPeriod.State.DECIDED.label)


def test_a_manager_writes_a_status_and_usbs_recommendations(manager_client):
    goal = SubGoalFactory()
    period = ReportingPeriodFactory(state=ReportingPeriod.State.SENT)
    url = reverse("planning:status_edit", args=[goal.pk, period.pk])
    page = manager_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "not in the document USB received" in page
    response = post_edit(
        manager_client, url, {"status_text": "I drift", "committee_follow_up": "Følges tæt af USB"}
    )
    assert response.status_code == 302
    status = SubGoalStatus.objects.get(sub_goal=goal, period=period)
    assert (status.status_text, status.committee_follow_up) == ("I drift", "Følges tæt af USB")
    assert history_for(status).get().action == "create"


def test_the_targets_page_without_any_period_still_lists_targets(staff_client):
    SubGoalFactory(title="Fællesskaber", target=StrategicTargetFactory(title="Recovery"))
    page = staff_client.get(reverse("planning:targets")).content.decode()
    assert "Recovery" in page and "Fællesskaber" in page
