"""`make bench-compare REV=…`: questionnaire walks per second of this checkout against an
earlier commit, measured in one run on the same machine.

Each side gets its own git worktree (the earlier one), database, cache and gunicorn with the
production settings; both are walked by the same simulated people (this checkout's walker,
answering as each side's own clinician test case C4 does), in alternating order, round after
round. The medians and their ratio are the numbers to quote: the machine's load moves the
absolute numbers, and alternating spreads it over both sides.
"""

import argparse
import contextlib
import os
import statistics
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from bench.run import manage, production_env
from bench.stack import PROJECT_DIR, gunicorn
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", required=True, help="the earlier commit to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--walk-users", type=int, default=8)
    parser.add_argument("--walk-seconds", type=int, default=10)
    args = parser.parse_args()

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
                walk = walk_load(
                    servers[side].base,
                    users=args.walk_users,
                    seconds=args.walk_seconds,
                    answers=answers[side],
                )
                if walk["errors"]:
                    raise SystemExit(
                        f"{side}: {walk['errors']} failed walks: {walk['error_samples']}"
                    )
                results[side].append(walk["walks_per_second"])
                print(f"round {number + 1} {side:8} {walk['walks_per_second']:6.2f} walks/s",
                      flush=True)  # fmt: skip

    earlier, this = (statistics.median(results[side]) for side in ("earlier", "this"))
    rounds = ", ".join(
        f"{b / a:.2f}" for a, b in zip(results["earlier"], results["this"], strict=True)
    )
    print(
        f"\n{args.rev}: median {earlier:.2f} walks/s; this checkout: median {this:.2f} walks/s; "
        f"ratio of medians {this / earlier:.2f} (per round: {rounds}); {args.rounds} rounds of "
        f"{args.walk_seconds} s, {args.walk_users} simulated people each"
    )


if __name__ == "__main__":
    main()
