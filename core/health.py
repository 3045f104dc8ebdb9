"""The site's own health: /healthz (the database and Redis asked, each with a deadline), and the
friendly 503 page when the database stops answering."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from core.db_deadline import DATABASE, deadline
from core.errors import DATABASE_DOWN


def database_is_up():
    """Ask the database one trivial question, waiting at most HEALTH_CHECK_DEADLINE."""
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
