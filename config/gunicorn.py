"""Gunicorn settings for production, each from the environment with a sensible default.

Run with: gunicorn -c config/gunicorn.py config.wsgi
"""

import os
import random

from config.worker_recycling import RestartLedger

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Connections one worker holds at once (kept-alive ones included). Without a cap, the worker
# that wakes first can take nearly all of a burst of kept-alive connections and serve them on
# one core while the others idle; at 4 per thread, a full worker stops accepting and the
# listening socket hands the next connections to a worker with room.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", str(4 * threads)))
# Recycling: a worker retires after about GUNICORN_MAX_REQUESTS requests (plus up to the jitter),
# one worker at a time, at least GUNICORN_RESTART_SPACING seconds apart and only once the last
# one retired has been replaced (config/worker_recycling.py). gunicorn's own max_requests is off.
recycle_after = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
recycle_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", str(recycle_after // 2)))
restart_spacing = float(os.environ.get("GUNICORN_RESTART_SPACING", "10"))
max_requests = 0
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No client IP, no user agent, result tokens redacted: see config/logs.py.
logger_class = "config.logs.PrivateAccessLogger"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


ledger = None  # made in the arbiter before the first fork, so every worker shares it


def on_starting(server):
    global ledger
    if recycle_after > 0:
        ledger = RestartLedger.create(restart_spacing)


def on_exit(server):
    if ledger is not None:
        ledger.remove()


def post_fork(server, worker):
    worker.recycle_after = recycle_after + random.randint(0, max(recycle_jitter, 0))


def post_worker_init(worker):
    from triage.questionnaire.live_version import warm

    warm()  # the live questionnaire in memory before the first request: see warm()
    if ledger is not None:
        ledger.worker_ready()


def post_request(worker, req, environ, resp):
    """After each request (``worker.nr`` counts them): retire when this worker's share is served
    and the ledger says no other worker is restarting; otherwise ask again next time."""
    if ledger is None or not worker.alive or worker.nr < worker.recycle_after:
        return
    if ledger.may_retire():
        worker.log.info("Recycling worker after %s requests.", worker.nr)
        worker.alive = False


def on_reload(server):
    """A HUP reads this file again, into a fresh module: the new workers get a ledger too."""
    on_starting(server)
