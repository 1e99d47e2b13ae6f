"""Heartbeats of the scheduled commands and /healthz/jobs (issue 20)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.jobs import expected_jobs, heartbeat
from core.models import JobHeartbeat
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/healthz/jobs"


def _beat_all() -> None:
    for job in expected_jobs():
        heartbeat(job.name)


def _age(name: str, **delta) -> None:
    JobHeartbeat.objects.filter(name=name).update(
        last_run_at=timezone.now() - datetime.timedelta(**delta)
    )


def test_heartbeat_records_each_run():
    heartbeat("send_shift_reminders", note="3 sent")
    heartbeat("send_shift_reminders", note="0 sent")
    beat = JobHeartbeat.objects.get(name="send_shift_reminders")
    assert beat.runs == 2
    assert beat.note == "0 sent"
    assert timezone.now() - beat.last_run_at < datetime.timedelta(minutes=1)


def test_the_scheduled_commands_beat():
    call_command("send_shift_reminders", stdout=io.StringIO())
    call_command("anonymise_volunteers", stdout=io.StringIO())
    call_command("forget_tally_details", stdout=io.StringIO())
    assert set(JobHeartbeat.objects.values_list("name", flat=True)) >= {
        "send_shift_reminders",
        "anonymise_volunteers",
        "forget_tally_details",
    }


def test_every_expected_job_is_a_command():
    from django.core.management import get_commands

    commands = get_commands()
    for job in expected_jobs():
        assert job.name in commands, job.name
        assert job.max_age > datetime.timedelta(0), job.name


def test_ok_when_every_job_ran_in_time(superuser_client):
    _beat_all()
    response = superuser_client.get(URL)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["late"] == []


@pytest.mark.allow_error_log  # Django logs every 5xx answer
def test_503_names_the_job_that_stopped(superuser_client):
    _beat_all()
    _age("send_shift_reminders", hours=27)
    _age("anonymise_volunteers", hours=25)  # within its 26 hours
    response = superuser_client.get(URL)
    assert response.status_code == 503
    assert response.json()["late"] == ["send_shift_reminders"]
    job = next(j for j in response.json()["jobs"] if j["name"] == "send_shift_reminders")
    assert job["late"] is True and job["last_run"] is not None


@pytest.mark.allow_error_log
def test_a_job_that_never_ran_is_late(superuser_client):
    _beat_all()
    JobHeartbeat.objects.filter(name="backup_db").delete()
    response = superuser_client.get(URL)
    assert response.status_code == 503
    assert "backup_db" in response.json()["late"]


def test_a_monitor_with_the_token_may_look(client, settings):
    settings.HEALTHZ_JOBS_TOKEN = "s3cret-token-for-the-monitor"
    _beat_all()
    assert client.get(URL).status_code == 403
    assert client.get(URL, headers={"Authorization": "Bearer wrong"}).status_code == 403
    good = client.get(URL, headers={"Authorization": "Bearer s3cret-token-for-the-monitor"})
    assert good.status_code == 200


def test_no_token_configured_lets_no_token_in(client, settings):
    settings.HEALTHZ_JOBS_TOKEN = ""
    assert client.get(URL, headers={"Authorization": "Bearer "}).status_code == 403
    placeholder = "change-me-to-a-long-random-string"  # .env.example's
    settings.HEALTHZ_JOBS_TOKEN = placeholder
    assert client.get(URL, headers={"Authorization": f"Bearer {placeholder}"}).status_code == 403


def test_coordinators_are_not_operators(coordinator_client):
    _beat_all()
    assert coordinator_client.get(URL).status_code == 403


def test_django_staff_may_look(client):
    client.force_login(UserFactory(username="ops", is_staff=True))
    _beat_all()
    assert client.get(URL).status_code == 200


def test_healthz_itself_does_not_read_the_heartbeats(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get("/healthz").status_code == 200
    assert not mail.outbox
