"""A deadline on every database query of a web request: a hung database costs a request about
a second, not the worker that serves it.

A slow query could be stopped by PostgreSQL's own statement_timeout, but a hung server (stopped,
or its host frozen) enforces nothing and keeps the socket open, so the client would wait for
ever. One watchdog thread per process shuts down the socket of any query still running at its
deadline: the query fails at once with an OperationalError, which the site turns into its 503
page, and the broken connection is thrown away. New connections are bounded by connect_timeout
and the pool's timeout (settings), so nothing in a request waits on the database for longer.
"""

import contextlib
import itertools
import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import connection

from core.outage import Outage

# The database's state in this process, logged once per outage (the 503 page, /healthz and
# the watchdog report to it). The logger keeps its name from when this module was in config, so
# the log lines read as they always did.
DATABASE = Outage("The database", logging.getLogger("config.database"))


class Watchdog:
    """Shuts down the sockets of queries that outlive their deadline."""

    interval = 0.05

    def __init__(self):
        self.lock = threading.Lock()
        self.running = {}  # ticket → (deadline, socket's file descriptor)
        self.tickets = itertools.count()
        self.pid = None

    def watch(self, fd, seconds):
        with self.lock:
            if self.pid != os.getpid():  # first use in this process (gunicorn forks)
                self.pid = os.getpid()
                self.running.clear()
                threading.Thread(target=self._run, name="db-deadline", daemon=True).start()
            ticket = next(self.tickets)
            self.running[ticket] = (time.monotonic() + seconds, fd)
        return ticket

    def release(self, ticket):
        with self.lock:
            self.running.pop(ticket, None)

    def _run(self):
        while True:
            time.sleep(self.interval)
            now = time.monotonic()
            with self.lock:
                late = [t for t, (deadline, _) in self.running.items() if deadline <= now]
                for ticket in late:
                    # Still under the lock: the query has not returned, so the descriptor is
                    # still its connection's socket.
                    cut(self.running.pop(ticket)[1])
            if late:
                DATABASE.failed(TimeoutError("a query passed its deadline; connection cut"))


def cut(fd):
    with contextlib.suppress(OSError):
        duplicate = socket.socket(fileno=os.dup(fd))
        try:
            duplicate.shutdown(socket.SHUT_RDWR)
        finally:
            duplicate.close()


WATCHDOG = Watchdog()


def deadline(seconds):
    """An execute wrapper (``connection.execute_wrapper``) giving each query ``seconds``."""

    def bounded(execute, sql, params, many, context):
        raw = context["connection"].connection
        fileno = getattr(raw, "fileno", None)
        if fileno is None:  # SQLite: no socket, nothing can hang
            return execute(sql, params, many, context)
        ticket = WATCHDOG.watch(fileno(), seconds)
        try:
            return execute(sql, params, many, context)
        finally:
            WATCHDOG.release(ticket)

    return bounded


def bounded_queries():
    """A context manager: every query on this thread's connection gets the request deadline."""
    return connection.execute_wrapper(deadline(settings.DATABASE_QUERY_DEADLINE))


class QueryDeadlineMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with bounded_queries():
            return self.get_response(request)
