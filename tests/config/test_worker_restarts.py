"""Workers recycled under load restart one at a time and cost no visitor a request: gunicorn
(production settings) with a small max_requests, a steady load, and every worker's birth watched
from outside.

Recorded: when each worker appeared (its pid polled every 20 ms) and how many answers came
back in each second. Printed (``-s``) for the notes.
"""

import threading
import time
from collections import Counter

import pytest

from tests.helpers import migrated_production_env
from tests.servers import HTTPS, fetch, gunicorn

pytestmark = pytest.mark.stack

MAX_REQUESTS = 60  # with SPACING, about one restart every 2-3 s even on a busy machine
SPACING = 2.0  # GUNICORN_RESTART_SPACING: seconds between two retirements at the least
SECONDS = 16
CLIENTS = 3
PAUSE = 0.05  # between one client's requests: about 40 answers a second in all


def test_workers_recycled_under_load_restart_apart_and_leave_no_second_unanswered(tmp_path):
    env = migrated_production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="2",
        GUNICORN_MAX_REQUESTS=str(MAX_REQUESTS),
        GUNICORN_MAX_REQUESTS_JITTER="20",
        GUNICORN_RESTART_SPACING=str(SPACING),
    )
    births, answers, running = {}, [], threading.Event()
    running.set()

    with gunicorn(env) as server:
        first = set(server.worker_pids)

        def watch():
            while running.is_set():
                for pid in server.worker_pids:
                    births.setdefault(pid, time.monotonic())
                time.sleep(0.02)

        def client():
            while running.is_set():
                try:
                    status = fetch(f"{server.base}/conditions/sciatica/", HTTPS, timeout=10)[0]
                except OSError:
                    status = 0
                answers.append((time.monotonic(), status))
                time.sleep(PAUSE)

        threads = [threading.Thread(target=watch)] + [
            threading.Thread(target=client) for _ in range(CLIENTS)
        ]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(SECONDS)
        running.clear()
        for thread in threads:
            thread.join(timeout=15)

    restarts = sorted(born for pid, born in births.items() if pid not in first)
    gaps = [later - earlier for earlier, later in zip(restarts, restarts[1:], strict=False)]
    per_second = Counter(int(at - start) for at, status in answers if status == 200)
    print(
        f"\n{len(restarts)} restarts in {SECONDS} s, smallest gap "
        f"{min(gaps, default=float('nan')):.2f} s; answers per second "
        f"{[per_second.get(s, 0) for s in range(SECONDS)]}; "
        f"failed {sum(status != 200 for _, status in answers)}"
    )
    assert len(restarts) >= 4  # the load really recycled workers
    # The ledger spaces retirements; a worker is born a moment after the one it replaces
    # retired (its requests finished, reaped, forked), and that moment varies with the load:
    # 0.1 s on a quiet machine, up to about 0.8 s beside another stack test (a gap of 1.19 s
    # was seen with SPACING 2). So births may come closer than the retirements, never together.
    assert min(gaps) >= SPACING / 2, gaps
    assert all(per_second.get(second, 0) > 0 for second in range(SECONDS))
    assert all(status == 200 for _, status in answers)
