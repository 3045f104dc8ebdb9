"""Faults in the production stack: the database goes away and comes back; a worker dies."""

import contextlib
import os
import signal
import threading
import time
import urllib.parse

import pytest

from bench.walk import walk_load
from tests.helpers import PRODUCTION_ENV, clean_env, run_manage
from tests.postgres import throwaway_database
from tests.servers import HTTPS, TcpProxy, fetch, gunicorn, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.stack]


@pytest.fixture(scope="module")
def database():
    """A throwaway PostgreSQL database with the content loaded: (name, url)."""
    with throwaway_database() as (name, url):
        direct = clean_env(**PRODUCTION_ENV, DATABASE_URL=url)
        for command in (("migrate", "--noinput"), ("load_content",)):
            result = run_manage(*command, env=direct)
            assert result.returncode == 0, result.stderr
        yield name, url


@contextlib.contextmanager
def stack_through_proxy(database, **extra):
    """gunicorn (production settings) reaching the database through a proxy that can cut it:
    yields (base URL, proxy)."""
    name, url = database
    postgres = urllib.parse.urlsplit(url)
    proxy = TcpProxy(postgres.port or 5432, postgres.hostname).start()
    env = clean_env(
        **PRODUCTION_ENV,
        DATABASE_URL=f"postgres://{postgres.username}@127.0.0.1:{proxy.port}/{name}",
        DATABASE_POOL_TIMEOUT="2",
        STATIC_MANIFEST="false",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="4",
        **extra,
    )
    with gunicorn(env) as server:
        yield server.base, proxy
    proxy.stop()


@pytest.fixture(scope="module")
def stack(database):
    with stack_through_proxy(database) as running:
        yield running


def test_lost_database_gives_503_pages_and_service_resumes_without_a_restart(stack):
    base, proxy = stack
    assert fetch(f"{base}/healthz")[0] == 200
    assert fetch(f"{base}/conditions/sciatica/", HTTPS)[0] == 200

    proxy.stop()
    health, _, _ = fetch(f"{base}/healthz")
    status, _, body = fetch(f"{base}/conditions/facet-joint-pain/", HTTPS)

    assert health == 503
    assert status == 503
    assert b"Sorry, the service is unavailable" in body
    assert b"Traceback" not in body

    proxy.start()

    def page_is_back():
        return fetch(f"{base}/conditions/facet-joint-pain/", HTTPS)[0] == 200

    wait_for(page_is_back, seconds=30)
    assert fetch(f"{base}/healthz")[0] == 200


def test_a_worker_killed_under_load_is_replaced_and_no_questionnaire_is_lost(database):
    _, url = database
    env = clean_env(
        **PRODUCTION_ENV, DATABASE_URL=url, STATIC_MANIFEST="false", WEB_CONCURRENCY="2"
    )
    load = {}
    with gunicorn(env) as server:
        workers = wait_for(lambda: server.worker_pids if len(server.worker_pids) == 2 else None)
        walking = threading.Thread(
            target=lambda: load.update(walk_load(server.base, users=4, seconds=6, retries=4))
        )
        walking.start()
        time.sleep(2)
        os.kill(workers[0], signal.SIGKILL)
        walking.join()

        def replaced():
            pids = server.worker_pids
            return len(pids) == 2 and workers[0] not in pids

        wait_for(replaced, seconds=30)

    assert load["walks"] > 0
    assert load["errors"] == 0, load["error_samples"]


@pytest.fixture
def stack_with_redis(database):
    from tests.postgres import require_redis

    with stack_through_proxy(database, REDIS_URL=require_redis(db=9)) as running:
        yield running


def test_walks_keep_going_while_the_database_is_away_and_results_are_saved_after(
    stack_with_redis,
):
    from bench.walk import Walker

    base, proxy = stack_with_redis
    finishing, starting = Walker(base), Walker(base)
    page = finishing.to_check_answers()  # this server has read the live version

    proxy.stop()
    began = time.monotonic()
    status, _, result = finishing.post_form("/check/answers/", page, {})
    first = starting.begin()
    answered, after, _ = starting.post_form(first, starting.request(first)[2], {"answer": "no"})
    seconds = time.monotonic() - began

    assert status == 503
    assert b"Your result is not saved yet." in result
    assert b"See a physiotherapist or GP soon" in result
    assert b"Traceback" not in result
    assert (answered, "/check/q/" in after) == (302, True)  # a new walk goes on meanwhile
    print(f"final submit and a new walk's first answer with the database away: {seconds:.2f} s")

    proxy.start()

    def saved():
        status, location, _ = finishing.post_form("/check/answers/", page, {})
        return status == 302 and location.startswith("/check/result/")

    wait_for(saved, seconds=30)
