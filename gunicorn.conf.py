"""Gunicorn settings for production: `gunicorn varmestue.wsgi` reads this file."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One process per core (at least two), each with 4 threads that overlap their waits for the
# database (a tap waits for its commit to reach the disk). Measured on 2 cores (bench/,
# docs/performance.md): fewer, busier processes spend less CPU per request; 2 workers served
# about 10% more taps per second than 3 and 25% more than 5, with a shorter tail.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
# Workers are forked from a master that has already loaded Django: starting one (and the
# restart after max_requests) costs milliseconds, not a second of CPU. Nothing opens a
# database connection at import, so no connection is shared across the fork.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
# A guard against slow leaks, not a routine: each restart closes the worker's keep-alive
# connections and its clients pile onto the other workers for a while. 20,000 requests is
# days of real traffic, and longer than a benchmark run.
max_requests = 20000
max_requests_jitter = 2000
accesslog = "-"
errorlog = "-"
# Trust X-Forwarded-* only from the reverse proxy on this host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """After the app is preloaded (varmestue.wsgi warms it up), before the first fork: move
    every object the master holds out of the garbage collector's reach, so the workers'
    collections neither walk nor copy the shared memory."""
    import gc

    gc.freeze()
