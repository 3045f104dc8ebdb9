"""/healthz tells the truth within 2 s whatever fails: a hung Redis, a closed database port."""

import time

import pytest
from django.test import override_settings

from tests.helpers import PRODUCTION_ENV, clean_env, free_port
from tests.servers import HTTPS, fetch, gunicorn, hung_server

pytestmark = pytest.mark.stack


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


@pytest.mark.django_db
def test_healthz_under_a_hung_redis_answers_degraded_within_two_seconds(client, settings):
    with (
        hung_server() as url,
        override_settings(
            REDIS_URL=url,
            CACHES={
                "default": {
                    "BACKEND": "django_redis.cache.RedisCache",
                    "LOCATION": url,
                    "OPTIONS": settings.REDIS_CACHE_OPTIONS,
                }
            },
        ),
    ):
        response, seconds = timed(lambda: client.get("/healthz"))

    assert seconds < 2
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": True, "cache": False}


@pytest.fixture(scope="module")
def closed_database_server():
    """gunicorn (production settings) whose PostgreSQL port has nothing listening."""
    env = clean_env(
        **PRODUCTION_ENV,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/gone",
        STATIC_MANIFEST="false",
        WEB_CONCURRENCY="1",
    )
    with gunicorn(env) as server:
        yield server.base


def test_healthz_with_the_database_port_closed_answers_503_within_two_seconds(
    closed_database_server,
):
    (status, headers, body), seconds = timed(lambda: fetch(f"{closed_database_server}/healthz"))

    assert seconds < 2
    assert status == 503
    assert b'"database": false' in body
    assert headers["Cache-Control"] == "no-store"


def test_a_page_with_the_database_port_closed_gets_the_503_page_within_two_seconds(
    closed_database_server,
):
    (status, _, body), seconds = timed(
        lambda: fetch(f"{closed_database_server}/conditions/sciatica/", HTTPS)
    )

    assert seconds < 2
    assert status == 503
    assert b"Sorry, the service is unavailable" in body
