"""Double and concurrent final submits leave no answer in PostgreSQL's server log: the insert
of a result skips a duplicate instead of failing on it, and a failed statement is what
PostgreSQL logs in full (``log_min_error_statement = error``, its default). On a cluster of the
test's own, so the log read is this test's alone."""

import threading

import psycopg
import pytest

from bench.walk import CHECK_ANSWERS, CSRF, Walker, case_answers
from tests.helpers import migrated_production_env
from tests.postgres import own_server
from tests.servers import gunicorn

pytestmark = [pytest.mark.postgres, pytest.mark.stack]

ANSWERS = case_answers("C4")
# Answer codes and result words that appear nowhere else in a server log.
SECRETS = [
    "2-to-6-weeks",
    "not-sure",
    "bending-forward",
    "cough-sneeze",
    "pins-needles",
    "one-side",
    "disc-herniation",
    "triage_submission",
]


def leaks(log_text):
    return [line for line in log_text.splitlines() if any(s in line for s in SECRETS)]


def test_the_leak_check_finds_a_failed_statement_with_an_answer_in_it():
    with own_server("log_min_error_statement=error", "logging_collector=off") as database:
        with psycopg.connect(database.url, autocommit=True) as connection:
            with pytest.raises(psycopg.errors.InvalidTextRepresentation):
                connection.execute("SELECT 'pins-needles'::int")
        assert leaks(database.log.read_text()), database.log.read_text()


def test_double_and_concurrent_final_submits_log_no_answer_or_result():
    with own_server("log_min_error_statement=error", "logging_collector=off") as database:
        env = migrated_production_env(
            DATABASE_URL=database.url, WEB_CONCURRENCY="2", GUNICORN_THREADS="4"
        )
        with gunicorn(env) as server:
            walker = Walker(server.base, answers=ANSWERS)
            csrf = CSRF.search(walker.to_check_answers()).group(1).decode()
            cookies = dict(walker.cookies)

            def confirm():
                """The final submit with the cookie from before any result (a click again
                before the first response arrives, or a retry of a lost one)."""
                clicker = Walker(server.base, answers=ANSWERS)
                clicker.cookies = dict(cookies)
                return clicker.request(CHECK_ANSWERS, {"csrfmiddlewaretoken": csrf})[:2]

            double = [confirm(), confirm()]
            barrier = threading.Barrier(8)
            concurrent = []

            def at_once():
                barrier.wait()
                concurrent.append(confirm())

            threads = [threading.Thread(target=at_once) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        with psycopg.connect(database.url) as connection:
            stored = connection.execute("SELECT token FROM triage_submission").fetchall()
        log_text = database.log.read_text()

    assert len(stored) == 1
    assert set(double + concurrent) == {(302, f"/check/result/{stored[0][0]}/")}
    assert len(concurrent) == 8
    assert "ERROR" not in log_text, log_text[-3000:]
    assert leaks(log_text) == []
