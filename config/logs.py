"""Logs without personal data: no client IP, no user agent, no questionnaire result token.

Gunicorn's access log uses ``PrivateAccessLogger`` with the format in config/gunicorn.py;
Django's own log lines pass through ``RedactTokens``. nginx (deploy/nginx.conf) has the same
rules in its ``log_format``.
"""

import logging
import os
import re
import threading
import time

from gunicorn.glogging import Logger

RESULT_TOKEN = re.compile(r"(/check/result/)[^/\s?\"]+")
REDACTED = r"\1[redacted]"


def redact(text):
    return RESULT_TOKEN.sub(REDACTED, text)


class RedactTokens(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        if "/check/result/" in message:
            record.msg, record.args = redact(message), ()
        return True


class PrivateAccessLogger(Logger):
    """Gunicorn's access logger, offering the format only what is safe to keep: no client
    address, user, referrer, user agent, request or response headers or environment, and the
    result token taken out of the request line and path. Any other atom logs as "-".

    Building only these atoms, instead of gunicorn's dictionary of every header and environment
    variable, also makes each log line cheaper to write."""

    def atoms(self, resp, req, environ, request_time):
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        method, protocol = environ.get("REQUEST_METHOD"), environ.get("SERVER_PROTOCOL")
        sent = getattr(resp, "sent", None)
        microseconds = request_time.seconds * 1_000_000 + request_time.microseconds
        return {
            "h": "-",
            "a": "-",
            "f": "-",
            "l": "-",
            "u": "-",
            "t": self.now(),
            "r": redact(f"{method} {environ.get('RAW_URI', '')} {protocol}"),
            "s": status,
            "m": method,
            "U": redact(environ.get("PATH_INFO", "")),
            "q": redact(environ.get("QUERY_STRING", "")),
            "H": protocol,
            "b": str(sent) if sent is not None else "-",
            "B": sent,
            "T": request_time.seconds,
            "D": microseconds,
            "M": microseconds // 1000,
            "L": f"{request_time.seconds}.{request_time.microseconds:06d}",
            "p": f"<{os.getpid()}>",
        }


class Outage:
    """One dependency's state in this process, logged only when it changes: one warning when
    calls start failing (the error's type and message, no traceback), one info line when a
    call succeeds again. Calls that fail in between log nothing."""

    def __init__(self, name, logger):
        self.name = name
        self.logger = logger
        self.lock = threading.Lock()
        self.since = None  # time.monotonic() of the first failure, while down
        self.failures = 0

    def failed(self, error):
        with self.lock:
            self.failures += 1
            if self.since is not None:
                return
            self.since = time.monotonic()
        reason = " ".join(f"{type(error).__name__}: {error}".split())
        self.logger.warning("%s unreachable, going on without it (%s)", self.name, reason)

    def succeeded(self):
        if self.since is None:  # the usual case: no lock taken
            return
        with self.lock:
            if self.since is None:
                return
            seconds, failures = time.monotonic() - self.since, self.failures
            self.since, self.failures = None, 0
        self.logger.info(
            "%s answers again after %.1f s (failed calls: %d)", self.name, seconds, failures
        )
