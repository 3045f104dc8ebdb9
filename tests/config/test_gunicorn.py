"""Start gunicorn with the production settings, as the Dockerfile does, and ask it for pages."""

import re
import runpy
import subprocess
import sys
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest

from bench.walk import NoRedirects
from tests.helpers import PRODUCTION_ENV, PROJECT_DIR, clean_env, run_manage
from tests.servers import fetch, gunicorn


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("production")
    env = clean_env(
        **PRODUCTION_ENV,
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
    )
    for command in (("collectstatic", "--noinput"), ("migrate", "--noinput")):
        result = run_manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    with gunicorn(env) as server:
        yield server.base


def test_gunicorn_serves_a_page_behind_a_tls_proxy_with_hsts(production_server):
    status, headers, body = fetch(f"{production_server}/", {"X-Forwarded-Proto": "https"})

    assert status == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert b"Skip to main content" in body


def test_gunicorn_redirects_plain_http_without_the_proxy_header(production_server):
    request = urllib.request.Request(f"{production_server}/")
    opener = urllib.request.build_opener(NoRedirects)
    with pytest.raises(urllib.error.HTTPError) as raised:
        opener.open(request, timeout=10)

    assert raised.value.code == 301
    assert raised.value.headers["Location"].startswith("https://")


def test_gunicorn_serves_hashed_static_files_with_far_future_caching(production_server):
    _, _, body = fetch(f"{production_server}/", {"X-Forwarded-Proto": "https"})
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the page should link the hashed stylesheet"

    status, headers, css = fetch(
        production_server + stylesheet.group(1).decode(),
        {"X-Forwarded-Proto": "https", "Accept-Encoding": "br, gzip"},
    )

    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]
    assert headers.get("Content-Encoding") in {"br", "gzip"}
    assert len(css) > 0


def test_gunicorn_health_check_answers_over_plain_http(production_server):
    status, _, body = fetch(f"{production_server}/healthz")

    assert status == 200
    assert b'"database": true' in body


def test_gunicorn_config_reads_workers_and_threads_from_the_environment():
    code = "import runpy; c = runpy.run_path('config/gunicorn.py'); print(c['workers'], c['threads'], c['worker_class'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=clean_env(WEB_CONCURRENCY="5", GUNICORN_THREADS="3"),
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.split() == ["5", "3", "gthread"]


def test_workers_started_together_get_recycling_limits_far_apart(monkeypatch):
    for name, value in {"WEB_CONCURRENCY": "2", "GUNICORN_MAX_REQUESTS": "1000"}.items():
        monkeypatch.setenv(name, value)
    config = runpy.run_path(str(PROJECT_DIR / "config" / "gunicorn.py"))
    gaps = []
    for _trial in range(200):
        limits = []
        for age in (1, 2):  # two workers forked one after the other
            worker = SimpleNamespace(age=age, max_requests=config["max_requests"])
            config["post_fork"](None, worker)
            limits.append(worker.max_requests)
        gaps.append(abs(limits[0] - limits[1]))

    assert min(gaps) >= 250, "two workers could reach max_requests within a few requests"


def test_replacement_workers_keep_their_slot_so_restarts_never_bunch(monkeypatch):
    """Two workers sharing the load evenly through 72 restarts (issue 21's run): every restart
    is at least a quarter of max_requests (in one worker's requests) from any other."""
    for name, value in {"WEB_CONCURRENCY": "2", "GUNICORN_MAX_REQUESTS": "2000"}.items():
        monkeypatch.setenv(name, value)
    config = runpy.run_path(str(PROJECT_DIR / "config" / "gunicorn.py"))
    arbiter = SimpleNamespace(WORKERS={})
    ages = iter(range(1, 1000))

    def spawn():
        worker = SimpleNamespace(age=next(ages), max_requests=config["max_requests"], served=0)
        config["pre_fork"](arbiter, worker)
        config["post_fork"](arbiter, worker)
        arbiter.WORKERS[worker.age] = worker

    spawn(), spawn()
    restarts = []  # (time in requests each worker has served since start, slot)
    tick = 0
    while len(restarts) < 72:
        tick += 1
        for age, worker in list(arbiter.WORKERS.items()):
            worker.served += 1
            if worker.served >= worker.max_requests:
                restarts.append((tick, worker.slot))
                del arbiter.WORKERS[age]
                spawn()

    assert sorted(w.slot for w in arbiter.WORKERS.values()) == [0, 1]
    gaps = [later[0] - earlier[0] for earlier, later in zip(restarts, restarts[1:], strict=False)]
    assert min(gaps) >= 500, "two workers reached their limits within a few requests"
