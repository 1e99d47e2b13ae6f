"""Heartbeats of the scheduled commands, and which of them have stopped.

A command records that it ran with one line, at the end of its work:

    from core.jobs import heartbeat
    heartbeat("backup_db", note="Backed up 12 MB")

An app says which jobs it expects, and how often, in `<app>/jobs.py`:

    from core.jobs import Job
    JOBS = [Job("backup_db", hours=26)]

`/healthz/jobs` (core.views.healthz_jobs) answers 503 naming every expected job whose last
heartbeat is older than its interval, or that never ran.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from core.models import JobHeartbeat
from core.registry import app_modules


@dataclass(frozen=True)
class Job:
    """A scheduled command and how long it may go without a heartbeat."""

    name: str
    hours: float = 0
    minutes: float = 0

    @property
    def max_age(self) -> datetime.timedelta:
        return datetime.timedelta(hours=self.hours, minutes=self.minutes)


# The core's own scheduled command: the nightly backup (docs/operations.md).
JOBS = [Job("backup_db", hours=26)]


def heartbeat(name: str, note: str = "") -> None:
    """Record that the job `name` has just run (call it when its work is done)."""
    now = timezone.now()
    updated = JobHeartbeat.objects.filter(name=name).update(
        last_run_at=now, note=note[:300], runs=F("runs") + 1
    )
    if not updated:
        JobHeartbeat.objects.update_or_create(
            name=name, defaults={"last_run_at": now, "note": note[:300], "runs": 1}
        )


def expected_jobs() -> list[Job]:
    """Every app's `JOBS`, by name."""
    found = {job.name: job for module in app_modules("jobs") for job in module.JOBS}
    return sorted(found.values(), key=lambda job: job.name)


@dataclass(frozen=True)
class JobState:
    job: Job
    last_run_at: datetime.datetime | None
    note: str

    def is_late(self, now: datetime.datetime) -> bool:
        return self.last_run_at is None or now - self.last_run_at > self.job.max_age


def job_states() -> list[JobState]:
    """Each expected job with its last heartbeat (one query)."""
    beats = {b.name: b for b in JobHeartbeat.objects.all()}
    return [
        JobState(
            job=job,
            last_run_at=beats[job.name].last_run_at if job.name in beats else None,
            note=beats[job.name].note if job.name in beats else "",
        )
        for job in expected_jobs()
    ]
