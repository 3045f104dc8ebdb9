"""Logs hold no client address, user agent or result token (config/logs.py)."""

import logging
import runpy
import sys
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from config.logs import PrivateAccessLogger, PrivateRecords, axes_client, redact
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

    PrivateRecords().filter(record)

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


def test_a_bad_host_header_is_one_short_line_without_a_traceback(rf):
    from django.core.exceptions import DisallowedHost

    try:
        raise DisallowedHost("Invalid HTTP_HOST header: 'evil.example'.")
    except DisallowedHost:
        record = logging.getLogger("django.security.DisallowedHost").makeRecord(
            "django.security.DisallowedHost", logging.ERROR, __file__, 1,
            "Invalid HTTP_HOST header: 'evil.example'.", (), sys.exc_info(),
        )  # fmt: skip

    PrivateRecords().filter(record)
    line = logging.Formatter().format(record)

    assert line == "Refused a request for a host not in ALLOWED_HOSTS (400)"


def test_a_nul_in_the_address_is_one_short_line_without_a_traceback(client, caplog):
    caplog.set_level(logging.ERROR, logger="django.security")

    response = client.get("/exercises/sheet/?e=%00")

    assert response.status_code == 400
    records = [r for r in caplog.records if r.name == "django.security.MalformedInput"]
    assert len(records) == 1
    PrivateRecords().filter(records[0])
    line = logging.Formatter().format(records[0])
    assert line == "Refused a request with a NUL character in its address (400)"


def test_a_records_request_lends_no_address_agent_or_posted_value_to_its_message(rf):
    request = rf.post(
        "/check/q/worse/",
        {"answer": ["bending-forward", "cough-sneeze"]},
        HTTP_USER_AGENT="SecretAgent/9.9",
        REMOTE_ADDR="198.51.100.7",
    )
    request.POST  # noqa: B018 (the view read the body)
    try:
        raise ValueError("bad answer 'cough-sneeze' from 198.51.100.7 using SecretAgent/9.9")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1,
            "Internal Server Error: %s (%s, %s, 2001:db8::7)",
            ("/check/q/worse/", "bending-forward", "SecretAgent/9.9"), sys.exc_info(),
            extra={"request": request},
        )  # fmt: skip

    PrivateRecords().filter(record)
    line = logging.Formatter().format(record)

    for secret in ("198.51.100.7", "2001:db8::7", "SecretAgent", "bending-forward", "cough-sneeze"):
        assert secret not in line
    assert line.startswith(
        "Internal Server Error: /check/q/worse/ ([redacted], [redacted], [address])"
    )
    assert "Traceback" in line


def test_axes_describes_a_failed_login_by_username_and_path_only():
    described = axes_client(
        "someone\nforged line", "198.51.100.7", "SecretAgent/9.9", "/admin/login/", None
    )

    assert described == '{username: "someone forged line", path_info: "/admin/login/"}'


# The runner's log (running/): its pages live under the result's address, so the token is
# redacted the same way, and the sessions posted there reach no log line.

RUNNER_SECRETS = ("pain_during", "pain_after", "next_morning", "red_flag", "leg_worse")


def test_a_runners_log_path_has_its_token_redacted():
    path = f"POST /check/result/{TOKEN}/programme/session/2/ HTTP/1.1"
    assert redact(path) == "POST /check/result/[redacted]/programme/session/2/ HTTP/1.1"


def logged_lines(records):
    lines = []
    for record in records:
        PrivateRecords().filter(record)
        lines.append(logging.Formatter().format(record))
    return lines


def runner_leaks(lines, token, flag_slug):
    return [
        line
        for line in lines
        if token in line or flag_slug in line or any(name in line for name in RUNNER_SECRETS)
    ]


def test_the_runner_log_sweep_finds_a_planted_line_with_a_session_in_it():
    record = logging.LogRecord(
        "running", logging.WARNING, __file__, 1, "saved %s", ("pain_during=7",), None
    )
    assert runner_leaks(logged_lines([record]), TOKEN, "fever")


@pytest.mark.usefixtures("seed")
@pytest.mark.django_db
def test_logging_sessions_good_and_bad_puts_no_entry_token_or_warning_sign_in_any_log(
    client, caplog
):
    from conditions.models import RedFlag
    from tests.factories import SubmissionFactory
    from tests.running.helpers import check_morning, log_session, start

    caplog.set_level(logging.DEBUG)
    submission = SubmissionFactory()
    flag = RedFlag.objects.live().filter(level="urgent").first()
    start(client, submission)
    log_session(client, submission, 1, during=2, after=3)
    log_session(client, submission, 1, during=2, after=3)  # twice
    log_session(client, submission, 2, during=14, after=3)  # out of range: 400
    log_session(client, submission, 2, during=1, after=1, leg="maybe")  # not yes or no: 400
    check_morning(client, submission, 1, pain=2)
    check_morning(client, submission, 9, pain=2)  # no such session
    log_session(client, submission, 2, during=1, after=1, red_flag=flag.slug)
    client.get(f"/check/result/{submission.token}/programme/")
    client.get(f"/check/result/{submission.token}x/programme/")  # forged: 404

    lines = logged_lines(caplog.records)
    assert any("[redacted]" in line for line in lines)  # the 400 and 404 were logged
    assert runner_leaks(lines, submission.token, flag.slug) == []


def handlers_without_the_private_filter():
    """(logger, handler class) for every handler on any logger that does not pass its records
    through ``PrivateRecords``: pytest's capturing handlers aside, and gunicorn's, whose lines
    ``PrivateAccessLogger`` writes (tested above and, through a real server, in tests/deploy)."""
    names = [name for name in logging.root.manager.loggerDict if not name.startswith("gunicorn")]
    loggers = [logging.getLogger(), *map(logging.getLogger, names)]
    return sorted(
        (logger.name, type(handler).__name__)
        for logger in loggers
        for handler in logger.handlers
        if not type(handler).__module__.startswith("_pytest")
        and not isinstance(handler, logging.NullHandler)
        and not any(isinstance(f, PrivateRecords) for f in handler.filters)
    )


def test_every_log_handler_filters_out_what_is_about_the_visitor_debug_or_not():
    assert handlers_without_the_private_filter() == []


def test_the_handler_sweep_sees_a_handler_added_without_the_filter():
    planted = logging.StreamHandler()
    logging.getLogger("django.request").addHandler(planted)
    try:
        assert handlers_without_the_private_filter() == [("django.request", "StreamHandler")]
    finally:
        logging.getLogger("django.request").removeHandler(planted)
