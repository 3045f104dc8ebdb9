"""`make bench-compare REV=…`: questionnaire walks per second of this checkout against an
earlier commit, measured in one run on the same machine; with ``--measure search``, an uncached
search (a new query each request, wrk at c=8) as a ratio to each side's own static file.

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
import tempfile
import uuid
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


def walks(server, args, answers):
    walk = walk_load(server.base, users=args.walk_users, seconds=args.walk_seconds, answers=answers)
    if walk["errors"]:
        raise SystemExit(f"{walk['errors']} failed walks: {walk['error_samples']}")
    return walk["walks_per_second"], f"{walk['walks_per_second']:6.2f} walks/s"


def searches(server, args, _answers):
    found, static, ratio = search_ratio(server, args.seconds)
    return ratio, f"{found:6.0f} searches/s, static {static:6.0f}/s, ratio {ratio:.3f}"


MEASURES = {"walks": (walks, "walks/s"), "search": (searches, "× static file (uncached search)")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", required=True, help="the earlier commit to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--walk-users", type=int, default=8)
    parser.add_argument("--walk-seconds", type=int, default=10)
    parser.add_argument("--measure", choices=sorted(MEASURES), default="walks")
    parser.add_argument("--seconds", type=int, default=3, help="one wrk run (--measure search)")
    args = parser.parse_args()
    measure, unit = MEASURES[args.measure]

    results = {"earlier": [], "this": []}
    with (
        tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        tmp = Path(tmp)
        dirs = {"earlier": stack.enter_context(worktree(args.rev, tmp)), "this": PROJECT_DIR}
        servers, answers = {}, {}
        for side, code_dir in dirs.items():
            (tmp / side).mkdir()
            database = stack.enter_context(own_database(os.environ.get("DATABASE_URL")))
            env = prepared_env(side, code_dir, tmp / side, database)
            servers[side] = stack.enter_context(gunicorn(env, cwd=code_dir))
            answers[side] = case_answers(fixture=code_dir / "fixtures" / "08_questionnaire.json")
        for side, server in servers.items():  # warm both up
            walk_load(server.base, users=args.walk_users, seconds=3, answers=answers[side])
        for number in range(args.rounds):
            order = ("earlier", "this") if number % 2 == 0 else ("this", "earlier")
            for side in order:
                value, shown = measure(servers[side], args, answers[side])
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
