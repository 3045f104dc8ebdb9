"""The Redis cache (django-redis): with Redis down or hung the site serves from the database."""

import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from bench.stack import hung_server
from tests.factories import ConditionFactory


def redis_caches(url, *, runs=False):
    """The settings' caches with the page cache (and, with ``runs``, the run store) on ``url``,
    each with the options production gives it."""
    caches = {**settings.CACHES}
    caches["default"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {**settings.REDIS_CACHE_OPTIONS},
    }
    if runs:
        caches["runs"] = {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "runs",
            "OPTIONS": {**settings.REDIS_CACHE_OPTIONS, "IGNORE_EXCEPTIONS": False},
        }
    return caches


DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def hung_redis():
    with hung_server() as url, override_settings(REDIS_URL=url, CACHES=redis_caches(url)):
        yield url


def test_reads_from_an_unreachable_redis_are_misses():
    with override_settings(CACHES=redis_caches(DEAD_REDIS)):
        cache = caches["default"]

        assert cache.get("anything", "fallback") == "fallback"
        assert cache.get_many(["a", "b"]) == {}


def test_writes_to_an_unreachable_redis_are_dropped():
    with override_settings(CACHES=redis_caches(DEAD_REDIS)):
        cache = caches["default"]

        assert not cache.set("key", "value")
        assert not cache.add("key", "value")


@pytest.mark.django_db
def test_pages_are_served_from_the_database_when_redis_is_down(client):
    condition = ConditionFactory()
    with override_settings(CACHES=redis_caches(DEAD_REDIS)):
        response = client.get(condition.get_absolute_url())

    assert response.status_code == 200
    assert condition.name in response.content.decode()


@pytest.mark.django_db
def test_a_hung_redis_costs_a_page_under_one_second(client, hung_redis):
    url = ConditionFactory().get_absolute_url()
    started = time.monotonic()
    response = client.get(url)
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed < 1.0, f"the page took {elapsed:.2f} s with Redis hung"


@pytest.mark.django_db
def test_a_hung_redis_costs_a_search_page_under_one_second(client, hung_redis):
    started = time.monotonic()
    response = client.get("/search/?q=tingling+leg")
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed < 1.0, f"the search took {elapsed:.2f} s with Redis hung"


def test_after_a_call_a_hung_redis_did_not_answer_the_next_calls_do_not_wait_for_it(hung_redis):
    """A hung Redis cost a page 0.15 s a cache call, about a second a page: after one call it
    did not answer, the process rests from it (``REDIS_RETRY_AFTER``, 1 s). Twenty calls that
    would each wait 0.15 s (3 s in all) take less than half of that."""
    cache = caches["default"]
    assert cache.get("first") is None  # waits REDIS_TIMEOUT, then rests
    started = time.monotonic()
    for i in range(20):
        assert cache.get(f"page-{i}") is None
    elapsed = time.monotonic() - started

    assert elapsed < 20 * settings.REDIS_TIMEOUT / 2, f"20 calls took {elapsed:.2f} s"


def test_the_rest_ends_after_redis_retry_after(settings):
    from core.redis_client import REDIS

    settings.REDIS_RETRY_AFTER = 0.2
    REDIS.failed(ConnectionError("hung"))
    assert REDIS.resting(settings.REDIS_RETRY_AFTER)
    time.sleep(0.25)

    assert not REDIS.resting(settings.REDIS_RETRY_AFTER)


def test_a_call_redis_answers_ends_the_rest_at_once():
    from core.redis_client import REDIS

    REDIS.failed(ConnectionError("hung"))
    REDIS.succeeded()

    assert not REDIS.resting(60)


def test_writes_are_tried_while_reads_rest(hung_redis, settings):
    """A publish's new content version must never be skipped: only reads rest."""
    from core.redis_client import REDIS

    cache = caches["default"]
    cache.get("first")  # not answered: reads rest
    assert REDIS.resting(settings.REDIS_RETRY_AFTER)
    failures = REDIS.failures

    cache.set("content-version", 2)  # tried, and not answered either

    assert REDIS.failures == failures + 1
