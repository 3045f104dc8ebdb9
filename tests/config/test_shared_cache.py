"""Without Redis, production still shares one cache between every process (the database
cache table), so a clinician's change is on every server's next page."""

import pytest

from bench.walk import walk_load
from tests.helpers import migrated_production_env, run_manage
from tests.servers import HTTPS, fetch, gunicorn

pytestmark = pytest.mark.stack

EDIT = """
from conditions.models import Condition
condition = Condition.objects.get(slug="sciatica")
condition.summary = "Freshly published summary seen by every process."
condition.save()
"""


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    """Production settings on one SQLite file, no REDIS_URL, content loaded."""
    workdir = tmp_path_factory.mktemp("shared-cache")
    return migrated_production_env(
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="2",
    )


def page(server):
    status, _, body = fetch(f"{server.base}/conditions/sciatica/", HTTPS)
    assert status == 200
    return body.decode()


def test_migrate_creates_the_shared_cache_table(production_env):
    result = run_manage("inspectdb", "django_cache", env=production_env)

    assert "class DjangoCache" in result.stdout


def test_a_save_is_seen_at_once_by_every_server_and_worker_without_redis(production_env):
    with gunicorn(production_env) as first, gunicorn(production_env) as second:
        servers = [first, second]
        for _round in range(3):  # fill and hit the cache in every worker
            for server in servers:
                assert "Freshly published" not in page(server)

        edited = run_manage("shell", "-c", EDIT, env=production_env)
        assert edited.returncode == 0, edited.stderr

        for _round in range(3):
            for server in servers:
                assert "Freshly published summary seen by every process." in page(server)


def test_concurrent_walks_keep_every_answer_without_redis(production_env):
    """The runs live in the database cache table here; a write that SQLite refused with
    "database is locked" was dropped silently and the walk ended with "Your session has
    ended" (126 failed walks of 128 with SQLite's default deferred transactions)."""
    with gunicorn(production_env) as server:
        load = walk_load(server.base, users=8, seconds=4, retries=0)

    assert load["walks"] > 0
    assert load["errors"] == 0, load["error_samples"]
