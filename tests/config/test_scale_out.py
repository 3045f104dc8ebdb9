"""Several app servers behind one load balancer: nothing that matters lives in a process.

Two gunicorn instances on different ports share one PostgreSQL database and one Redis; a
questionnaire walked with requests alternating between them ends with the same result as
one walked on a single instance.
"""

import psycopg
import pytest

from bench.walk import Walker, walk_load
from tests.helpers import migrated_production_env
from tests.postgres import require_redis, throwaway_database
from tests.servers import gunicorn

pytestmark = [pytest.mark.postgres, pytest.mark.stack]


@pytest.fixture(scope="module")
def shared_services():
    redis_url = require_redis(db=12)
    with throwaway_database() as (_, database_url):
        env = migrated_production_env(
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            WEB_CONCURRENCY="1",
            GUNICORN_THREADS="4",
        )
        yield env, database_url


def stored_result(database_url, result_path):
    token = result_path.rstrip("/").rsplit("/", 1)[-1]
    with psycopg.connect(database_url) as connection:
        row = connection.execute(
            "SELECT answers, result, disposition FROM triage_submission WHERE token = %s", [token]
        ).fetchone()
    assert row, f"no submission stored for {token}"
    return row


def test_a_walk_across_two_instances_gives_the_same_result_as_on_one(shared_services):
    env, database_url = shared_services
    with gunicorn(env) as first, gunicorn(env) as second:
        alternating = Walker(first.base, second.base).complete()
        single = Walker(first.base).complete()

    assert alternating != single
    assert stored_result(database_url, alternating) == stored_result(database_url, single)


def test_concurrent_walks_across_two_instances_all_complete(shared_services):
    env, _ = shared_services
    with gunicorn(env) as first, gunicorn(env) as second:
        load = walk_load(first.base, second.base, users=4, seconds=4)

    assert load["walks"] > 0
    assert load["errors"] == 0, load["error_samples"]
