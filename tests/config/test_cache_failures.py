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
