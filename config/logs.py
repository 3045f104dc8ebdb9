"""Logs without personal data: no client IP, no user agent, no questionnaire result token,
no answer.

Gunicorn's access log uses ``PrivateAccessLogger`` with the format in config/gunicorn.py;
Django's own log lines pass through ``PrivateRecords``, and django-axes describes a failed
login with ``axes_client`` (the username and path only). nginx (deploy/nginx.conf) has the
same rules in its ``log_format`` and keeps its error log to ``crit``. A dependency that stops
answering is logged once per outage (``core.outage.Outage``).
"""

import ipaddress
import logging
import os
import re

from gunicorn.glogging import Logger

RESULT_TOKEN = re.compile(r"(/check/result/)[^/\s?\"]+")
REDACTED = r"\1[redacted]"
ADDRESS_LIKE = re.compile(r"[0-9A-Fa-f:.]*[:.][0-9A-Fa-f:.]*")


def redact(text):
    return RESULT_TOKEN.sub(REDACTED, text)


def without_addresses(text):
    """The text with every IPv4 or IPv6 address in it replaced by "[address]"."""

    def replace(match):
        candidate = match.group().strip(".:")
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            return match.group()
        return match.group().replace(candidate, "[address]")

    return ADDRESS_LIKE.sub(replace, text)


# Everyday probes Django refuses with a 400: one short line each, no traceback.
REFUSALS = {
    "django.security.DisallowedHost": "Refused a request for a host not in ALLOWED_HOSTS (400)",
    "django.security.MalformedInput": "Refused a request with a NUL character in its address (400)",
}


class PrivateRecords(logging.Filter):
    """Takes out of a Django log record (message and traceback) what is about the visitor:
    result tokens, IP addresses, the request's user agent and the values it posted (answers,
    passwords); a bad ``Host:`` header or a NUL in the address becomes one short line
    without a traceback, since it is an everyday probe, not an error of ours."""

    def filter(self, record):
        if record.name in REFUSALS:
            record.msg, record.args = REFUSALS[record.name], ()
            record.exc_info = record.exc_text = None
            return True
        secrets = visitor_values(getattr(record, "request", None))
        message = record.getMessage()
        private = scrub(message, secrets)
        if private != message:
            record.msg, record.args = private, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text, secrets)
        return True


def visitor_values(request):
    """What a request carries about the visitor that could end up in a message."""
    if request is None or not hasattr(request, "META"):
        return []
    meta = request.META
    values = [meta.get("HTTP_USER_AGENT", ""), meta.get("HTTP_REFERER", "")]
    posted = getattr(request, "_post", None)  # only if the view read the body already
    if posted is not None:
        values += [value for _name, items in posted.lists() for value in items]
    return sorted({v for v in values if isinstance(v, str) and len(v) >= 4}, key=len, reverse=True)


def scrub(text, secrets):
    for secret in secrets:
        text = text.replace(secret, "[redacted]")
    return without_addresses(redact(text))


def axes_client(username, ip_address, user_agent, path_info, request):
    """django-axes' description of a login attempt in its log lines (AXES_CLIENT_STR_CALLABLE):
    the username tried and the path, never the address or user agent (axes keeps those in its
    own table, for the lockout, as long as the lockout lasts)."""
    username = " ".join(str(username or "").split())[:150]  # one line, whatever was typed
    return f'{{username: "{username}", path_info: "{path_info}"}}'


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
