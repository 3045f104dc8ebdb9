"""`make bench-compare REV=…`: questionnaire walks per second of this checkout against an
earlier commit, measured in one run on the same machine; with ``--measure search``, an uncached
search (a new query each request, wrk at c=8) as a ratio to each side's own static file; with
``--measure search-in-process``, the milliseconds a new search takes in one process (Django's
test client, each side's own code, settings, database and cache: no wrk, no gunicorn, so far
less of the machine's noise).

Each side gets its own git worktree (the earlier one), database, cache and gunicorn with the
production settings; both are walked by the same simulated people (this checkout's walker,
answering as each side's own clinician test case C4 does), in alternating order, round after
round. The medians and their ratio are the numbers to quote: the machine's load moves the
absolute numbers, and alternating spreads it over both sides. A wrk run during which one
gunicorn worker sat idle is made again (``bench.run.balanced_run``), as in ``make bench``.
"""

import argparse
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.run import UNIQUE_QUERY, balanced_run, manage, production_env, run_wrk
from bench.stack import HTTPS, PROJECT_DIR, fetch, gunicorn
from bench.walk import case_answers, walk_load

# Each side's cache is its own Redis database, emptied first.
REDIS_DATABASES = {"earlier": 14, "this": 15}


@contextlib.contextmanager
def worktree(rev, parent):
    path = parent / "earlier-code"
    subprocess.run(
        ["git", "-C", str(PROJECT_DIR), "worktree", "add", "--detach", str(path), rev],
        check=True,
        capture_output=True,
    )
    try:
        yield path
    finally:
        subprocess.run(
            ["git", "-C", str(PROJECT_DIR), "worktree", "remove", "--force", str(path)],
            check=False,
            capture_output=True,
        )


@contextlib.contextmanager
def own_database(url):
    """A new PostgreSQL database next to the one in `url` (dropped afterwards), or None for
    SQLite (each side then gets a file in its own folder)."""
    if not url or not url.startswith("postgres"):
        yield None
        return
    import psycopg

    server, name = url.rsplit("/", 1)[0], f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def own_redis(url, side):
    if not url:
        return None
    import redis

    own = urlsplit(url)._replace(path=f"/{REDIS_DATABASES[side]}").geturl()
    redis.Redis.from_url(own).flushdb()
    return own


def prepared_env(side, code_dir, workdir, database_url):
    env = production_env(workdir)
    if database_url:
        env["DATABASE_URL"] = database_url
    redis_url = own_redis(os.environ.get("REDIS_URL"), side)
    if redis_url:
        env["REDIS_URL"] = redis_url
    for command in (("collectstatic", "--noinput"), ("migrate", "--noinput"), ("load_content",)):
        manage(env, *command, cwd=code_dir)
    return env


SEARCH_CONNECTIONS = 8


def search_ratio(server, seconds):
    """(searches/s, static file/s, their ratio): one balanced wrk run of each at c=8."""
    _, _, home = fetch(server.base + "/", HTTPS)
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1)
    runs = {
        "search": lambda: run_wrk(server.base + "/search/", {}, SEARCH_CONNECTIONS, seconds,
                                  script=UNIQUE_QUERY),
        "static": lambda: run_wrk(server.base + stylesheet.decode(), {}, SEARCH_CONNECTIONS,
                                  seconds),
    }  # fmt: skip
    rps = {name: balanced_run(server, run, SEARCH_CONNECTIONS)["rps"] for name, run in runs.items()}
    return rps["search"], rps["static"], rps["search"] / rps["static"]


@dataclass
class Side:
    code_dir: Path
    env: dict
    server: object
    answers: dict


# Run with each side's own code as the working directory: the median milliseconds of a batch.
SEARCHES_IN_PROCESS = """
import random, statistics, sys, time
import django
django.setup()
from django.test import Client
client = Client()
def search():
    query = f"/search/?q=back+pain+x{random.randint(1, 10**9)}"
    assert client.get(query, secure=True, HTTP_HOST="localhost").status_code == 200
for _ in range(200):
    search()
batches = []
for _ in range(int(sys.argv[1])):
    start = time.perf_counter()
    for _ in range(200):
        search()
    batches.append((time.perf_counter() - start) / 200 * 1000)
print(statistics.median(batches))
"""


def walks(side, args):
    walk = walk_load(
        side.server.base, users=args.walk_users, seconds=args.walk_seconds, answers=side.answers
    )
    if walk["errors"]:
        raise SystemExit(f"{walk['errors']} failed walks: {walk['error_samples']}")
    return walk["walks_per_second"], f"{walk['walks_per_second']:6.2f} walks/s"


def searches(side, args):
    found, static, ratio = search_ratio(side.server, args.seconds)
    return ratio, f"{found:6.0f} searches/s, static {static:6.0f}/s, ratio {ratio:.3f}"


def searches_in_process(side, args):
    batches = str(max(1, args.seconds))
    output = subprocess.run(
        [sys.executable, "-c", SEARCHES_IN_PROCESS, batches],
        cwd=side.code_dir,
        env={**side.env, "PYTHONPATH": str(side.code_dir)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    milliseconds = float(output.strip().splitlines()[-1])
    return milliseconds, f"{milliseconds:6.3f} ms a search"


MEASURES = {
    "walks": (walks, "walks/s"),
    "search": (searches, "× static file (uncached search)"),
    "search-in-process": (searches_in_process, "ms a search in one process (lower is faster)"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", required=True, help="the earlier commit to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--walk-users", type=int, default=8)
    parser.add_argument("--walk-seconds", type=int, default=10)
    parser.add_argument("--measure", choices=sorted(MEASURES), default="walks")
    parser.add_argument(
        "--seconds",
        type=int,
        default=3,
        help="one wrk run (--measure search); batches of 200 (--measure search-in-process)",
    )
    args = parser.parse_args()
    measure, unit = MEASURES[args.measure]

    results = {"earlier": [], "this": []}
    with (
        tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        tmp = Path(tmp)
        dirs = {"earlier": stack.enter_context(worktree(args.rev, tmp)), "this": PROJECT_DIR}
        sides = {}
        for side, code_dir in dirs.items():
            (tmp / side).mkdir()
            database = stack.enter_context(own_database(os.environ.get("DATABASE_URL")))
            env = prepared_env(side, code_dir, tmp / side, database)
            sides[side] = Side(
                code_dir=code_dir,
                env=env,
                server=stack.enter_context(gunicorn(env, cwd=code_dir)),
                answers=case_answers(fixture=code_dir / "fixtures" / "08_questionnaire.json"),
            )
        for side in sides.values():  # warm both up
            walk_load(side.server.base, users=args.walk_users, seconds=3, answers=side.answers)
        for number in range(args.rounds):
            order = ("earlier", "this") if number % 2 == 0 else ("this", "earlier")
            for side in order:
                value, shown = measure(sides[side], args)
                results[side].append(value)
                print(f"round {number + 1} {side:8} {shown}", flush=True)

    earlier, this = (statistics.median(results[side]) for side in ("earlier", "this"))
    rounds = ", ".join(
        f"{b / a:.2f}" for a, b in zip(results["earlier"], results["this"], strict=True)
    )
    print(
        f"\n{args.rev}: median {earlier:.3f} {unit}; this checkout: median {this:.3f} {unit}; "
        f"ratio of medians {this / earlier:.2f} (per round: {rounds}); {args.rounds} rounds"
    )


if __name__ == "__main__":
    main()
