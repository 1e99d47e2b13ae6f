"""Gunicorn settings for production: `gunicorn varmestue.wsgi` reads this file."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One process per core and one more, each with 4 threads that overlap their waits for the
# database (a tap waits for its commit to reach the disk). Measured on 2 cores (bench/):
# fewer, busier processes spend less CPU per request than 2 x cores + 1 with 2 threads.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
# Workers are forked from a master that has already loaded Django: starting one (and the
# restart after max_requests) costs milliseconds, not a second of CPU. Nothing opens a
# database connection at import, so no connection is shared across the fork.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# Trust X-Forwarded-* only from the reverse proxy on this host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
