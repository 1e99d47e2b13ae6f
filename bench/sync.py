"""The sync API under concurrent clients, against gunicorn on 127.0.0.1, with /healthz as the floor.

The bench starts `gunicorn varmestue.wsgi -c gunicorn.conf.py` on a free port with the bench
database (GUNICORN_BIND overrides the file's bind; GUNICORN_WORKERS its workers, if asked). Each
client is a thread with one persistent HTTP connection and its own session: it logs in like
a browser (GET /login/ for the CSRF cookie and token, POST the form), then sends
single-event requests to /visits/api/events/ with the CSRF header. Every phase is bounded in
requests and in time. Traffic goes only to 127.0.0.1.
"""

import datetime
import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from bench.stats import percentile

HOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def gunicorn_config(workers: int | None) -> dict:
    """The workers and threads gunicorn.conf.py gives (with GUNICORN_WORKERS if asked)."""
    import runpy

    previous = os.environ.get("GUNICORN_WORKERS")
    if workers:
        os.environ["GUNICORN_WORKERS"] = str(workers)
    try:
        config = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
    finally:
        if previous is None:
            os.environ.pop("GUNICORN_WORKERS", None)
        else:
            os.environ["GUNICORN_WORKERS"] = previous
    return {"workers": config["workers"], "threads": config["threads"]}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn as deployed, on a free port of 127.0.0.1, logging to a file."""

    def __init__(self, *, workers: int | None, log: Path):
        self.port = free_port()
        self.workers = workers
        self.log = log
        self.process = None

    def __enter__(self):
        env = {**os.environ, "GUNICORN_BIND": f"{HOST}:{self.port}"}
        if self.workers:
            env["GUNICORN_WORKERS"] = str(self.workers)
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "varmestue.wsgi",
                "-c",
                "gunicorn.conf.py",
            ],
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log}")
            try:
                status, _body, _headers = request(self.connection(), "GET", "/healthz")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(HOST, self.port, timeout=30)


def request(connection, method: str, path: str, *, body=None, headers=None):
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    return response.status, data, response.headers


class Client:
    """One tablet: a persistent connection and a logged-in session.

    gunicorn closes a keep-alive connection after a few idle seconds (between phases): the
    client then opens a new one and sends the request again, as a browser does. Sending a
    tap again is safe: its id makes a retry a duplicate, never a second count.
    """

    def __init__(self, server: Server, username: str, password: str):
        self.server = server
        self.connection = server.connection()
        self.cookies: dict[str, str] = {}
        self.reconnects = 0
        self.login(username, password)

    def _send(self, method: str, path: str, *, body=None, headers=None):
        try:
            return request(self.connection, method, path, body=body, headers=headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.connection.close()
            self.connection = self.server.connection()
            self.reconnects += 1
            return request(self.connection, method, path, body=body, headers=headers)

    def _remember(self, headers) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def _headers(self, extra=None) -> dict:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {"Cookie": cookie, "Host": HOST, **(extra or {})}

    def get(self, path: str):
        status, body, headers = self._send("GET", path, headers=self._headers())
        self._remember(headers)
        return status, body

    def probe(self, path: str):
        """A GET as a monitor or load balancer sends it: on the same connection, no cookies."""
        status, body, _headers = self._send("GET", path, headers={"Host": HOST})
        return status, body

    def post(self, path: str, body: bytes, content_type: str):
        extra = {
            "Content-Type": content_type,
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
            "Referer": f"http://{HOST}/",
        }
        status, data, headers = self._send("POST", path, body=body, headers=self._headers(extra))
        self._remember(headers)
        return status, data

    def login(self, username: str, password: str) -> None:
        status, body = self.get("/login/")
        token = CSRF_INPUT.search(body.decode())
        if status != 200 or token is None:
            raise RuntimeError(f"GET /login/ answered {status} without a CSRF token")
        form = urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token[1]}
        ).encode()
        status, _body = self.post("/login/", form, "application/x-www-form-urlencoded")
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login as {username} failed ({status})")


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_stats() -> dict[int, tuple[int, str, float, float]]:
    """{pid: (parent pid, command line, own CPU seconds, reaped children's CPU seconds)} of
    every process /proc shows (Linux; empty elsewhere)."""
    found = {}
    for entry in Path("/proc").iterdir() if Path("/proc/self/stat").exists() else []:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        own = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime
        children = (int(fields[13]) + int(fields[14])) / CLOCK_TICKS  # cutime + cstime
        found[int(entry.name)] = (int(fields[1]), cmdline, own, children)
    return found


class CpuMeter:
    """CPU seconds used during a phase by gunicorn (master and workers), by the PostgreSQL
    backends serving the bench database, and by this client process: what a request costs,
    whatever else runs on the machine. Linux only (/proc); elsewhere the figures are absent.

    A worker that gunicorn restarts during the phase is counted through the master's reaped
    children's time. A backend that ends during the phase (its worker restarted) is counted
    up to the last sample, taken every second.
    """

    def __init__(self, server_pid: int, database: str):
        self.server_pid = server_pid
        self.marker = f" {database} "

    def _gunicorn(self, stats) -> float:
        master = stats.get(self.server_pid)
        if master is None:
            return 0.0
        workers = sum(own for ppid, _cmd, own, _c in stats.values() if ppid == self.server_pid)
        return master[2] + master[3] + workers

    def _backends(self, stats) -> dict[int, float]:
        return {
            pid: own
            for pid, (_ppid, cmd, own, _c) in stats.items()
            if cmd.startswith("postgres:") and self.marker in cmd
        }

    def measure(self, work) -> dict[str, float] | None:
        """Run work() and return the CPU seconds each used meanwhile (None without /proc)."""
        stats = _proc_stats()
        if not stats:
            work()
            return None
        gunicorn, backends, clients = (
            self._gunicorn(stats),
            self._backends(stats),
            time.process_time(),
        )
        first = dict(backends)
        last = dict(backends)
        done = threading.Event()

        def sample():
            while not done.wait(1.0):
                last.update(self._backends(_proc_stats()))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            work()
        finally:
            done.set()
            sampler.join()
        clients = time.process_time() - clients
        stats = _proc_stats()
        last.update(self._backends(stats))
        return {
            "gunicorn": self._gunicorn(stats) - gunicorn,
            "postgresql": sum(cpu - first.get(pid, 0.0) for pid, cpu in last.items()),
            "clients": clients,
        }


def _phase(
    clients: list[Client], work, *, max_requests: int, max_seconds: float, meter=None
) -> dict:
    """Run `work(client, n)` from every client in parallel until either bound is reached."""
    latencies: list[float] = []
    failures: list[str] = []
    counter = iter(range(max_requests))
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def run(client):
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            began = time.perf_counter()
            try:
                ok, detail = work(client, n)
            except OSError as error:
                ok, detail = False, repr(error)
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if not ok:
                    failures.append(detail)

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]

    wall = 0.0

    def run_all():
        nonlocal wall
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began

    used = meter.measure(run_all) if meter else run_all()
    cpu = {}
    if used and latencies:
        # Milliseconds of CPU per request, by whom.
        cpu = {
            f"cpu_ms_per_request_{who}": round(seconds * 1000 / len(latencies), 2)
            for who, seconds in used.items()
        }
    return {
        "requests": len(latencies),
        "failures": len(failures),
        "first_failures": failures[:3],
        "seconds": round(wall, 2),
        "per_second": round(len(latencies) / wall, 1) if wall else None,
        "p50_ms": _ms(percentile(latencies, 50)),
        "p95_ms": _ms(percentile(latencies, 95)),
        "p99_ms": _ms(percentile(latencies, 99)),
        **cpu,
    }


def _ms(value):
    return None if value is None else round(value * 1000, 1)


def measure(
    *,
    clients: int = 20,
    workers: int | None = None,
    rounds: int = 3,
    requests_per_round: int = 3000,
    seconds_per_round: float = 30,
    log: Path,
) -> dict:
    """Rounds of (/healthz, then the sync API) under `clients` concurrent clients."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from sites.models import Site

    DailyCount = apps.get_model("visits", "DailyCount")  # noqa: N806 - a model class
    TallyCategory = apps.get_model("visits", "TallyCategory")  # noqa: N806

    # A fresh random password for this run only (the dataset's users have none).
    password = secrets.token_urlsafe(24)
    staff = get_user_model().objects.get(username="bench-staff")
    staff.set_password(password)
    staff.save(update_fields=["password"])
    today = timezone.localdate()
    sites = list(Site.objects.values_list("slug", flat=True))
    categories = list(TallyCategory.objects.active().values_list("code", flat=True))

    def before_count() -> int:
        return sum(DailyCount.objects.filter(date=today).values_list("count", flat=True))

    def healthz(client: Client, n: int):
        # As a monitor calls it: without the session cookie, so the floor is the bare stack
        # (gunicorn, middleware, one query), not a session read and renewal as well.
        status, _body = client.probe("/healthz")
        return status == 200, f"healthz {status}"

    accepted = 0
    accepted_lock = threading.Lock()

    def tap(client: Client, n: int):
        nonlocal accepted
        event = {
            "id": str(uuid.uuid4()),
            "site": sites[n % len(sites)],
            "date": today.isoformat(),
            "category": categories[(n // len(sites)) % len(categories)],
            "delta": 1,
        }
        status, body = client.post(
            "/visits/api/events/", json.dumps({"events": [event]}).encode(), "application/json"
        )
        ok = status == 200 and json.loads(body).get("accepted") == [event["id"]]
        if ok:
            with accepted_lock:
                accepted += 1
        return ok, f"events {status} {body[:120]!r}"

    counted_before = before_count()
    config = gunicorn_config(workers)
    results = {
        "clients": clients,
        "gunicorn_workers": config["workers"],
        "gunicorn_threads": config["threads"],
        "rounds": [],
    }
    database = connection.settings_dict["NAME"]
    with Server(workers=workers, log=log) as server:
        pool = [Client(server, "bench-staff", password) for _ in range(clients)]
        meter = CpuMeter(server.process.pid, database)
        for _round in range(rounds):
            floor = _phase(
                pool,
                healthz,
                max_requests=requests_per_round,
                max_seconds=seconds_per_round,
                meter=meter,
            )
            sync = _phase(
                pool,
                tap,
                max_requests=requests_per_round,
                max_seconds=seconds_per_round,
                meter=meter,
            )
            results["rounds"].append({"healthz": floor, "sync": sync})
        results["reconnects"] = sum(client.reconnects for client in pool)
    counted = before_count() - counted_before
    results["events_accepted"] = accepted
    results["counted_in_daily_counts"] = counted
    results["nothing_lost"] = counted == accepted
    results["date"] = today.isoformat()
    results["measured_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    return results
