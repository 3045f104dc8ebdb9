"""The Redis cache: with Redis unreachable the site keeps serving from the database."""

import logging

import pytest
from django.conf import settings
from django.test import override_settings

from config.cache import ResilientRedisCache

UNREACHABLE = {
    "default": {
        "BACKEND": "config.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": settings.CACHE_REDIS_OPTIONS,
    }
}


@pytest.fixture
def dead_redis():
    return ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": settings.CACHE_REDIS_OPTIONS})


def test_reads_from_an_unreachable_redis_are_misses(dead_redis, caplog):
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert dead_redis.get("anything", "fallback") == "fallback"

    assert "cache get failed" in caplog.text


def test_writes_to_an_unreachable_redis_are_dropped(dead_redis):
    assert dead_redis.set("key", "value") is None
    assert dead_redis.add("key", "value") is False
    assert dead_redis.delete("key") is False


def test_incr_on_an_unreachable_redis_raises_value_error_like_a_missing_key(dead_redis):
    with pytest.raises(ValueError):
        dead_redis.incr("content-version")


@pytest.mark.django_db
def test_pages_are_served_from_the_database_when_redis_is_down(client):
    with override_settings(CACHES=UNREACHABLE):
        response = client.get("/conditions/sciatica/")

    assert response.status_code == 200
    assert "Sciatica" in response.content.decode()


def test_the_redis_client_is_built_once_and_reused(dead_redis):
    client = dead_redis._cache.get_client(write=True)

    assert dead_redis._cache.get_client() is client
