"""A Redis outage is logged once when it starts and once when it ends (core/redis_client.py), not
with a traceback per cache call."""

import logging

import pytest
from django.core.cache import caches
from django.test import override_settings

from core.outage import Outage
from core.redis_client import REDIS
from tests.config.test_cache_failures import DEAD_REDIS, redis_caches
from tests.postgres import require_redis
from tests.servers import TcpProxy


@pytest.fixture(autouse=True)
def redis_asked_every_call(settings):
    """Every call asks Redis here (no resting after a failure): these tests count what is
    logged per call (resting: tests/config/test_cache_failures.py)."""
    settings.REDIS_RETRY_AFTER = 0


def lines(caplog):
    """What was logged about Redis (another test may leave the database's outage to end)."""
    return [
        (r.levelno, r.getMessage(), r.exc_info)
        for r in caplog.records
        if r.name != "config.database"
    ]


def cache_calls(cache, rounds):
    for i in range(rounds):
        cache.get(f"page-{i}")
        cache.get_many([f"a-{i}", f"b-{i}"])
        cache.set(f"page-{i}", "html")
        cache.add(f"lock-{i}", 1)
        cache.delete(f"page-{i}")


def test_an_outage_of_many_calls_is_one_warning_without_a_traceback(caplog):
    caplog.set_level(logging.INFO)
    with override_settings(CACHES=redis_caches(DEAD_REDIS)):
        cache_calls(caches["default"], 20)

    logged = lines(caplog)
    assert len(logged) == 1, logged
    level, message, exc_info = logged[0]
    assert level == logging.WARNING
    assert message.startswith("Redis is unreachable, going on without it (ConnectionError: ")
    assert exc_info is None
    assert REDIS.failures == 100


@pytest.mark.django_db
def test_the_health_check_joins_the_same_outage(caplog, client):
    caplog.set_level(logging.INFO)
    with override_settings(REDIS_URL=DEAD_REDIS, CACHES=redis_caches(DEAD_REDIS)):
        cache_calls(caches["default"], 2)
        for _ in range(5):
            client.get("/healthz")

    assert [level for level, _, _ in lines(caplog)] == [logging.WARNING]


def test_redis_going_away_and_coming_back_logs_one_warning_then_one_info_line(caplog):
    proxy = TcpProxy(6379).start()
    require_redis(db=14)
    url = f"redis://127.0.0.1:{proxy.port}/14"
    caplog.set_level(logging.INFO)
    try:
        with override_settings(CACHES=redis_caches(url)):
            cache = caches["default"]
            assert cache.set("page", "html") and cache.get("page") == "html"
            proxy.stop()
            cache_calls(cache, 20)
            proxy.start()
            assert cache.get("page") == "html"
            cache_calls(cache, 5)
    finally:
        proxy.stop()

    logged = lines(caplog)
    assert [level for level, _, _ in logged] == [logging.WARNING, logging.INFO], logged
    assert logged[0][1].startswith("Redis is unreachable, going on without it")
    assert logged[1][1].startswith("Redis answers again after ")
    assert logged[1][1].endswith(" (failed calls: 100)")


def test_an_outage_counts_its_failed_calls_in_the_line_that_ends_it(caplog):
    caplog.set_level(logging.INFO)
    outage = Outage("the thing", logging.getLogger("tests.outage"))

    outage.succeeded()
    for _ in range(1000):
        outage.failed(ConnectionError("refused"))
    outage.succeeded()
    outage.succeeded()

    messages = [message for _, message, _ in lines(caplog)]
    assert messages[0] == "the thing is unreachable, going on without it (ConnectionError: refused)"
    assert messages[1].startswith("the thing answers again after ")
    assert messages[1].endswith(" s (failed calls: 1000)")
    assert len(messages) == 2
