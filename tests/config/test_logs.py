"""Logs hold no client address, user agent or result token (config/logs.py)."""

import logging
import runpy
from datetime import timedelta
from types import SimpleNamespace

from gunicorn.config import Config

from config.logs import PrivateAccessLogger, RedactTokens, redact
from tests.helpers import PROJECT_DIR

TOKEN = "Zq3v9xKpLm2Nw8RtYb4HcD7fGj1sAe5u"


def test_result_tokens_are_redacted_from_paths():
    assert (
        redact(f"GET /check/result/{TOKEN}/ HTTP/1.1") == "GET /check/result/[redacted]/ HTTP/1.1"
    )


def test_django_log_records_mentioning_a_result_path_are_redacted():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/check/result/{TOKEN}/",),
        None,
    )

    RedactTokens().filter(record)

    assert record.getMessage() == "Not Found: /check/result/[redacted]/"


def test_gunicorn_access_line_of_a_result_view_has_no_address_agent_or_token():
    config = runpy.run_path(str(PROJECT_DIR / "config" / "gunicorn.py"))
    settings = Config()
    settings.set("access_log_format", config["access_log_format"])
    logger = PrivateAccessLogger(settings)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/check/result/{TOKEN}/",
        "PATH_INFO": f"/check/result/{TOKEN}/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "198.51.100.7",
        "HTTP_USER_AGENT": "SecretAgent/9.9",
        "HTTP_X_FORWARDED_FOR": "198.51.100.7",
    }
    request = SimpleNamespace(headers=[("USER-AGENT", "SecretAgent/9.9")], method="GET",
                              path=f"/check/result/{TOKEN}/", query="", uri=f"/check/result/{TOKEN}/",
                              version=(1, 1))  # fmt: skip
    response = SimpleNamespace(status="200 OK", headers=[], response_length=1234, sent=1234)
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))
    line = config["access_log_format"] % atoms

    assert "/check/result/[redacted]/" in line
    assert TOKEN not in line
    assert "198.51.100.7" not in line
    assert "SecretAgent" not in line


def test_no_access_log_format_can_print_an_address_agent_header_or_token():
    logger = PrivateAccessLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/check/result/{TOKEN}/?a=1",
        "PATH_INFO": f"/check/result/{TOKEN}/",
        "QUERY_STRING": "a=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "198.51.100.7",
        "HTTP_USER_AGENT": "SecretAgent/9.9",
        "HTTP_REFERER": f"https://example.org/check/result/{TOKEN}/",
        "HTTP_X_FORWARDED_FOR": "198.51.100.7",
    }
    request = SimpleNamespace(headers=[("USER-AGENT", "SecretAgent/9.9"),
                                       ("X-FORWARDED-FOR", "198.51.100.7")])  # fmt: skip
    response = SimpleNamespace(status="200 OK", headers=[("Set-Cookie", "triage=secret")], sent=9)
    every_atom = (
        "%(h)s %(l)s %(u)s %(t)s %(r)s %(s)s %(m)s %(U)s %(q)s %(H)s %(b)s %(B)s %(f)s %(a)s "
        "%(T)s %(D)s %(M)s %(L)s %(p)s %({user-agent}i)s %({x-forwarded-for}i)s "
        "%({set-cookie}o)s %({remote_addr}e)s %({http_user_agent}e)s"
    )
    atoms = logger.atoms_wrapper_class(
        logger.atoms(response, request, environ, timedelta(milliseconds=5))
    )
    line = every_atom % atoms

    for secret in (TOKEN, "198.51.100.7", "SecretAgent", "triage=secret"):
        assert secret not in line
    assert "GET /check/result/[redacted]/?a=1 HTTP/1.1 200" in line
