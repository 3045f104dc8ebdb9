"""The site's addresses and four bench-only views that do the least a page or a write can do
through this stack (`make bench-floor`, ``bench.floor``). Never in production: only
``bench.floor_settings`` names this module."""

from django.db import connection, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from bench.floor import LOGS
from config.urls import urlpatterns as site


def answer(request):
    """Nothing: the middleware and gunicorn's handling of a request."""
    return HttpResponse("ok")


def one_query(request):
    """One round trip to the database, no rendering."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok")


@csrf_exempt
def one_insert(request):
    """A transaction that inserts one row, answered with a redirect (post/redirect/get)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_floor_row (log_id) VALUES (%s)", [1])
    return HttpResponseRedirect("/")


@csrf_exempt
def lock_insert_update(request):
    """What a session's save does at the least: lock its log, insert the session, mark the log
    as used, in one transaction."""
    log = 1 + id(request) % LOGS
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM bench_floor_log WHERE id = %s {lock()}", [log])
        cursor.execute("INSERT INTO bench_floor_row (log_id) VALUES (%s)", [log])
        cursor.execute("UPDATE bench_floor_log SET saves = saves + 1 WHERE id = %s", [log])
    return HttpResponseRedirect("/")


def lock():
    return "FOR UPDATE" if connection.features.has_select_for_update else ""


urlpatterns = [
    path("bench-floor/answer/", answer),
    path("bench-floor/one-query/", one_query),
    path("bench-floor/one-insert/", one_insert),
    path("bench-floor/lock-insert-update/", lock_insert_update),
    *site,
]
