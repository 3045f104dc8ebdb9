"""Throwaway PostgreSQL databases (and a Redis database) for tests of the production stack.

The server is the machine's local PostgreSQL (TEST_POSTGRES_URL, by default
postgres://postgres@127.0.0.1:5432/test). Without one the tests skip with the reason,
unless REQUIRE_POSTGRES is set, as CI does.
"""

import contextlib
import os
import uuid

import psycopg
import pytest

SERVER_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


def require_postgres():
    try:
        psycopg.connect(SERVER_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        reason = f"PostgreSQL not reachable at {SERVER_URL}: {error}".splitlines()[0]
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(f"REQUIRE_POSTGRES is set but {reason}", pytrace=False)
        pytest.skip(reason)


@contextlib.contextmanager
def throwaway_database():
    """Create an empty database; yield (name, url); drop it afterwards."""
    require_postgres()
    name = f"rb_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = SERVER_URL.rsplit("/", 1)[0]
    try:
        yield name, f"{base}/{name}"
    finally:
        with psycopg.connect(SERVER_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def require_redis(*, db):
    """A Redis URL on the local server with the given database emptied, or skip/fail."""
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379") + f"/{db}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        reason = f"Redis not reachable at {url}: {error}"
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(f"REQUIRE_POSTGRES is set but {reason}", pytrace=False)
        pytest.skip(reason)
    return url
