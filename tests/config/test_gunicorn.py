"""Start gunicorn with the production settings, as the Dockerfile does, and ask it for pages."""

import contextlib
import os
import re
import runpy
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench.walk import NoRedirects
from config.worker_recycling import RestartLedger
from tests.helpers import PRODUCTION_ENV, PROJECT_DIR, clean_env, run_manage
from tests.servers import fetch, gunicorn

pytestmark = pytest.mark.stack


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


def gunicorn_config(monkeypatch, **environment):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(PROJECT_DIR / "config" / "gunicorn.py"))


def test_gunicorns_own_recycling_is_off_so_the_ledger_alone_decides(monkeypatch):
    config = gunicorn_config(monkeypatch, GUNICORN_MAX_REQUESTS="1000")

    assert config["max_requests"] == 0
    assert config["recycle_after"] == 1000


def test_a_worker_retires_after_its_share_once_the_ledger_allows(monkeypatch, tmp_path):
    config = gunicorn_config(
        monkeypatch, GUNICORN_MAX_REQUESTS="10", GUNICORN_MAX_REQUESTS_JITTER="0"
    )
    post_request = config["post_request"]
    post_request.__globals__["ledger"] = RestartLedger.create(60, directory=tmp_path)
    monkeypatch.setattr("triage.questionnaire.live_version.warm", lambda: None)  # no database
    first, second = (
        SimpleNamespace(alive=True, nr=0, log=SimpleNamespace(info=lambda *args: None))
        for _ in range(2)
    )
    for worker in (first, second):
        config["post_fork"](None, worker)
        config["post_worker_init"](worker)

    for worker, served in ((first, 9), (first, 10), (second, 10), (second, 50)):
        worker.nr = served
        post_request(worker, None, None, None)
        if worker is first and served == 9:
            assert first.alive  # not yet its share

    assert not first.alive
    assert second.alive  # the first has not been replaced, and 60 s have not passed


def established_sockets(pid, port):
    """How many TCP connections process ``pid`` holds open on its listening ``port``."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port, state, inode = int(fields[1].rsplit(":", 1)[1], 16), fields[3], fields[9]
            count += local_port == port and state == "01" and inode in inodes
    return count


def burst(port, count):
    """``count`` connections opened at once, then one request on each; the open ones."""
    sockets = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(count)]
    for each in sockets:
        each.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    for each in sockets:
        assert each.recv(65536).startswith(b"HTTP/1.1 200")
    return sockets


def test_no_worker_holds_more_kept_alive_connections_than_its_share(tmp_path):
    env = clean_env(
        **PRODUCTION_ENV,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="2",  # so at most 8 connections a worker
    )
    assert run_manage("migrate", "--noinput", env=env).returncode == 0
    with gunicorn(env) as server:
        port = int(server.base.rsplit(":", 1)[1])
        sockets = burst(port, 16)
        try:
            held = sorted(established_sockets(pid, port) for pid in server.worker_pids)
        finally:
            for each in sockets:
                each.close()

    assert max(held) <= 8, held
