"""deploy/nginx.conf in front of gunicorn (production settings), both run for real.

Debian's nginx runs the shipped file with only its ports, paths and upstream replaced
(tests.servers.nginx). Requests come from several loopback addresses (127.0.0.2, 127.0.0.3)
so the client address nginx sees differs between "visitors".
"""

import email.message
import gzip
import http.client
import os
import re
import signal
import socket
import ssl
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from bench.walk import Walker
from tests.helpers import PRODUCTION_ENV, clean_env, free_port, run_manage
from tests.servers import SITE_HOSTS, gunicorn, nginx, wait_for

pytestmark = [pytest.mark.nginx, pytest.mark.stack]

TLS = ssl._create_unverified_context()  # the test's self-signed certificate
USERNAME, PASSWORD = "nginx-clinician", "a-long-and-unguessable-passphrase-41"


@pytest.fixture(scope="module")
def site():
    """(folder, environment): a fresh SQLite database with the content loaded, the
    collected static files in folder/static and the seed's pictures in folder/media."""
    work = Path(tempfile.mkdtemp(prefix="stack-"))
    os.chmod(work, 0o755)  # nginx's workers read work/static
    env = clean_env(
        **PRODUCTION_ENV,
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
        MEDIA_ACCEL_REDIRECT="/_uploads/",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="4",
        FORWARDED_ALLOW_IPS="127.0.0.1",
    )
    for command in (
        ("collectstatic", "--noinput"),
        ("migrate", "--noinput"),
        ("load_content",),
        ("createclinician", USERNAME, "--role", "editor", "--password", PASSWORD),
    ):
        result = run_manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    return work, env


@pytest.fixture(scope="module")
def stack(site):
    """(gunicorn Server, Nginx) on the site."""
    work, env = site
    with gunicorn(env) as app:
        port = int(app.base.rsplit(":", 1)[1])
        with nginx(upstream_port=port, static_root=work) as front:
            yield app, front


@pytest.fixture(scope="module")
def unreachable(site):
    """An Nginx whose gunicorn is down (nothing listens on its upstream port)."""
    work, _ = site
    with nginx(upstream_port=free_port(), static_root=work) as front:
        yield front


def request(front, method, path, *, headers=None, body=None, source="127.0.0.1", timeout=15):
    """(status, headers, body) of one HTTPS request to nginx from the given local address."""
    connection = http.client.HTTPSConnection(
        "127.0.0.1", front.https_port, context=TLS, timeout=timeout, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def log_lines_with(server, needle):
    return [line for line in server.output().splitlines() if needle in line]


def test_pages_come_over_tls_with_hsts_and_without_a_redirect_loop(stack):
    _, front = stack

    status, headers, body = request(front, "GET", "/conditions/sciatica/")

    assert status == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert b"Skip to main content" in body


# The headers core.middleware.SecurityHeadersMiddleware and django-permissions-policy put on
# every Django response, which deploy/nginx.conf puts on its own (HSTS over HTTPS only).
SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
)
# Every other header /healthz answers with: what it is, not how a browser may treat it.
ABOUT_THE_ANSWER = {
    "Cache-Control",
    "Connection",
    "Content-Length",
    "Content-Type",
    "Date",
    "Server",
    "Transfer-Encoding",
    "Vary",
}


def djangos_security_header_names(healthz_headers):
    return set(healthz_headers.keys()) - ABOUT_THE_ANSWER


def healthz_headers(app):
    connection = http.client.HTTPConnection("127.0.0.1", int(app.base.rsplit(":", 1)[1]))
    connection.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
    headers = connection.getresponse().headers
    connection.close()
    return headers


@pytest.fixture(scope="module")
def djangos_headers(stack):
    """The security headers gunicorn itself sends on /healthz over HTTPS (as nginx forwards
    it), a response django-csp never sees: the values nginx's own responses should carry."""
    app, _ = stack
    headers = healthz_headers(app)
    expected = {name: headers[name] for name in SECURITY_HEADERS}
    assert None not in expected.values(), expected
    return expected


def test_every_security_header_django_sends_is_one_nginx_adds_to_its_own_answers(stack):
    app, _ = stack

    assert djangos_security_header_names(healthz_headers(app)) == set(SECURITY_HEADERS)


def test_the_header_list_check_sees_a_header_django_sends_that_nginx_lacks():
    planted = email.message.Message()
    for name in (*SECURITY_HEADERS, *ABOUT_THE_ANSWER, "Feature-Policy"):
        planted[name] = "x"

    assert djangos_security_header_names(planted) - set(SECURITY_HEADERS) == {"Feature-Policy"}


def security_header_problems(headers, expected, *, https=True):
    """What differs from the expected security headers: a header missing, doubled or with
    another value ("Name: [values]"); HSTS must be absent over plain HTTP."""
    problems = []
    for name, value in expected.items():
        values = headers.get_all(name) or []
        wanted = [value] if https or name != "Strict-Transport-Security" else []
        if values != wanted:
            problems.append(f"{name}: {values}")
    return problems


def test_the_header_check_catches_a_missing_doubled_or_changed_header(djangos_headers):
    good = email.message.Message()
    for name, value in djangos_headers.items():
        good[name] = value
    planted = email.message.Message()
    for name, value in djangos_headers.items():
        if name == "X-Frame-Options":
            continue  # a location whose own add_header dropped the inherited ones
        planted[name] = value
    planted["Content-Security-Policy"] = "default-src *"  # doubled by a proxied response
    planted.replace_header("Referrer-Policy", "unsafe-url")

    assert security_header_problems(good, djangos_headers) == []
    assert security_header_problems(planted, djangos_headers) == [
        f"Content-Security-Policy: {[djangos_headers['Content-Security-Policy'], 'default-src *']}",
        "X-Frame-Options: []",
        "Referrer-Policy: ['unsafe-url']",
    ]
    assert security_header_problems(good, djangos_headers, https=False) == [
        f"Strict-Transport-Security: {[djangos_headers['Strict-Transport-Security']]}"
    ]


def exchange(front, data):
    """(status, headers, body) of raw bytes sent to nginx over TLS."""
    with socket.create_connection(("127.0.0.1", front.https_port), timeout=10) as raw:
        with TLS.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(data)
            response = http.client.HTTPResponse(tls)
            response.begin()
            return response.status, response.headers, response.read()


NGINXS_OWN_ANSWERS = {
    "413 body too large": (
        413,
        lambda front, _: exchange(
            front,
            b"POST /check/ HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Length: 300000000\r\n\r\n" + b"x" * 65536,
        ),
    ),
    "414 URI too long": (414, lambda front, _: request(front, "GET", "/" + "a" * 9000)),
    "400 header too large": (
        400,
        lambda front, _: request(front, "GET", "/", headers={"X-Big": "a" * 9000}),
    ),
    "502 gunicorn down": (502, lambda _, unreachable: request(unreachable, "GET", "/conditions/")),
    "static file": (200, lambda front, _: request(front, "GET", "/static/css/site.css")),
    "missing static file": (404, lambda front, _: request(front, "GET", "/static/no-such.css")),
}


@pytest.mark.parametrize("answer", NGINXS_OWN_ANSWERS)
def test_nginxs_own_answers_carry_djangos_security_headers(
    stack, unreachable, djangos_headers, answer
):
    _, front = stack
    expected_status, send = NGINXS_OWN_ANSWERS[answer]

    status, headers, body = send(front, unreachable)

    assert status == expected_status
    assert security_header_problems(headers, djangos_headers) == [], body[:300]


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ("413 body too large", b"could not handle that request"),
        ("414 URI too long", b"could not handle that request"),
        ("400 header too large", b"could not handle that request"),
        ("502 gunicorn down", b'Call <a href="tel:999">999</a> or go to A&amp;E now'),
    ],
)
def test_nginxs_error_answers_are_the_sites_own_short_pages_never_stored(
    stack, unreachable, answer, words
):
    _, front = stack
    _, send = NGINXS_OWN_ANSWERS[answer]

    _, headers, body = send(front, unreachable)

    assert words in body
    assert headers["Content-Type"] == "text/html"
    assert headers["Cache-Control"] == "no-store"


def test_the_error_pages_are_not_served_at_their_own_address(stack):
    _, front = stack

    status, _, body = request(front, "GET", "/static/errors/50x.html")

    assert status == 404
    assert b"999" not in body


def test_django_pages_carry_each_security_header_once_with_their_own_policy(stack, djangos_headers):
    _, front = stack

    status, headers, _ = request(front, "GET", "/conditions/sciatica/")

    assert status == 200
    for name in SECURITY_HEADERS:
        assert len(headers.get_all(name) or []) == 1, (name, headers.get_all(name))
    assert "default-src 'self'" in headers["Content-Security-Policy"], "the site's own CSP"
    assert headers["Content-Security-Policy"] != djangos_headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "host", ["runnersback.example", "evil.example", "localhost:8080", "127.0.0.1"]
)
def test_plain_http_is_redirected_to_the_sites_own_name_whatever_the_host(
    stack, djangos_headers, host
):
    _, front = stack
    connection = http.client.HTTPConnection("127.0.0.1", int(front.http.rsplit(":", 1)[1]))
    connection.request("GET", "/conditions/?q=back", headers={"Host": host})
    response = connection.getresponse()
    connection.close()

    assert response.status == 301
    assert response.headers["Location"] == f"https://{SITE_HOSTS[0]}/conditions/?q=back"
    assert security_header_problems(response.headers, djangos_headers, https=False) == []


def test_https_for_another_host_is_refused_without_reaching_django(stack):
    app, front = stack

    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        request(front, "GET", "/other-host-probe/", headers={"Host": "evil.example"})
    status, _, _ = request(front, "GET", "/own-host-probe/", headers={"Host": "localhost"})

    assert status == 404, "Django's answer for a page it does not have"
    time.sleep(0.3)  # let gunicorn flush its access log
    assert log_lines_with(app, "/own-host-probe/")
    assert not log_lines_with(app, "/other-host-probe/")


def handshake(front, *, ciphers="DEFAULT", version=None):
    """(TLS version, cipher suite) nginx agrees to with a client offering only these.

    Security level 0 lets the client offer what OpenSSL would refuse by itself (TLS 1.0,
    SHA-1), so a refusal is nginx's: ssl.SSLError with an alert from the server.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers(f"{ciphers}:@SECLEVEL=0")
    if version:
        context.minimum_version = context.maximum_version = version
    with socket.create_connection(("127.0.0.1", front.https_port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            return tls.version(), tls.cipher()[0]


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1:DeprecationWarning")
@pytest.mark.parametrize(
    ("version", "ciphers"),
    [
        pytest.param(ssl.TLSVersion.TLSv1, "DEFAULT", id="TLS 1.0"),
        pytest.param(ssl.TLSVersion.TLSv1_1, "DEFAULT", id="TLS 1.1"),
        pytest.param(ssl.TLSVersion.TLSv1_2, "AES128-SHA", id="CBC, SHA-1, no forward secrecy"),
        pytest.param(ssl.TLSVersion.TLSv1_2, "AES256-GCM-SHA384", id="no forward secrecy"),
        pytest.param(ssl.TLSVersion.TLSv1_2, "ECDHE-RSA-AES128-SHA", id="ECDHE, CBC, SHA-1"),
        pytest.param(ssl.TLSVersion.TLSv1_2, "ECDHE-RSA-AES256-SHA384", id="ECDHE, CBC"),
        pytest.param(ssl.TLSVersion.TLSv1_2, "DHE-RSA-AES128-GCM-SHA256", id="DHE (left out)"),
    ],
)
def test_old_protocols_and_weak_suites_are_refused(stack, version, ciphers):
    _, front = stack

    with pytest.raises(ssl.SSLError) as refused:
        handshake(front, ciphers=ciphers, version=version)

    assert "ALERT" in refused.value.reason, f"refused by the client, not nginx: {refused.value}"


@pytest.mark.parametrize(
    ("version", "ciphers", "agreed"),
    [
        (ssl.TLSVersion.TLSv1_3, "DEFAULT", ("TLSv1.3", "TLS_AES_256_GCM_SHA384")),
        # The client's first choice of OpenSSL's defaults (nginx does not prefer its own).
        (ssl.TLSVersion.TLSv1_2, "DEFAULT", ("TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384")),
        (
            ssl.TLSVersion.TLSv1_2,
            "ECDHE-RSA-AES256-GCM-SHA384",
            ("TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384"),
        ),
        (
            ssl.TLSVersion.TLSv1_2,
            "ECDHE-RSA-CHACHA20-POLY1305",
            ("TLSv1.2", "ECDHE-RSA-CHACHA20-POLY1305"),
        ),
    ],
)
def test_tls_1_3_and_forward_secret_aead_suites_of_tls_1_2_are_agreed(
    stack, version, ciphers, agreed
):
    _, front = stack

    assert handshake(front, ciphers=ciphers, version=version) == agreed


def test_hashed_static_files_come_from_disk_with_a_year_of_caching(stack):
    app, front = stack
    _, _, page = request(front, "GET", "/")
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)

    status, headers, css = request(front, "GET", stylesheet.decode())

    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert request(front, "GET", "/static/css/site.css")[1]["Cache-Control"] == (
        "public, max-age=3600"
    )
    assert b"{" in css
    assert not log_lines_with(app, stylesheet.decode()), "gunicorn should not serve /static/"


def gunicorns_answer(app, path):
    connection = http.client.HTTPConnection("127.0.0.1", int(app.base.rsplit(":", 1)[1]))
    connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    answer = response.status, response.headers, response.read()
    connection.close()
    return answer


def a_live_picture(front):
    _, _, page = request(front, "GET", "/exercises/dead-bug/")
    return re.search(rb'src="(/media/[^"]+\.png)"', page).group(1).decode()


def test_a_live_picture_is_let_through_by_django_and_sent_by_nginx(stack, site, djangos_headers):
    app, front = stack
    work, _ = site
    picture = a_live_picture(front)

    status, headers, body = request(front, "GET", picture)
    _, django_headers, django_body = gunicorns_answer(app, picture)

    assert status == 200
    assert body == (work / picture.removeprefix("/")).read_bytes()
    assert headers["Content-Type"] == "image/png"
    assert headers["Cache-Control"] == "public, max-age=86400"
    assert headers["Content-Disposition"] is None
    assert security_header_problems(headers, djangos_headers) == []
    assert django_headers["X-Accel-Redirect"] == picture.replace("/media/", "/_uploads/", 1)
    assert django_body == b""


def test_nginx_sends_no_upload_django_has_not_let_through(stack, site):
    _, front = stack
    work, _ = site
    (work / "media" / "exercises" / "not-in-any-item.png").write_bytes(
        (work / "static" / "icons" / "favicon-32.png").read_bytes()
    )
    picture = a_live_picture(front)

    assert request(front, "GET", "/media/exercises/not-in-any-item.png")[0] == 404
    assert request(front, "GET", picture.replace("/media/", "/_uploads/", 1))[0] == 404
    assert request(front, "GET", "/_uploads/exercises/not-in-any-item.png")[0] == 404


def test_an_oversized_body_is_refused_before_it_reaches_django(stack):
    app, front = stack
    with socket.create_connection(("127.0.0.1", front.https_port), timeout=10) as raw:
        with TLS.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(
                b"POST /check/ HTTP/1.1\r\nHost: localhost\r\n"
                b"Content-Type: multipart/form-data; boundary=x\r\n"
                b"Content-Length: 300000000\r\n\r\n" + b"x" * 65536
            )
            answer = tls.recv(4096)

    assert answer.startswith(b"HTTP/1.1 413")
    assert not log_lines_with(app, "POST /check/"), "the body reached gunicorn"


def test_slow_header_senders_do_not_delay_a_normal_request(stack):
    _, front = stack
    stop = threading.Event()

    def slow_sender():
        with socket.create_connection(("127.0.0.1", front.https_port), timeout=30) as raw:
            with TLS.wrap_socket(raw, server_hostname="localhost") as tls:
                tls.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
                while not stop.wait(1):
                    try:
                        tls.sendall(b"X-Slow: 1\r\n")
                    except OSError:
                        return

    senders = [threading.Thread(target=slow_sender, daemon=True) for _ in range(24)]
    for sender in senders:
        sender.start()
    time.sleep(2)
    timings = []
    try:
        for path in ("/", "/conditions/", "/exercises/", "/urgent-help/", "/conditions/sciatica/"):
            started = time.monotonic()
            status, _, _ = request(front, "GET", path, timeout=25)
            timings.append((path, status, time.monotonic() - started))
    finally:
        stop.set()

    assert all(status == 200 for _, status, _ in timings), timings
    assert max(seconds for _, _, seconds in timings) < 2, timings


def login_attempt(front, *, source, password):
    """POST the admin login form from the given address; return the response status and body."""
    status, headers, page = request(front, "GET", "/admin/login/", source=source)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    cookie = SimpleCookie(headers["Set-Cookie"])["csrftoken"].value
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": USERNAME,
            "password": password,
            "next": "/admin/",
        }
    )
    status, _, page = request(
        front,
        "POST",
        "/admin/login/",
        source=source,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Origin": "https://127.0.0.1",
        },
    )
    return status, page


def test_admin_lockout_behind_nginx_is_keyed_on_the_clients_own_address(stack):
    _, front = stack
    statuses = [login_attempt(front, source="127.0.0.2", password="wrong")[0] for _ in range(5)]

    locked_status, locked_page = login_attempt(front, source="127.0.0.2", password=PASSWORD)
    other_status, _ = login_attempt(front, source="127.0.0.3", password=PASSWORD)

    assert statuses[:4] == [200] * 4
    assert locked_status == 429
    assert b"15 minutes" in locked_page
    assert other_status == 302, "a clinician at another address must still be able to sign in"


def test_neither_log_holds_the_address_user_agent_or_token_of_a_result_view(stack):
    app, front = stack
    result_path = Walker(app.base).complete()
    token = result_path.rstrip("/").rsplit("/", 1)[-1]

    status, _, _ = request(
        front, "GET", result_path, source="127.0.0.2", headers={"User-Agent": "SecretAgent/9.9"}
    )
    time.sleep(0.3)  # let both servers flush their access log lines

    assert status == 200
    for server in (app, front):
        lines = log_lines_with(server, "/check/result/[redacted]/")
        assert lines, f"no redacted result line in:\n{server.output()[-2000:]}"
        output = server.output()
        assert token not in output
        assert "SecretAgent" not in output
        assert "127.0.0.2" not in output


def test_a_worker_killed_under_load_loses_no_request_nginx_can_retry(stack):
    app, front = stack
    workers = wait_for(lambda: app.worker_pids if len(app.worker_pids) == 2 else None)
    outcomes = []
    stop = threading.Event()

    def visitor():
        while not stop.is_set():
            for path in ("/", "/conditions/sciatica/", "/exercises/", "/healthz"):
                try:
                    outcomes.append(request(front, "GET", path, timeout=20)[0])
                except OSError as error:
                    outcomes.append(repr(error))

    visitors = [threading.Thread(target=visitor) for _ in range(6)]
    for thread in visitors:
        thread.start()
    time.sleep(1.5)
    os.kill(workers[0], signal.SIGKILL)
    time.sleep(3)
    stop.set()
    for thread in visitors:
        thread.join()
    wait_for(lambda: len(app.worker_pids) == 2 and workers[0] not in app.worker_pids)

    failures = [outcome for outcome in outcomes if outcome != 200]
    assert len(outcomes) > 50
    assert failures == [], f"{len(failures)} of {len(outcomes)} requests failed: {failures[:5]}"


def test_the_sitemap_is_sent_compressed_to_a_client_that_takes_gzip(stack):
    _, front = stack

    status, headers, body = request(
        front, "GET", "/sitemap.xml", headers={"Accept-Encoding": "gzip"}
    )

    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert b"<urlset" in gzip.decompress(body)
