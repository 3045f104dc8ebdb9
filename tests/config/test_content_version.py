"""The shared content version that cached pages and published content are read under."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from core import caching
from tests.config.test_cache_failures import DEAD_REDIS, redis_caches


@pytest.fixture(autouse=True)
def nothing_seen_yet():
    caching.forget_version_seen()
    yield
    caching.forget_version_seen()


def test_a_missing_content_version_is_started_by_the_first_reader():
    cache.delete(caching.VERSION_KEY)

    version = caching.version_seen()

    assert version is not None
    assert cache.get(caching.VERSION_KEY) == version


def test_an_unreachable_redis_starts_no_version_so_it_is_waited_on_once(monkeypatch):
    started = []
    monkeypatch.setattr(caching, "start_version", lambda: started.append(1))

    with override_settings(CACHES=redis_caches(DEAD_REDIS)):
        version = caching.version_seen()

    assert version is None
    assert started == []


def test_a_version_read_after_redis_failed_is_started_once_the_cache_answers(monkeypatch):
    with override_settings(CACHES=redis_caches(DEAD_REDIS)):
        caching.version_seen()
    cache.delete(caching.VERSION_KEY)

    assert caching.version_seen() is not None
