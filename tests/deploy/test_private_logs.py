"""Every log the stack writes (nginx's access and error logs, gunicorn's, Django's) is free of
the visitor's address, user agent, result token and answers, after a questionnaire walk, a
404, a 502, a bad Host header and failed admin logins, all sent through deploy/nginx.conf
(the bad Host header, which nginx refuses, also straight to gunicorn).

The visitor connects from 127.0.0.5, an address nothing else in the stack uses: the servers'
own addresses (127.0.0.1, gunicorn's and nginx's ports) are not about anyone and may appear.
"""

import functools
import http.client
import os
import re
import ssl
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from bench.walk import NoRedirects, Walker, case_answers
from tests.helpers import PRODUCTION_ENV, clean_env, free_port, run_manage
from tests.servers import gunicorn, nginx

pytestmark = [pytest.mark.nginx, pytest.mark.stack]

TLS = ssl._create_unverified_context()  # the test's self-signed certificate
CLIENT = "127.0.0.5"
AGENT = "PrivateAgent/7.3 (visitor-device-xq)"
ANSWERS = case_answers("C4")
# The answer codes of the walk that appear in no page address or server message.
ANSWER_CODES = ["2-to-6-weeks", "not-sure", "bending-forward", "cough-sneeze", "pins-needles"]
MADE_UP_TOKEN = "Kx7mQ2pLw9ZrT4vNb8YcHd3FgJ6sAe1u"


class Visitor(Walker):
    """A Walker that goes through nginx over TLS, from CLIENT, with AGENT."""

    def __init__(self, base):
        super().__init__(base, answers=ANSWERS)

        class FromClient(urllib.request.HTTPSHandler):
            def https_open(self, req):
                connection = functools.partial(
                    http.client.HTTPSConnection, source_address=(CLIENT, 0)
                )
                return self.do_open(connection, req, context=TLS)

        self.opener = urllib.request.build_opener(NoRedirects, FromClient)
        # Walker's Referer does not fit an https:// base; CSRF checks the Origin first.
        self.opener.addheaders = [("User-Agent", AGENT), ("Origin", "https://127.0.0.1")]


def send(front, method, path, *, headers=None, body=None):
    """(status, headers, body) of one request to nginx from CLIENT with AGENT."""
    connection = http.client.HTTPSConnection(
        "127.0.0.1", front.https_port, context=TLS, timeout=15, source_address=(CLIENT, 0)
    )
    try:
        connection.request(
            method, path, body=body, headers={"User-Agent": AGENT, **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def refused(front, *, host):
    """The status, or "refused" when nginx closes the connection unanswered (a host not its own)."""
    try:
        return send(front, "GET", "/", headers={"Host": host})[0]
    except (http.client.RemoteDisconnected, ConnectionResetError):
        return "refused"


def bad_host_to_gunicorn(app, *, host):
    """The status of a request with this Host sent to gunicorn directly, from CLIENT with
    AGENT (nginx refuses hosts not its own, so Django meets one only without it)."""
    port = int(app.base.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, source_address=(CLIENT, 0))
    try:
        connection.request("GET", "/", headers={"Host": host, "User-Agent": AGENT})
        return connection.getresponse().status
    finally:
        connection.close()


def failed_login(front):
    _, headers, page = send(front, "GET", "/admin/login/")
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    cookie = SimpleCookie(headers["Set-Cookie"])["csrftoken"].value
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf, "username": "clinician", "password": "wrong", "next": "/"}
    )
    status, _, _ = send(front, "POST", "/admin/login/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Origin": "https://127.0.0.1",
    })  # fmt: skip
    return status


def leaks(text, secrets):
    """The lines of a log that hold any of the secrets."""
    return [line for line in text.splitlines() if any(secret in line for secret in secrets)]


def test_the_log_check_finds_a_planted_token_address_agent_or_answer(tmp_path):
    log = tmp_path / "access.log"
    planted = [
        f'2026-01-01T00:00:00+00:00 "GET /check/result/{MADE_UP_TOKEN}/ HTTP/1.1" 200 9 0.001s',
        f"client: {CLIENT}, server: _",
        f"AXES: New login failure by {{user_agent: {AGENT}}}",
        'STATEMENT: INSERT … {"duration": "2-to-6-weeks"}',
    ]
    log.write_text("\n".join(["a clean line", *planted]))

    assert leaks(log.read_text(), [MADE_UP_TOKEN, CLIENT, AGENT, *ANSWER_CODES]) == planted


def test_no_log_of_the_stack_holds_an_address_agent_token_or_answer():
    work = Path(tempfile.mkdtemp(prefix="private-logs-"))
    os.chmod(work, 0o755)  # nginx's workers read work/static
    env = clean_env(
        **PRODUCTION_ENV,
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        STATIC_ROOT=str(work / "static"),
        FORWARDED_ALLOW_IPS="127.0.0.1",
    )
    for command in (("collectstatic", "--noinput"), ("migrate", "--noinput"), ("load_content",)):
        result = run_manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    with gunicorn(env) as app:
        port = int(app.base.rsplit(":", 1)[1])
        with (
            nginx(upstream_port=port, static_root=work) as front,
            nginx(upstream_port=free_port(), static_root=work) as broken,  # nothing listens
        ):
            result_path = Visitor(front.https).complete()
            token = result_path.rstrip("/").rsplit("/", 1)[-1]
            referrer = {"Referer": f"https://runnersback.example{result_path}"}
            statuses = {
                "result": send(front, "GET", result_path, headers=referrer)[0],
                "FHIR download": send(front, "GET", f"{result_path}fhir/", headers=referrer)[0],
                "clinician summary": send(front, "GET", f"{result_path}summary/")[0],
                "404": send(front, "GET", "/no-such-page/", headers=referrer)[0],
                "unknown token": send(front, "GET", f"/check/result/{MADE_UP_TOKEN}/")[0],
                "502": send(broken, "GET", result_path, headers=referrer)[0],
                "bad host": refused(front, host="evil.example"),
                "bad host, straight to gunicorn": bad_host_to_gunicorn(app, host="evil.example"),
                "logins": [failed_login(front) for _ in range(3)],
            }
            time.sleep(0.5)  # let every server flush its log lines
            logs = {"gunicorn and Django": app.output(), "nginx": front.output()}
            logs["nginx in front of nothing"] = broken.output()

    assert statuses == {
        "result": 200,
        "FHIR download": 200,
        "clinician summary": 200,
        "404": 404,
        "unknown token": 404,
        "502": 502,
        "bad host": "refused",
        "bad host, straight to gunicorn": 400,
        "logins": [200, 200, 200],
    }
    assert " 502 " in logs["nginx in front of nothing"], "the 502 is still in the access log"
    assert "AXES: New login failure" in logs["gunicorn and Django"]
    secrets = [CLIENT, AGENT, "visitor-device-xq", token, MADE_UP_TOKEN, *ANSWER_CODES]
    found = {name: leaks(text, secrets) for name, text in logs.items()}
    assert found == {name: [] for name in logs}, found
    disallowed = [
        line for line in logs["gunicorn and Django"].splitlines() if "ALLOWED_HOSTS" in line
    ]
    assert len(disallowed) == 1 and "Traceback" not in logs["gunicorn and Django"], disallowed
