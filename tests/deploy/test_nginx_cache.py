"""deploy/nginx.conf's micro-cache: anonymous GET/HEAD of public content pages kept for 1 s.

Debian's nginx runs the shipped file in front of gunicorn (production settings) or of a stub
upstream that answers with the headers a test needs. What nginx did with each request is read
from its access log (`cache=`: HIT, MISS, EXPIRED, STALE…, "-" when the cache was not
consulted at all) and, as a second witness, from gunicorn's access log.
"""

import gzip
import http.client
import http.server
import re
import ssl
import tempfile
import textwrap
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

from bench.walk import Walker
from tests.helpers import PRODUCTION_ENV, clean_env, free_port, run_manage
from tests.servers import NGINX_CONF, gunicorn, nginx
from triage.live.flow import PREVIEW_COOKIE, RUN_COOKIE

pytestmark = [pytest.mark.nginx, pytest.mark.stack]

TLS = ssl._create_unverified_context()  # the test's self-signed certificate
LOG_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]+" (?P<status>\d+) .* '
    r"upstream=(?P<upstream>.*) cache=(?P<cache>\S+)$"
)


@pytest.fixture(scope="module")
def site():
    """(folder, environment): a fresh SQLite database with the content loaded, and the
    collected static files in folder/static."""
    work = Path(tempfile.mkdtemp(prefix="stack-"))
    work.chmod(0o755)  # nginx's workers read work/static
    env = clean_env(
        **PRODUCTION_ENV,
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        STATIC_ROOT=str(work / "static"),
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="4",
        FORWARDED_ALLOW_IPS="127.0.0.1",
    )
    for command in (("collectstatic", "--noinput"), ("migrate", "--noinput"), ("load_content",)):
        result = run_manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    return work, env


@pytest.fixture(scope="module")
def stack(site):
    """(gunicorn Server, Nginx) on the site."""
    work, env = site
    with gunicorn(env) as app:
        with nginx(upstream_port=port_of(app), static_root=work) as front:
            yield app, front


def port_of(app):
    return int(app.base.rsplit(":", 1)[1])


def request(front, method, path, *, headers=None, timeout=15):
    """(status, headers, body) of one HTTPS request to nginx."""
    connection = http.client.HTTPSConnection(
        "127.0.0.1", front.https_port, context=TLS, timeout=timeout
    )
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def cache_log(front, since=0):
    """[(method, path, status, upstream, cache)] of nginx's access log lines after `since`
    characters of its output."""
    time.sleep(0.2)  # nginx writes the line once the answer is sent
    found = []
    for line in front.output()[since:].splitlines():
        if match := LOG_LINE.search(line):
            found.append(match.group("method", "path", "status", "upstream", "cache"))
    return found


def statuses(front, since, path):
    """The cache statuses logged for path, sorted: a worker may log a request after another
    worker has logged the next one (the answer is sent before the line is written)."""
    return sorted(cache for _, logged, _, _, cache in cache_log(front, since) if logged == path)


def gunicorn_hits(app, path):
    time.sleep(0.2)
    return sum(f'"GET {path} ' in line for line in app.output().splitlines())


def test_a_public_page_is_served_from_nginxs_cache_on_the_second_request(stack):
    app, front = stack
    path = "/conditions/sciatica/"
    mark = len(front.output())

    first = request(front, "GET", path)
    reached = gunicorn_hits(app, path)
    second = request(front, "GET", path)
    head = request(front, "HEAD", path)

    assert first[0] == second[0] == head[0] == 200
    assert first[2] == second[2]
    assert statuses(front, mark, path) == ["HIT", "HIT", "MISS"]
    assert gunicorn_hits(app, path) == reached, "the second request reached gunicorn"
    assert second[1]["Cache-Control"] == "public, max-age=0, must-revalidate", "Django's, as is"
    assert second[1]["ETag"] == first[1]["ETag"]
    assert "X-Cache-Status" not in second[1], "whether others asked a second ago stays private"


def test_a_browser_that_accepts_gzip_gets_djangos_compressed_copy_from_nginxs_cache(stack):
    """The page compressed once by Django (core.caching.LocalCopy) is what nginx keeps and
    sends: nginx's own gzip would compress it again on every hit, in other bytes."""
    app, front = stack
    path = "/conditions/facet-joint-pain/"
    gzip_headers = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    mark = len(front.output())

    responses = [request(front, "GET", path, headers=gzip_headers) for _ in range(2)]
    plain = request(front, "GET", path)
    again = request(front, "GET", path, headers=gzip_headers)
    _, _, from_django = fetch_direct(app, path, gzip_headers)

    assert [status for status, _, _ in [*responses, plain, again]] == [200] * 4
    assert all(headers["Content-Encoding"] == "gzip" for _, headers, _ in [*responses, again])
    assert responses[1][2] == again[2] == from_django, "not the bytes Django compressed"
    assert gzip.decompress(again[2]) == plain[2]
    assert "Content-Encoding" not in plain[1], "a browser without gzip got it compressed"
    assert statuses(front, mark, path) == ["HIT", "HIT", "MISS", "MISS"]


def test_every_compressed_answer_says_it_varies_on_the_encoding(stack):
    """A search nobody asked for before (Django sends it unstored and plain; nginx compresses
    it) and a questionnaire page (nginx's gzip) as well as a stored page."""
    _, front = stack
    gzip_headers = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    paths = [f"/search/?q=hamstring+{time.time_ns()}", "/check/", "/conditions/sciatica/"]

    answers = {path: request(front, "GET", path, headers=gzip_headers)[1] for path in paths}

    assert {
        path: headers["Content-Encoding"] for path, headers in answers.items()
    } == dict.fromkeys(paths, "gzip")
    assert all("Accept-Encoding" in headers["Vary"] for headers in answers.values())


def fetch_direct(app, path, headers):
    """(status, headers, body) of a request to gunicorn itself, as nginx sends it (``$host``:
    the name without the port)."""
    connection = http.client.HTTPConnection("127.0.0.1", port_of(app), timeout=15)
    forwarded = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    try:
        connection.request("GET", path, headers={**forwarded, **headers})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_each_public_address_is_cached(stack):
    _, front = stack
    paths = [
        "/",
        "/conditions/",
        "/exercises/",
        "/exercises/?condition=sciatica&difficulty=easy",
        "/guides/",
        "/running-factors/",
        "/urgent-help/",
        "/search/?q=tingling+leg",
        "/privacy/",
        "/accessibility/",
        "/contact/",
        "/sitemap.xml",
        "/robots.txt",
    ]
    mark = len(front.output())

    for path in paths:
        for _ in range(2):
            assert request(front, "GET", path)[0] == 200, path

    assert {path: statuses(front, mark, path) for path in paths} == dict.fromkeys(
        paths, ["HIT", "MISS"]
    )


def site_cookies():
    """Every cookie the site sets: Django's session, CSRF and messages, the questionnaire's."""
    return {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        CookieStorage.cookie_name,
        RUN_COOKIE,
        PREVIEW_COOKIE,
    }


def test_nginx_names_every_cookie_the_site_sets():
    bypass = re.search(
        r"map \$http_cookie \$micro_cache_visitor \{\n\s+\"([^\"]+)\"", NGINX_CONF.read_text()
    )
    names = set(re.search(r"\(([^()]+)\)=", bypass.group(1)).group(1).split("|"))

    assert names == site_cookies()


@pytest.mark.parametrize("cookie", sorted(site_cookies()))
def test_a_request_with_one_of_the_sites_cookies_is_never_a_hit_and_never_fills_the_cache(
    stack, cookie
):
    app, front = stack
    cached, fresh = f"/search/?q=cached+{cookie}", f"/search/?q=fresh+{cookie}"
    with_cookie = {"Cookie": f"other=1; {cookie}=abc"}
    request(front, "GET", cached)  # the cache holds it for everyone else
    reached = gunicorn_hits(app, cached)  # after its lines are written
    mark = len(front.output())

    request(front, "GET", cached, headers=with_cookie)
    request(front, "GET", fresh, headers=with_cookie)
    request(front, "GET", fresh)

    assert statuses(front, mark, cached) == ["-"], "not even looked up"
    assert gunicorn_hits(app, cached) == reached + 1, "answered by Django"
    assert statuses(front, mark, fresh) == ["-", "MISS"], "the cookie's answer was stored"


def test_another_cookie_alone_does_not_bypass_the_cache(stack):
    _, front = stack
    path = "/search/?q=other+cookie"
    mark = len(front.output())

    request(front, "GET", path, headers={"Cookie": "sessionid_x=1; xcsrftoken=2"})
    request(front, "GET", path, headers={"Cookie": "sessionid_x=1; xcsrftoken=2"})

    assert statuses(front, mark, path) == ["HIT", "MISS"]


def questionnaire_cache_problems(front):
    """Walk the questionnaire through nginx, open its start and result pages again without
    cookies (a shared link), and try the other addresses that must never be cached; return
    every log line of theirs on which nginx consulted its cache."""
    mark = len(front.output())
    walker = Walker(front.https, context=TLS, origin="https://127.0.0.1")
    result = walker.complete()
    private = ["/check/", result, "/admin/login/", "/media/none.png", "/healthz", "/favicon.ico"]
    for path in private:
        for _ in range(2):
            request(front, "GET", path)
    return [line for line in cache_log(front, mark) if line[-1] != "-"]


def test_the_questionnaire_admin_uploads_and_health_never_touch_the_cache(stack):
    _, front = stack

    assert questionnaire_cache_problems(front) == []


def test_a_planted_check_address_in_the_allowlist_is_caught(stack, site):
    app, _ = stack
    work, _ = site
    robots = r'"~^/(sitemap\.xml|robots\.txt)(\?|$)" 1;'
    planted = {robots: robots + '\n        "~^/check/" 1;'}

    with nginx(upstream_port=port_of(app), static_root=work, edits=planted) as front:
        problems = questionnaire_cache_problems(front)

    assert problems, "the check passed a configuration that looks /check/ up in the cache"
    assert {path.split("/")[1] for _, path, *_ in problems} == {"check"}


def publish(env, marker):
    """Change the sciatica page's summary in the site's database; return the time.time() at
    which the change was committed."""
    code = textwrap.dedent(f"""
        import time
        from conditions.models import Condition
        condition = Condition.objects.live().get(slug="sciatica")
        condition.summary = condition.summary.split(" [")[0] + " [{marker}]"
        condition.save()
        print(time.time())
    """)
    result = run_manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return float(result.stdout.split()[-1])


def page_text(front, path, headers):
    """The page's body as a browser reads it: unpacked when it came compressed."""
    _, answer_headers, body = request(front, "GET", path, headers=headers)
    return gzip.decompress(body) if answer_headers["Content-Encoding"] == "gzip" else body


@pytest.mark.parametrize("browser", [{}, {"Accept-Encoding": "gzip, deflate, br, zstd"}])
def test_a_publish_is_visible_through_nginx_within_about_a_second(stack, site, browser):
    _, front = stack
    _, env = site
    path = "/conditions/sciatica/"
    delays = []
    for attempt in range(3):
        marker = f"published-{attempt}-{time.time_ns()}".encode()
        seen = []
        stop = threading.Event()

        def reader(marker=marker, seen=seen, stop=stop):
            while not stop.is_set():  # a steady reader keeps nginx's copy warm
                if marker in page_text(front, path, browser):
                    seen.append(time.time())
                    return
                time.sleep(0.01)

        thread = threading.Thread(target=reader)
        thread.start()
        committed = publish(env, marker.decode())
        thread.join(timeout=10)
        stop.set()
        assert seen, "the publish never reached nginx's visitors"
        delays.append(seen[0] - committed)

    print(f"\npublish-to-visible through nginx: {', '.join(f'{d:.2f} s' for d in delays)}")
    assert max(delays) < 3, delays  # 1 s of nginx plus Django's own cache, with room for CI


# nginx counts validity in whole seconds: a copy stored at 12:00:00.9 with `1s` is fresh until
# 12:00:01.999, so "1 s" is 1 to 2 s, and a test waits 2.1 s to see it gone.
NGINX_SECOND = 2.1


class Stub(http.server.BaseHTTPRequestHandler):
    """An upstream whose answer for /conditions/<kind>/ carries the headers named by kind."""

    HEADERS = {
        "public": {"Cache-Control": "public, max-age=0, must-revalidate"},
        "set-cookie": {"Set-Cookie": "csrftoken=abc; Secure"},
        "private": {"Cache-Control": "private"},
        "staff": {"Cache-Control": "private, no-cache"},
        "no-store": {"Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private"},
        "no-cache": {"Cache-Control": "no-cache"},
        "long-lived": {
            "Cache-Control": "public, max-age=600",
            "Expires": "Thu, 01 Jan 2099 00:00:00 GMT",
            "X-Accel-Expires": "600",
        },
        "failing": {"Cache-Control": "public, max-age=0, must-revalidate"},
        "vary-cookie": {"Vary": "Cookie"},
        "vary-language": {"Vary": "Accept-Encoding, Accept-Language"},
        "vary-encoding": {"Vary": "Accept-Encoding"},
    }
    seen = Counter()
    failing = threading.Event()

    def do_GET(self):
        kind = self.path.strip("/").rsplit("/", 1)[-1]
        Stub.seen[kind] += 1
        status = 503 if kind.startswith("failing") and Stub.failing.is_set() else 200
        encoding = self.headers.get("Accept-Encoding", "")
        body = f"{kind} {Stub.seen[kind]} encoding={encoding}".encode()
        self.send_response(status)
        for name, value in self.HEADERS.get(kind, {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def stubbed(site):
    """An Nginx in front of the Stub upstream."""
    work, _ = site
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with nginx(upstream_port=port, static_root=work) as front:
            yield front
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "kind",
    ["set-cookie", "private", "staff", "no-store", "no-cache", "vary-cookie", "vary-language"],
)
def test_an_answer_that_sets_a_cookie_is_private_or_varies_on_more_is_never_stored(stubbed, kind):
    before = Stub.seen[kind]

    bodies = [request(stubbed, "GET", f"/conditions/{kind}/")[2] for _ in range(3)]

    assert Stub.seen[kind] == before + 3, bodies


def test_a_public_answer_is_stored_for_nginxs_second_whatever_it_says(stubbed):
    for kind in ("public", "long-lived"):
        before = Stub.seen[kind]
        request(stubbed, "GET", f"/conditions/{kind}/")
        request(stubbed, "GET", f"/conditions/{kind}/")
        assert Stub.seen[kind] == before + 1, f"{kind}: the second request was not a hit"
        time.sleep(NGINX_SECOND)
        request(stubbed, "GET", f"/conditions/{kind}/")
        assert Stub.seen[kind] == before + 2, f"{kind}: kept beyond nginx's second"


def test_a_page_is_kept_once_compressed_and_once_not_and_gunicorn_is_asked_for_gzip_alone(
    stubbed,
):
    path = "/conditions/vary-encoding/"
    takes_gzip = ["gzip, deflate, br, zstd", "gzip", "GZIP", "deflate, gzip;q=0.5"]
    refuses_gzip = ["", "br, deflate", "gzip;q=0", "gzip ; q=0.0, identity", "x-gzip"]
    before = Stub.seen["vary-encoding"]

    def body(header):
        return request(stubbed, "GET", path, headers={"Accept-Encoding": header})[2]

    gzip_bodies = {body(header) for header in takes_gzip * 2}
    plain_bodies = {body(header) for header in refuses_gzip * 2}

    assert Stub.seen["vary-encoding"] == before + 2, "one fetch for gzip, one for plain"
    assert len(gzip_bodies) == len(plain_bodies) == 1
    assert gzip_bodies.pop().endswith(b"encoding=gzip")
    assert plain_bodies.pop().endswith(b"encoding=")


def test_the_last_copy_is_served_while_the_app_answers_503(stubbed):
    path = "/conditions/failing/"
    Stub.failing.clear()
    status, _, fresh = request(stubbed, "GET", path)
    assert status == 200
    Stub.failing.set()
    time.sleep(NGINX_SECOND)
    try:
        status, _, body = request(stubbed, "GET", path)
        other_status, _, _ = request(stubbed, "GET", "/conditions/failing-never-cached/")
    finally:
        Stub.failing.clear()

    assert (status, body) == (200, fresh)
    assert other_status == 503, "a page never cached gets the upstream's own answer"
