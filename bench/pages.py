"""Server time of the main pages and the USB report, through Django's test Client.

The Client runs the whole request (middleware, view, template) in this process against the
bench database, without a network: what is measured is the server's time. Each report format
runs in a subprocess of its own, so its peak memory (the process's VmHWM on Linux) is its own.
"""

import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import time

from bench.stats import summary_ms

BUSY_MONTH = datetime.date(2025, 1, 15)


def _client(username: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="da")
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def _time(client, url: str, repeats: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)  # warm-up, and the query count
    queries = len(captured)  # now: the captured list is read lazily from the connection
    status = response.status_code
    durations, cpu = [], []
    for _ in range(repeats):
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        durations.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
        status = max(status, response.status_code)
    # CPU time of this process (the database's work is not in it): on a shared, loaded
    # machine it moves far less than the wall-clock time.
    cpu_ms = round(statistics.median(cpu) * 1000, 1) if cpu else None
    return {
        "url": url,
        "status": status,
        "queries": queries,
        **summary_ms(durations),
        "cpu_median_ms": cpu_ms,
    }


def main_pages(repeats: int) -> dict:
    """The pages the issue names, on the large dataset."""
    from sites.models import Site

    busiest = Site.objects.order_by("pk").first()
    month = BUSY_MONTH.isoformat()
    pages = {
        "public schedule": ("", f"/schedule/?at={month}T12:00"),
        "plan timeline": ("bench-coordinator", "/planning/"),
        "partner directory": ("bench-coordinator", "/partners/"),
    }
    pages["visits entry"] = ("bench-staff", f"/visits/?site={busiest.slug}")
    pages["visits month view"] = (
        "bench-staff",
        "/visits/figures/?period=month&start=2025-01-01&end=2025-12-31",
    )
    busy = _busiest_shift_site()
    pages["roster (busy month)"] = (
        "bench-coordinator",
        f"/volunteers/roster/?site={busy}&view=month&date={month}",
    )
    pages["roster (all sites, month)"] = (
        "bench-coordinator",
        f"/volunteers/roster/?site=all&view=month&date={month}",
    )
    pages["roster print (all sites, month)"] = (
        "bench-coordinator",
        f"/volunteers/roster/print/?site=all&view=month&date={month}",
    )
    results = {}
    clients = {}
    for name, (user, url) in pages.items():
        client = clients.setdefault(user, _client(user))
        results[name] = _time(client, url, repeats)
    return results


def _busiest_shift_site() -> int:
    from django.apps import apps
    from django.db.models import Count

    Shift = apps.get_model("volunteers", "Shift")  # noqa: N806 - a model class

    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC)
    row = (
        Shift.objects.filter(starts__gte=start, starts__lt=end)
        .values("site")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return row["site"] if row else 0


REPORT_PERIODS = {
    "1 year": "period=year:2025",
    "5 years": "period=custom&start=2021-01-01&end=2025-12-31",
    # Seed 002's status document for 2025, every site: the targets, then the 1-year appendix.
    "1 year status document": "document={document}",
}
DOCUMENT_TITLE = "USB 2025 (bench)"


def usb_document() -> int:
    """The bench's reporting period for 2025 (every site), with a target, its sub-goals,
    statuses and live figures; made once in the bench database."""
    from planning.models import ReportingPeriod, StrategicTarget, SubGoal, SubGoalStatus
    from reports.models import StatusFigure

    period, created = ReportingPeriod.objects.get_or_create(
        title=DOCUMENT_TITLE,
        defaults={
            "starts": datetime.date(2025, 1, 1),
            "ends": datetime.date(2025, 12, 31),
            "summary": "Året i tal og tekst.\n\nEt fiktivt resumé til målingen.",
        },
    )
    if created:
        target, _new = StrategicTarget.objects.get_or_create(
            title="Pejlemærke (bench)", defaults={"description": "Fiktivt pejlemærke."}
        )
        for number, indicator in enumerate(
            ("visits", "volunteer_hours", "partner_sessions", "tasks_done"), start=1
        ):
            goal, _new = SubGoal.objects.get_or_create(
                target=target,
                number=number,
                defaults={"title": f"Delmål {number}", "description": "Hvad delmålet sigter på."},
            )
            status = SubGoalStatus.objects.create(
                sub_goal=goal,
                period=period,
                status_text="Status for året. " * 20,
                committee_follow_up="Følges af USB.",
            )
            StatusFigure.objects.create(status=status, indicator=indicator)
    return period.pk


REPORT_FORMATS = ("page", "pdf", "xlsx", "csv")


def reports(repeats: int) -> dict:
    """Each period and format in a subprocess: times and peak memory."""
    results = {}
    for period in REPORT_PERIODS:
        for format in REPORT_FORMATS:
            completed = subprocess.run(  # noqa: S603 - our own module, fixed arguments
                [sys.executable, "-m", "bench.pages", period, format, str(repeats)],
                capture_output=True,
                text=True,
                env=os.environ.copy(),
                check=False,
            )
            key = f"USB report {period}, {format}"
            if completed.returncode != 0:
                results[key] = {"error": completed.stderr.strip().splitlines()[-3:]}
                continue
            results[key] = json.loads(completed.stdout.strip().splitlines()[-1])
    return results


def _peak_rss_kb() -> int:
    """This process's peak resident memory in KiB. On Linux VmHWM: getrusage's ru_maxrss also
    keeps the peak of the process this one was forked from before its exec (the bench itself,
    several hundred MB after generating the dataset)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _report_in_this_process(period: str, format: str, repeats: int) -> dict:
    from bench import setup

    setup(migrate=False)
    query = REPORT_PERIODS[period]
    if "{document}" in query:
        query = query.format(document=usb_document())
    url = f"/reports/usb/?{query}" if format == "page" else f"/reports/usb/{format}/?{query}"
    client = _client("bench-manager")
    baseline = _peak_rss_kb()
    result = _time(client, url, repeats)
    peak = _peak_rss_kb()
    result["peak_rss_mb"] = round(peak / 1024, 1)
    result["peak_above_baseline_mb"] = round((peak - baseline) / 1024, 1)
    return result


if __name__ == "__main__":
    print(json.dumps(_report_in_this_process(sys.argv[1], sys.argv[2], int(sys.argv[3]))))
