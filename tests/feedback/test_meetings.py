"""Meetings with visitors: recorded with a number of participants (never names), follow-up
actions on the coordinators' dashboard until done, linked from the plan's dialogue task."""

import datetime

import pytest
from django.urls import reverse

from core.audit import history_for
from feedback.models import MeetingAction, VisitorMeeting
from tests.feedback.factories import MeetingActionFactory, VisitorMeetingFactory
from tests.planning.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_records_a_meeting_with_its_history(coordinator_client, site):
    response = coordinator_client.post(
        reverse("feedback:meeting_create"),
        {
            "date": "2026-11-20",
            "site": site.pk,
            "participants": "9",
            "topics": "Åbningstider og mad",
            "wishes": "Åbent lørdag aften",
            "decisions": "Vi afprøver lørdag aften i februar",
        },
    )

    meeting = VisitorMeeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert (meeting.site, meeting.date, meeting.participants) == (
        site,
        datetime.date(2026, 11, 20),
        9,
    )
    assert history_for(meeting).get().action == "create"


@pytest.mark.parametrize(
    ("participants", "message"),
    [("0", "Mindst én bruger deltog."), ("Anna og Bo", "Indtast et heltal.")],
)
def test_participants_are_a_number_of_at_least_one(coordinator_client, site, participants, message):
    response = coordinator_client.post(
        reverse("feedback:meeting_create"),
        {"date": "2026-11-20", "site": site.pk, "participants": participants, "topics": "Mad"},
    )

    assert message in response.content.decode()
    assert not VisitorMeeting.objects.exists()


def test_an_action_shows_on_the_dashboard_until_it_is_done(
    coordinator_client, coordinator_user, manager_client
):
    meeting = VisitorMeetingFactory()
    response = coordinator_client.post(
        reverse("feedback:action_add", kwargs={"pk": meeting.pk}),
        {
            "description": "Spørg kommunen om lørdagsåbning",
            "responsible": coordinator_user.pk,
            "due": "2026-12-01",
        },
    )
    assert response.status_code == 302
    action = MeetingAction.objects.get()
    dashboard = coordinator_client.get(reverse("core:dashboard")).content.decode()
    assert "Spørg kommunen om lørdagsåbning" in dashboard
    assert "Åbne opgaver fra møder med brugerne" in dashboard
    # Managers read meetings but have no such dashboard panel.
    assert "Spørg kommunen" not in manager_client.get(reverse("core:dashboard")).content.decode()

    done = coordinator_client.post(
        reverse("feedback:action_done", kwargs={"pk": action.pk}), {"next": "dashboard"}
    )

    assert done["Location"] == reverse("core:dashboard")
    action.refresh_from_db()
    assert action.done_by == coordinator_user and action.done_at is not None
    dashboard = coordinator_client.get(reverse("core:dashboard")).content.decode()
    assert "“Spørg kommunen om lørdagsåbning” er udført." in dashboard  # the message, once
    assert "Åbne opgaver fra møder med brugerne" not in dashboard
    dashboard = coordinator_client.get(reverse("core:dashboard")).content.decode()
    assert "Spørg kommunen om lørdagsåbning" not in dashboard
    assert history_for(action).filter(note="Done").count() == 1
    # A second press changes nothing.
    coordinator_client.post(reverse("feedback:action_done", kwargs={"pk": action.pk}))
    assert history_for(action).filter(note="Done").count() == 1


def test_an_action_needs_what_who_and_when(coordinator_client):
    meeting = VisitorMeetingFactory()

    response = coordinator_client.post(
        reverse("feedback:action_add", kwargs={"pk": meeting.pk}), {"description": "Noget"}
    )

    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.content.decode()
    assert not MeetingAction.objects.exists()


def test_the_meeting_page_lists_its_actions_with_who_and_when(manager_client):
    action = MeetingActionFactory(description="Nye morgenmadstider", due=datetime.date(2020, 1, 1))

    html = manager_client.get(action.meeting.get_absolute_url()).content.decode()

    assert "Nye morgenmadstider" in html
    assert "Forsinket" in html
    assert "Markér som udført" not in html  # managers read; coordinators act


def test_the_plans_dialogue_task_links_to_the_meetings(coordinator_client, staff_client):
    task = TaskFactory(
        title="Dialog med borgerne i målgruppen om deres behov og ønsker",
        reference_key="korsor-dialogue-visitors",
    )
    other = TaskFactory(workstream=task.workstream, title="Rekruttering")
    VisitorMeetingFactory()

    url = reverse("planning:task_detail", kwargs={"pk": task.pk})
    html = coordinator_client.get(url).content.decode()
    assert reverse("feedback:meetings") in html
    assert "Møder med brugerne (1 registreret)" in html
    other_url = reverse("planning:task_detail", kwargs={"pk": other.pk})
    assert reverse("feedback:meetings") not in coordinator_client.get(other_url).content.decode()
    # Staff see the plan but not the meetings: no link.
    assert reverse("feedback:meetings") not in staff_client.get(url).content.decode()
