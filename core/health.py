"""The site's own health: /healthz (the database and Redis asked, each with a deadline), and the
friendly 503 page when the database stops answering."""

import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from core.db_deadline import DATABASE, deadline
from core.errors import DATABASE_DOWN


def database_is_up():
    """Whether the database answered a trivial question within HEALTH_CHECK_DEADLINE.

    The question is asked on a thread of its own and this one waits for it at most that long,
    so the deadline covers all of it: asked on the request's thread, a hung database could cost
    a probe a wait for a connection from the pool (up to its timeout) and then the query's own
    deadline, up to 2 s. Probes that come while a question is still out share its answer
    rather than each asking again."""
    with _question["lock"]:
        if _question["pid"] != os.getpid():  # first use in this process (gunicorn forks)
            _question.update(pid=os.getpid(), pending=None, asker=ThreadPoolExecutor(1, "health"))
        if _question["pending"] is None or _question["pending"].done():
            _question["pending"] = _question["asker"].submit(ask_database)
        pending = _question["pending"]
    try:
        up = pending.result(timeout=settings.HEALTH_CHECK_DEADLINE)
    except TimeoutError:
        up = False
        DATABASE.failed(TimeoutError("the health check's question passed its deadline"))
    return up


_question = {"lock": threading.Lock(), "pid": None, "pending": None, "asker": None}


def ask_database():
    """Ask ``SELECT 1`` on this thread's connection, then give the connection back."""
    try:
        with (
            connection.execute_wrapper(deadline(settings.HEALTH_CHECK_DEADLINE)),
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        DATABASE.failed(error)
        return False
    finally:
        with contextlib.suppress(DatabaseError):
            connection.close()
    DATABASE.succeeded()
    return True


def cache_is_up():
    """Ping Redis (waits at most REDIS_TIMEOUT); without Redis the cache is the database's."""
    if not settings.REDIS_URL:
        return True
    from django_redis import get_redis_connection

    from core.redis_client import REDIS

    try:
        answered = bool(get_redis_connection("default").ping())
    except Exception as error:  # any failure of the client library means the cache is not usable
        REDIS.failed(error)  # logged once per outage, as the cache calls' failures are
        return False
    REDIS.succeeded()
    return answered


def health():
    """(HTTP status, report): 503 without the database; 200 "degraded" without Redis, since
    pages are then served from the database and the instance should stay in rotation."""
    database, cache = database_is_up(), cache_is_up()
    if not database:
        status, code = "unavailable", 503
    elif not cache:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return code, {"status": status, "database": database, "cache": cache}


def service_unavailable_response():
    """The friendly 503 page, rendered without touching the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answer /healthz first, before host checks and HTTPS redirects get in a probe's way."""

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.rstrip("/") != self.path:
            return self.get_response(request)
        status, report = health()
        response = JsonResponse(report, status=status)
        response["Cache-Control"] = "no-store"
        return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection in a view into the friendly 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            DATABASE.failed(exception)
            return service_unavailable_response()
        return None
