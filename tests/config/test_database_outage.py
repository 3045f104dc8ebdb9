"""A stopped PostgreSQL, as the production settings meet it in one process: the connection
pool tries again as soon as a request needs it once the database is back (psycopg_pool's own
back-off waited up to 4 s), and the outage is logged once when it starts and once when it ends,
not at every connection attempt."""

import json
import subprocess
import sys
import tempfile
import time

import pytest

from tests.helpers import PRODUCTION_ENV, PROJECT_DIR, clean_env
from tests.postgres import own_server

pytestmark = [pytest.mark.postgres, pytest.mark.stack]

OUTAGE_SECONDS = 10
# Answers each line on its stdin with [database up?, seconds the check took].
CHECKER = """
import json, sys, time
import django
django.setup()
from core.health import database_is_up
for line in sys.stdin:
    started = time.monotonic()
    up = database_is_up()
    print(json.dumps([up, time.monotonic() - started]), flush=True)
"""


class Checker:
    def __init__(self, database_url):
        env = clean_env(**PRODUCTION_ENV, DATABASE_URL=database_url, STATIC_MANIFEST="false")
        self.stderr = tempfile.TemporaryFile("w+")
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHECKER],
            cwd=PROJECT_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,  # a file, so a chatty log never blocks the checker
            text=True,
        )

    def ask(self):
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def log(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.stderr.seek(0)
        return self.stderr.read()


@pytest.fixture(scope="module")
def outage():
    """Up, stopped for OUTAGE_SECONDS (checked twice a second or so), started again: what the checker saw and logged."""
    with own_server() as database:
        checker = Checker(database.url)
        before = checker.ask()
        database.stop()
        stopped, during = time.monotonic(), []
        # Ten seconds: psycopg_pool's back-off would by then wait 4-8 s between attempts.
        while time.monotonic() < stopped + OUTAGE_SECONDS:
            during.append(checker.ask())
            time.sleep(0.5)
        database.start()
        back, after = time.monotonic(), []
        while not (after and after[-1][0]) and time.monotonic() - back < 15:
            after.append(checker.ask())
        return {
            "before": before,
            "during": during,
            "recovered_s": time.monotonic() - back,
            "log": checker.log(),
        }


def test_the_database_is_used_again_within_a_second_of_coming_back(outage):
    assert outage["before"][0] is True
    assert not any(up for up, _ in outage["during"])
    assert outage["recovered_s"] < 1, outage


def test_each_check_during_the_outage_answers_within_its_deadline(outage):
    assert max(seconds for _, seconds in outage["during"]) < 1.5, outage


def test_the_outage_is_logged_once_when_it_starts_and_once_when_it_ends(outage):
    lines = outage["log"].splitlines()

    assert [line for line in lines if "psycopg" in line] == []
    assert sum("The database is unreachable" in line for line in lines) == 1, lines
    assert sum("The database answers again" in line for line in lines) == 1, lines
