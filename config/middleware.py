"""Middleware that keeps the site honest about its own health."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)


def database_is_up():
    """Ask the database one trivial question."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unreachable")
        return False
    return True


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
        healthy = database_is_up()
        response = JsonResponse(
            {"status": "ok" if healthy else "unavailable", "database": healthy},
            status=200 if healthy else 503,
        )
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
            logger.error("database unavailable while serving %s", request.path, exc_info=True)
            return service_unavailable_response()
        return None
