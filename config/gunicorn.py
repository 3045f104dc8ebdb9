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


def post_fork(server, worker):
    """Stagger recycling: worker n of N restarts after about max_requests × (1 + n/N) requests
    (plus jitter), so two workers started together never reach their limit together."""
    if max_requests <= 0:
        return
    slot = worker.age % max(workers, 1)
    jitter = random.randint(0, max(max_requests_jitter // max(workers, 1), 0))
    worker.max_requests = max_requests + slot * max_requests // max(workers, 1) + jitter
