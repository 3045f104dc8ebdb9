"""The database cache used without Redis writes on PostgreSQL with statements that cannot fail
on a duplicate key (core/caching.py): a failed statement would be logged by PostgreSQL
in full, with the cached value (a questionnaire run's answers)."""

import time

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from core.caching import UpsertDatabaseCache

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]
TABLE = "test_upsert_cache"


@pytest.fixture
def table():
    settings = {"default": {"BACKEND": "core.caching.UpsertDatabaseCache", "LOCATION": TABLE}}
    with override_settings(CACHES=settings):
        call_command("createcachetable", verbosity=0)
    yield TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


def backend(kind, table):
    return kind(table, {"KEY_PREFIX": "t"})


def test_set_add_and_touch_behave_as_djangos(table):
    cache = backend(UpsertDatabaseCache, table)

    assert cache.add("k", "first", 60) is True
    assert cache.add("k", "second", 60) is False
    cache.set("k", "third", 60)
    assert cache.get("k") == "third"
    assert cache.touch("k", 120) is True
    assert cache.touch("missing", 120) is False
    cache.set("short", "old", 1)
    time.sleep(2.1)
    assert cache.add("short", "new", 60) is True
    assert cache.get("short") == "new"


def failed_statements_when_another_writer_wins(kind, table, mode):
    """The exceptions the cache's own statements raised when another connection inserts the
    same key just before this one writes it."""
    cache = backend(kind, table)
    key = cache.make_and_validate_key("raced")
    other = connection.get_new_connection(connection.get_connection_params())
    other.autocommit = True
    failed = []

    def race(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and TABLE in sql:
            other.execute(
                f"INSERT INTO {TABLE} (cache_key, value, expires) VALUES (%s, 'x', now() + "
                "interval '1 hour') ON CONFLICT DO NOTHING",
                [key],
            )
        try:
            return execute(sql, params, many, context)
        except Exception as error:
            failed.append(type(error).__name__)
            raise

    with connection.execute_wrapper(race):
        getattr(cache, mode)("raced", {"answers": "pins-needles"}, 60)
    other.close()
    return failed


@pytest.mark.parametrize("mode", ["set", "add"])
def test_a_write_that_loses_a_race_for_its_key_runs_no_failing_statement(table, mode):
    assert failed_statements_when_another_writer_wins(UpsertDatabaseCache, table, mode) == []


def test_the_race_check_sees_djangos_own_cache_fail_a_statement(table):
    assert failed_statements_when_another_writer_wins(DatabaseCache, table, "set") == [
        "IntegrityError"
    ]
