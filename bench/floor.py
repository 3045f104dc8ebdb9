"""`make bench-floor`: what the least a page or a write can do reaches on this stack, beside
the pages that have speed targets, as ratios to the static file at one concurrency.

The same production gunicorn as `make bench` (PostgreSQL / Redis when DATABASE_URL / REDIS_URL
are set), with ``bench.floor_settings``: the site plus four views that do next to nothing
(``bench.floor_urls``): answer "ok"; one ``SELECT 1``; a transaction inserting one row; a
transaction locking a row, inserting one and updating the first (a session's save at its
least). A target above the floor of the work it must do cannot be met by making our code
faster, only by doing less work or by a faster machine. Runs are interleaved and each
target's median run is kept, as in `make bench`.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
from functools import partial
from pathlib import Path

from bench.run import (
    REPORTER,
    RUNNER_SEARCHES,
    RUNNERS,
    balanced_run,
    machine,
    manage,
    median_run,
    production_env,
    run_wrk,
    targets,
)
from bench.runner_log import log_session_row, start_runners
from bench.stack import gunicorn

POST = Path(__file__).with_name("post.lua")
LOGS = 8  # rows the locking write picks from, as runners' logs
TABLES = {
    "postgresql": "id bigserial PRIMARY KEY",
    "sqlite": "id integer PRIMARY KEY AUTOINCREMENT",
}
CREATE_TABLES = """
from django.db import connection
key = {tables!r}[connection.vendor]
with connection.cursor() as cursor:
    cursor.execute(f"CREATE TABLE IF NOT EXISTS bench_floor_row ({{key}}, log_id integer NOT NULL)")
    cursor.execute("CREATE TABLE IF NOT EXISTS bench_floor_log "
                   "(id integer PRIMARY KEY, saves integer NOT NULL DEFAULT 0)")
    cursor.execute("DELETE FROM bench_floor_log")
    for log in range(1, {logs} + 1):
        cursor.execute("INSERT INTO bench_floor_log (id) VALUES (%s)", [log])
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="wrk duration of one run")
    parser.add_argument("--repeats", type=int, default=3, help="runs per target")
    parser.add_argument("--concurrency", type=int, default=8, help="wrk connections")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run `apt-get install wrk`.")
    c = args.concurrency
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
        env = {**production_env(Path(tmp)), "DJANGO_SETTINGS_MODULE": "bench.floor_settings"}
        for command in (("collectstatic", "--noinput"), ("migrate", "--noinput"),
                        ("load_content",),
                        ("shell", "-c", CREATE_TABLES.format(tables=TABLES, logs=LOGS))):  # fmt: skip
            manage(env, *command)
        with gunicorn(env) as server:
            base = server.base
            pages = {name: (url, headers) for name, url, headers in targets(base)}
            wrk = {
                "static CSS": pages["static CSS"],
                "floor: answer ok": (base + "/bench-floor/answer/", {}),
                "floor: one SELECT": (base + "/bench-floor/one-query/", {}),
                "condition (cached)": pages["condition"],
                "search, uncached": pages["search, uncached"],
                "floor: insert one row": (base + "/bench-floor/one-insert/", {}),
                "floor: lock, insert, update": (base + "/bench-floor/lock-insert-update/", {}),
            }
            scripts = {"search, uncached": RUNNER_SEARCHES, "floor: insert one row": POST,
                       "floor: lock, insert, update": POST}  # fmt: skip
            runners = start_runners(base, RUNNERS)
            runs = {name: [] for name in [*wrk, "log a session"]}
            for _ in range(args.repeats):
                for name, (url, headers) in wrk.items():
                    run = partial(run_wrk, url, headers, c, args.seconds,
                                  script=scripts.get(name, REPORTER))  # fmt: skip
                    runs[name].append(balanced_run(server, run, c))
                log = partial(log_session_row, run_wrk, base, runners, c, args.seconds)
                runs["log a session"].append(balanced_run(server, log, c))
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(f"\nMachine: {machine()}; {database}")
    print(f"Command: python -m bench.floor --seconds {args.seconds} --repeats {args.repeats} "
          f"--concurrency {c}\n")  # fmt: skip
    static = statistics.median(run["rps"] for run in runs["static CSS"])
    print(f"| target | req/s at c={c} | p50 ms | failed | ratio to static | per run |")
    print("|---|---:|---:|---:|---:|---|")
    for name, found in runs.items():
        row = median_run(found)
        per_run = ", ".join(f"{run['rps']:.0f}" for run in found)
        print(f"| {name} | {row['rps']:.0f} | {row['p50']:.1f} | "
              f"{row['non_2xx'] + row['socket_errors']} | {row['rps'] / static:.2f} | {per_run} |")  # fmt: skip


if __name__ == "__main__":
    main()
