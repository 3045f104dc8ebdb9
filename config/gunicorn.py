"""Gunicorn settings for production, each from the environment with a sensible default.

Run with: gunicorn -c config/gunicorn.py config.wsgi
"""

import os
import random

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", str(max_requests // 2)))
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No client IP, no user agent, result tokens redacted: see config/logs.py.
logger_class = "config.logs.PrivateAccessLogger"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def pre_fork(server, worker):
    """In the arbiter: a new worker takes the slot the worker it replaces left free.

    Slots, not ages: a replacement forked by age alternated slots, so after the first round
    of restarts two workers could reach their limits together (11 of 72 restarts in issue 21).
    """
    taken = {getattr(other, "slot", None) for other in server.WORKERS.values()}
    worker.slot = next(slot for slot in range(len(server.WORKERS) + 1) if slot not in taken)
    started = server.__dict__.setdefault("started_slots", set())
    worker.first_in_slot = worker.slot not in started
    started.add(worker.slot)


def post_fork(server, worker):
    """Stagger recycling by slot: the first worker in slot n of N serves
    max_requests × (1 + n/N) requests, plus jitter within its slot's window (so instances
    started together drift apart); every replacement then serves max_requests exactly, so the
    slots keep their spacing of max_requests/N and no two workers restart together."""
    if max_requests <= 0:
        return
    count = max(workers, 1)
    slot = getattr(worker, "slot", worker.age % count)
    if not getattr(worker, "first_in_slot", True):
        worker.max_requests = max_requests
        return
    window = max_requests // count
    jitter = random.randint(0, max(min(max_requests_jitter, window // 2), 0))
    worker.max_requests = max_requests + slot * window + jitter
