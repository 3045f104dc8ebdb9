"""A hung or stopped PostgreSQL costs seconds, not the site: gunicorn (production settings, with
Redis as in deploy/compose.yaml) on a PostgreSQL of the test's own, frozen with SIGSTOP and
stopped outright under a steady load.

Measured per fault: the longest wait for a page that needs the database to say it is
unavailable (degrade), the slowest answer while it lasts, /healthz's slowest answer, and how long after the database is back the
pages that need it work (recover). The numbers are printed (``-s``) for the notes.
"""

import contextlib
import os
import signal
import threading
import time
import uuid

import pytest

from tests.helpers import PRODUCTION_ENV, clean_env, run_manage
from tests.postgres import own_server, require_redis
from tests.servers import HTTPS, fetch, gunicorn

pytestmark = [pytest.mark.postgres, pytest.mark.stack]

CACHED = "/conditions/sciatica/"
QUESTION = "/check/"
# A search no one made before: never in the cache, so it needs the database.
NEEDS_DATABASE = "/search/?q={}"
FAULT_SECONDS = 6


@pytest.fixture(scope="module")
def site():
    with own_server() as database:
        env = clean_env(
            **PRODUCTION_ENV,
            DATABASE_URL=database.url,
            REDIS_URL=require_redis(db=13),
            STATIC_MANIFEST="false",
            WEB_CONCURRENCY="2",
            GUNICORN_THREADS="4",
            # One worker is stopped inside the fault window (see measure): the one started in
            # its place takes the live questionnaire from the shared cache
            # (triage.questionnaire.live_version.take_shared_copy); before it did, it answered
            # the start page 503 (CI, stop 37). Recycling is off: the test's own stop bypasses
            # the ledger that keeps recycled workers from restarting together, and when a
            # recycle fell in the same second no worker was accepting for 0.8 s (measured here;
            # CI's /healthz 2.56 s in stop 41 fits it). test_worker_restarts.py covers recycling.
            GUNICORN_MAX_REQUESTS="0",
        )
        for command in (("migrate", "--noinput"), ("load_content",)):
            result = run_manage(*command, env=env, timeout=300)
            assert result.returncode == 0, result.stderr
        with gunicorn(env) as server:
            yield server, database


class Load:
    """Four clients asking for a cached page, the questionnaire's start page, a page that
    needs the database and /healthz,
    over and over; every answer is recorded as (sent at, path kind, status, seconds)."""

    def __init__(self, base):
        self.base = base
        self.answers = []
        self.running = True
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.client, daemon=True) for _ in range(4)]

    def client(self):
        while self.running:
            for kind, path in (
                ("cached", CACHED),
                ("start", QUESTION),
                ("database", NEEDS_DATABASE.format(uuid.uuid4().hex[:10])),
                ("health", "/healthz"),
            ):
                sent = time.monotonic()
                try:
                    status = fetch(self.base + path, HTTPS, timeout=20)[0]
                except OSError:
                    status = 0
                with self.lock:
                    self.answers.append((sent, kind, status, time.monotonic() - sent))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=30)

    def between(self, start, end, kind=None):
        with self.lock:
            return [a for a in self.answers if start <= a[0] < end and kind in (None, a[1])]


def measure(server, fault, restore):
    """Run the load, apply the fault for FAULT_SECONDS, restore; return the measurements."""
    with Load(server.base) as load:
        time.sleep(1.5)
        faulted = time.monotonic()
        workers_before = set(server.worker_pids)
        fault()
        started, stopped = set(), False
        while time.monotonic() < faulted + FAULT_SECONDS:
            if not stopped and time.monotonic() > faulted + 1:
                # A worker restarted inside the fault: gunicorn replaces one that exits.
                alive = set(server.worker_pids) & workers_before
                if alive:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(min(alive), signal.SIGTERM)  # finishes what it is serving
                stopped = True
            started |= set(server.worker_pids) - workers_before
            time.sleep(0.05)
        restored = time.monotonic()
        restore()
        time.sleep(4)
    during = load.between(faulted, restored)
    # How long anyone waits to be told a page that needs the database is unavailable.
    unavailable = [a[3] for a in during if a[1] == "database" and a[2] == 503]
    back = [a for a in load.between(restored, float("inf"), "database") if a[2] == 200]
    return {
        "before": load.between(0, faulted),
        "during": during,
        "degrade_s": max(unavailable) if unavailable else None,
        "slowest_s": max(a[3] for a in during),
        "health_slowest_s": max(a[3] for a in during if a[1] == "health"),
        # Asked once the fault had surely begun and answered before it ended.
        "health_statuses": sorted(
            {
                a[2]
                for a in during
                if a[1] == "health" and a[0] > faulted + 0.5 and a[0] + a[3] < restored
            }
        ),
        "cached_statuses": sorted({a[2] for a in during if a[1] == "cached"}),
        "start_statuses": sorted({a[2] for a in during if a[1] == "start"}),
        "recover_s": (back[0][0] + back[0][3] - restored) if back else None,
        "workers_started": len(started),
    }


def report(name, found):
    print(
        f"\n{name}: degrade {found['degrade_s']:.2f} s, slowest answer "
        f"{found['slowest_s']:.2f} s, /healthz slowest {found['health_slowest_s']:.2f} s "
        f"{found['health_statuses']}, cached page {found['cached_statuses']}, "
        f"questionnaire start {found['start_statuses']}, "
        f"recover {found['recover_s']:.2f} s, {len(found['during'])} answers during the fault, "
        f"{found['workers_started']} workers started during it"
    )


def check(found):
    shown = {key: value for key, value in found.items() if key not in ("before", "during")}
    # Working before the fault (a noisy machine may slow the odd request past its deadline).
    assert sum(a[2] == 200 for a in found["before"]) >= 0.95 * len(found["before"]), shown
    assert found["degrade_s"] is not None and found["degrade_s"] < 3, shown
    assert found["slowest_s"] < 3, shown
    assert found["health_slowest_s"] < 2, shown
    assert found["health_statuses"] == [503], shown
    assert found["workers_started"] >= 1, shown  # so the start page was asked of one that started
    assert found["cached_statuses"] == found["start_statuses"] == [200], shown
    assert found["recover_s"] is not None and found["recover_s"] < 2, shown


def test_a_frozen_database_costs_each_request_about_a_second_and_recovers_at_once(site):
    server, database = site

    found = measure(server, database.freeze, database.thaw)

    report("SIGSTOP", found)
    check(found)


def test_a_stopped_database_costs_each_request_about_a_second_and_recovers_at_once(site):
    server, database = site

    found = measure(server, database.stop, database.start)

    report("stopped", found)
    check(found)
