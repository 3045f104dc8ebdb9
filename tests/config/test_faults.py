"""Faults in the production stack: the database goes away mid-run and comes back."""

import urllib.parse

import pytest

from tests.helpers import PRODUCTION_ENV, clean_env, run_manage
from tests.postgres import throwaway_database
from tests.servers import HTTPS, TcpProxy, fetch, gunicorn, wait_for

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """gunicorn (production settings) reaching a content-loaded PostgreSQL through a proxy."""
    with throwaway_database() as (name, url):
        direct = clean_env(**PRODUCTION_ENV, DATABASE_URL=url)
        for command in (("migrate", "--noinput"), ("load_content",)):
            result = run_manage(*command, env=direct)
            assert result.returncode == 0, result.stderr
        server = urllib.parse.urlsplit(url)
        proxy = TcpProxy(server.port or 5432, server.hostname).start()
        env = clean_env(
            **PRODUCTION_ENV,
            DATABASE_URL=f"postgres://{server.username}@127.0.0.1:{proxy.port}/{name}",
            DATABASE_POOL_TIMEOUT="2",
            STATIC_MANIFEST="false",
            WEB_CONCURRENCY="1",
            GUNICORN_THREADS="4",
        )
        with gunicorn(env) as server:
            yield server.base, proxy
        proxy.stop()


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
