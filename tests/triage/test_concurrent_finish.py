"""Eight final answers sent at once from one walk give one result (a real server on
PostgreSQL, so the requests really do overlap)."""

import threading

import psycopg
import pytest

from bench.walk import CHECK_ANSWERS, CSRF, Walker
from tests.helpers import migrated_production_env
from tests.postgres import throwaway_database
from tests.servers import gunicorn

pytestmark = [pytest.mark.postgres, pytest.mark.stack]


def test_concurrent_final_posts_from_one_walk_give_one_result():
    with throwaway_database() as (_, database_url):
        env = migrated_production_env(
            DATABASE_URL=database_url, WEB_CONCURRENCY="2", GUNICORN_THREADS="4"
        )
        with gunicorn(env) as server:
            walker = Walker(server.base)
            page = walker.to_check_answers()
            token = CSRF.search(page).group(1).decode()
            barrier = threading.Barrier(8)
            answers = []

            def confirm():
                barrier.wait()
                status, location, _ = walker.request(CHECK_ANSWERS, {"csrfmiddlewaretoken": token})
                answers.append((status, location))

            threads = [threading.Thread(target=confirm) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        with psycopg.connect(database_url) as connection:
            stored = connection.execute("SELECT token FROM triage_submission").fetchall()

    assert len(answers) == 8
    assert len(stored) == 1
    assert set(answers) == {(302, f"/check/result/{stored[0][0]}/")}
