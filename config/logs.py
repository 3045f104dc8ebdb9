"""Logs without personal data: no client IP, no user agent, no questionnaire result token.

Gunicorn's access log uses ``PrivateAccessLogger`` with the format in config/gunicorn.py;
Django's own log lines pass through ``RedactTokens``. nginx (deploy/nginx.conf) has the same
rules in its ``log_format``.
"""

import logging
import re

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
    """Gunicorn's logger with result tokens taken out of the request line and path."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U", "q"):
            atoms[name] = redact(atoms[name])
        atoms["h"] = atoms["a"] = "-"
        return atoms
