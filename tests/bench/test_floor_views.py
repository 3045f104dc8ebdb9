"""`make bench-floor`'s bare views do the work their rows are named for, so its floors mean
what they say: a write that wrote nothing would make the floor look higher than it is."""

import pytest
from django.db import connection

from bench.floor import CREATE_TABLES, LOGS, TABLES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def floor_addresses(settings):
    settings.ROOT_URLCONF = "bench.floor_urls"


@pytest.fixture
def floor_tables():
    exec(CREATE_TABLES.format(tables=TABLES, logs=LOGS))  # the code bench.floor runs in `shell`
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_floor_row")
        cursor.execute("DROP TABLE bench_floor_log")


def count(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def test_the_insert_floor_inserts_one_row_and_redirects(client, floor_tables):
    response = client.post("/bench-floor/one-insert/")

    assert response.status_code == 302
    assert count("SELECT COUNT(*) FROM bench_floor_row") == 1


def test_the_locking_floor_inserts_a_row_and_updates_its_log(client, floor_tables):
    response = client.post("/bench-floor/lock-insert-update/")

    assert response.status_code == 302
    assert count("SELECT COUNT(*) FROM bench_floor_row") == 1
    assert count("SELECT SUM(saves) FROM bench_floor_log") == 1


@pytest.mark.parametrize("path", ["/bench-floor/answer/", "/bench-floor/one-query/"])
def test_the_reading_floors_answer_ok(client, path):
    assert client.get(path).content == b"ok"


def test_the_production_settings_do_not_serve_the_floor_views():
    from config import settings as production

    assert production.ROOT_URLCONF == "config.urls"
