"""`make bench`: load the production stack with wrk and record the numbers in BENCHMARKS.md.

Starts gunicorn with the production settings (PostgreSQL when DATABASE_URL is set, a fresh
SQLite file otherwise; Redis when REDIS_URL is set), loads the content, then runs wrk against
each page at a few concurrency levels, walks the questionnaire with concurrent simulated
users, and reads the peak memory of the gunicorn workers. Ratios to the static file's
throughput are the numbers to compare between runs: absolute numbers move with the machine.
"""

import argparse
import datetime
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

from bench.runner_log import log_session_row, start_runners
from bench.stack import HTTPS, PROJECT_DIR, fetch, gunicorn, hung_server
from bench.walk import Walker, walk_load

REPORTER = Path(__file__).with_name("report.lua")
UNIQUE_QUERY = Path(__file__).with_name("unique_query.lua")
NEW_QUERIES = Path(__file__).with_name("new_queries.lua")  # dofile'd by the two scripts around it
RUNNER_SEARCHES = Path(__file__).with_name("runner_searches.lua")
UNCACHED_SEARCH = "search, uncached"  # a new runner's query on every request
SCRIPTS = {UNCACHED_SEARCH: RUNNER_SEARCHES}
TARGETS = {
    "content_ratio": 0.5,
    "uncached_search_ratio_at_8": 0.3,  # issue 22
    "cached_ratio_under_load": 0.8,  # at each of LOADED_LEVELS (issue 21)
    "p95_ms_at_8": 50.0,
    "worker_rss_mb": 150.0,
    "log_session_ratio_at_8": 0.5,  # logging a session vs the static file (issue 25)
}
LOG_SESSION = "log a session"
RUNNERS = 32  # logs the "log a session" rows post to, shared out among wrk's threads
LOADED_LEVELS = (8, 32)
CONTENT_PAGES = {"home", "condition", "exercises (filtered)", "search"}


def production_env(workdir):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "STATIC_MANIFEST"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="bench-only-" + "x9Q!k2@L#m4$" * 5,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=str(workdir / "static"),
        WEB_CONCURRENCY=os.environ.get("WEB_CONCURRENCY", "2"),
        GUNICORN_THREADS=os.environ.get("GUNICORN_THREADS", "4"),
        GUNICORN_MAX_REQUESTS="0",
        # wrk and the walkers send everything from one address: no per-address rate limits.
        FAILED_RESULT_LOOKUPS_PER_MINUTE="0",
        FINAL_SUBMITS_PER_MINUTE="0",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    return env


def manage(env, *args, cwd=PROJECT_DIR):
    subprocess.run([sys.executable, "manage.py", *args], cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def targets(base):
    """The URLs to load: pages, a questionnaire question, a result, and a hashed CSS file."""
    _, _, home = fetch(base + "/", HTTPS)
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1)
    question_url, cookie, result_url = walk_once(base)
    return [
        ("home", base + "/", {}),
        ("condition", base + "/conditions/facet-joint-pain/", {}),
        ("exercises (filtered)", base + "/exercises/?condition=sciatica&difficulty=easy", {}),
        ("search", base + "/search/?q=tingling+leg", {}),
        (UNCACHED_SEARCH, base + "/search/", {}),
        ("question page", question_url, {"Cookie": cookie}),
        ("result page", result_url, {}),
        ("static CSS", base + stylesheet.decode(), {}),
    ]


def walk_once(base):
    """A question page with the cookie of a run in progress, and a finished result page."""
    result_path = Walker(base).complete()
    asker = Walker(base)
    question_path = asker.begin()
    return base + question_path, asker.cookie_header, base + result_path


def scoring_microseconds(env):
    output = subprocess.run([sys.executable, "-m", "bench.scoring"], cwd=PROJECT_DIR, env=env,
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def run_wrk(url, headers, connections, seconds, script=REPORTER, threads=None, env=None):
    threads = threads or min(connections, os.cpu_count() or 2)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", str(script)]
    for name, value in {**HTTPS, **headers}.items():
        command += ["-H", f"{name}: {value}"]
    scripts = {"BENCH_REPORTER": str(REPORTER), "BENCH_NEW_QUERIES": str(NEW_QUERIES),
               "BENCH_SEED": str(random.randrange(2**31))}  # fmt: skip
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True,
                            env={**os.environ, **scripts, **(env or {})}).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


FAULT_CONCURRENCY = 8


def bypass_and_fault_rows(env, base, seconds):
    """A search that is new on every request (the cache cannot help), and a cached page
    served by a second server whose Redis accepts connections but never answers."""
    rows = [
        (
            "search, a new query every request (cache bypass)",
            run_wrk(base + "/search/", {}, FAULT_CONCURRENCY, seconds, script=UNIQUE_QUERY),
        )
    ]
    with hung_server() as redis_url, gunicorn({**env, "REDIS_URL": redis_url}) as hung:
        for name, path in (("condition, Redis hung", "/conditions/facet-joint-pain/"),
                           ("/healthz, Redis hung", "/healthz")):  # fmt: skip
            rows.append((name, run_wrk(hung.base + path, {}, FAULT_CONCURRENCY, seconds)))
    for name, row in rows:
        print(f"{name:50} c={FAULT_CONCURRENCY} {row['rps']:8.0f} req/s  p95 {row['p95']:7.1f} ms  "
              f"bad {row['non_2xx'] + row['socket_errors']}", flush=True)  # fmt: skip
    return rows


def fault_table(rows):
    lines = [
        "| case | concurrency | req/s | p50 ms | p95 ms | p99 ms | 4xx/5xx | socket errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in rows:
        lines.append(
            f"| {name} | {FAULT_CONCURRENCY} | {row['rps']:.0f} | {row['p50']:.1f} | "
            f"{row['p95']:.1f} | {row['p99']:.1f} | {row['non_2xx']} | {row['socket_errors']} |"
        )
    return "\n".join(lines)


# With kept-alive connections, gunicorn's workers do not always share wrk's connections: now
# and then one worker accepts all of them and serves them on one core while the other idles,
# halving that run's throughput (behind nginx, which opens a connection per request, this
# does not happen). Such a run measures the spread of connections, not the page, so it is
# run again; the report says how often.
IDLE_SHARE = 0.1  # a worker with less than this share of the workers' CPU time sat idle
BALANCE_ATTEMPTS = 4


def idle_worker(used):
    """Whether one of the workers did (nearly) none of the work, from their CPU seconds."""
    return len(used) > 1 and min(used) < IDLE_SHARE * sum(used)


def balanced_run(server, run, connections):
    """``run()`` (one wrk run), again while a worker sat idle through it (at most
    ``BALANCE_ATTEMPTS`` runs); its row, with ``reruns`` and whether it stayed ``unbalanced``."""
    reruns = -1
    unbalanced = True
    while unbalanced and reruns + 1 < BALANCE_ATTEMPTS:
        reruns += 1
        before = server.worker_cpu_seconds()
        row = run()
        after = server.worker_cpu_seconds()
        used = [after[pid] - before[pid] for pid in before if pid in after]
        unbalanced = connections > 1 and idle_worker(used)
    return {**row, "reruns": reruns, "unbalanced": unbalanced}


def median_run(runs):
    """The run with the median throughput (its latencies belong to it); failures summed."""
    ordered = sorted(runs, key=lambda run: run["rps"])
    middle = dict(ordered[len(ordered) // 2])
    middle["non_2xx"] = sum(run["non_2xx"] for run in runs)
    middle["socket_errors"] = sum(run["socket_errors"] for run in runs)
    return middle


def balance_sentence(runs):
    """What the report says about runs made again because a worker sat idle."""
    every = [run for cell in runs.values() for run in cell]
    reruns = sum(run["reruns"] for run in every)
    left = sum(run["unbalanced"] for run in every)
    sentence = (
        f"{reruns} runs in which one gunicorn worker sat idle (wrk's kept-alive connections "
        f"all on the other worker) were made again, up to {BALANCE_ATTEMPTS} times each"
    )
    return sentence + (f"; {left} stayed so and count as they are." if left else ".")


def peak_rss_mb(server):
    peaks = []
    for pid in server.worker_pids:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return max(peaks) if peaks else float("nan")


def machine():
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return (
        f"{os.cpu_count()} cores, {memory_kb / 1024 / 1024:.1f} GiB memory, {platform.platform()}"
    )


def table(rows, concurrencies):
    static = {c: row["rps"] for name, c, row in rows if name == "static CSS"}
    lines = [
        "| page | concurrency | req/s | p50 ms | p95 ms | p99 ms | 4xx/5xx | socket errors | ratio to static |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, c, row in rows:
        ratio = row["rps"] / static[c] if static.get(c) else float("nan")
        lines.append(
            f"| {name} | {c} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p95']:.1f} | "
            f"{row['p99']:.1f} | {row['non_2xx']} | {row['socket_errors']} | {ratio:.2f} |"
        )
    return "\n".join(lines)


def verdicts(rows, walk, rss):
    static = {c: row["rps"] for name, c, row in rows if name == "static CSS"}
    lines = []
    ratios = [row["rps"] / static[c] for name, c, row in rows if name in CONTENT_PAGES]
    median_ratio = statistics.median(ratios)
    worst = min(ratios)
    met = median_ratio >= TARGETS["content_ratio"]
    lines.append(
        f"- Cached content pages vs static file: median ratio {median_ratio:.2f} over "
        f"{len(ratios)} page × concurrency cells (target ≥ {TARGETS['content_ratio']}): "
        + ("met" if met else f"missed by {TARGETS['content_ratio'] - median_ratio:.2f}")
        + f"; lowest single cell {worst:.2f}"
    )
    target = TARGETS["cached_ratio_under_load"]
    for level in LOADED_LEVELS:
        cells = [row["rps"] / static[c] for name, c, row in rows
                 if name in CONTENT_PAGES and c == level and static.get(c)]  # fmt: skip
        if not cells:
            continue
        median_at = statistics.median(cells)
        lines.append(
            f"- Cached content pages vs static file at concurrency {level}: median ratio "
            f"{median_at:.2f} over {len(cells)} pages (target ≥ {target}): "
            + ("met" if median_at >= target else f"missed by {target - median_at:.2f}")
            + f"; lowest page {min(cells):.2f}"
        )
    uncached = [row["rps"] / static[c] for name, c, row in rows
                if name == UNCACHED_SEARCH and c == 8 and static.get(c)]  # fmt: skip
    if uncached:
        target = TARGETS["uncached_search_ratio_at_8"]
        lines.append(
            f"- Uncached search (a new runner's query every request) vs static file at "
            f"concurrency 8: ratio {uncached[0]:.2f} (target ≥ {target}): "
            + ("met" if uncached[0] >= target else f"missed by {target - uncached[0]:.2f}")
        )
    at_8 = [(name, row["p95"]) for name, c, row in rows if c == 8]
    slowest = max(at_8, key=lambda item: item[1])
    lines.append(
        f"- p95 at concurrency 8: slowest is {slowest[0]} at {slowest[1]:.1f} ms "
        f"(target < {TARGETS['p95_ms_at_8']:.0f} ms): "
        + (
            "met"
            if slowest[1] < TARGETS["p95_ms_at_8"]
            else f"missed by {slowest[1] - TARGETS['p95_ms_at_8']:.1f} ms"
        )
    )
    logging = [row["rps"] / static[c] for name, c, row in rows
               if name == LOG_SESSION and c == 8 and static.get(c)]  # fmt: skip
    if logging:
        target = TARGETS["log_session_ratio_at_8"]
        lines.append(
            "- Logging a session (one answer a request) vs static file at concurrency 8: "
            f"ratio {logging[0]:.2f} "
            f"(target ≥ {target}): "
            + ("met" if logging[0] >= target else f"missed by {target - logging[0]:.2f}")
        )
    failures = sum(row["non_2xx"] + row["socket_errors"] for _, _, row in rows) + walk["errors"]
    lines.append(f"- Failed requests and walks across every run: {failures} (target 0): "
                 + ("met" if failures == 0 else "missed"))  # fmt: skip
    lines.append(
        f"- Peak worker memory (RSS): {rss:.0f} MB (target < {TARGETS['worker_rss_mb']:.0f} MB): "
        + (
            "met"
            if rss < TARGETS["worker_rss_mb"]
            else f"missed by {rss - TARGETS['worker_rss_mb']:.0f} MB"
        )
    )
    return "\n".join(lines)


def nginx_section(table, args):
    if table is None:
        return "Not measured: Debian's nginx is not installed here (`apt-get install nginx`)."
    return f"""deploy/nginx.conf in Debian's nginx in front of the same gunicorn and database, over
HTTPS (`bench.nginx`, also `make bench-nginx`): a condition page answered by nginx's
micro-cache (nearly every request a HIT; the page reaches gunicorn about once a second) against
nginx serving the stylesheet and a static file of the page's size, each asked for without
Accept-Encoding (as wrk asks) and with gzip (as every browser asks: the stylesheet from its .gz
copy, the page as Django compressed it once), {args.repeats} wrk runs of {args.seconds} s each,
the six alternated; medians.

{table}"""


def kept_notes(path):
    """The hand-written '## Notes' section of the previous report, carried into the new one."""
    previous = path.read_text() if path.exists() else ""
    marker = "\n## Notes\n"
    return previous[previous.index(marker) :] if marker in previous else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="wrk duration of one run")
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs per URL and level; the median run is kept"
    )
    parser.add_argument("--concurrency", default="1,8,32", help="comma-separated wrk connections")
    parser.add_argument("--walk-users", type=int, default=8)
    parser.add_argument("--walk-seconds", type=int, default=10)
    parser.add_argument("--output", default=str(PROJECT_DIR / "BENCHMARKS.md"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run `apt-get install wrk` (make bench does this for you).")
    concurrencies = [int(c) for c in args.concurrency.split(",")]

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        env = production_env(Path(tmp))
        for command in (
            ("collectstatic", "--noinput"),
            ("migrate", "--noinput"),
            ("load_content",),
        ):
            manage(env, *command)
        with gunicorn(env) as server:
            urls = targets(server.base)
            for _, url, headers in urls:  # warm the page cache before measuring
                fetch(url, {**HTTPS, **headers})
            # Runs are interleaved (every page once, then every page again…), so a noisy
            # moment on a shared machine falls on all pages alike, not on one page's runs.
            runs = {}
            for c in concurrencies:
                for _ in range(args.repeats):
                    for name, url, headers in urls:
                        script = SCRIPTS.get(name, REPORTER)
                        runs.setdefault((name, c), []).append(
                            balanced_run(
                                server,
                                partial(run_wrk, url, headers, c, args.seconds, script=script),
                                c,
                            )
                        )
            runners = start_runners(server.base, RUNNERS)
            for c in concurrencies:
                for _ in range(args.repeats):
                    log = partial(log_session_row, run_wrk, server.base, runners, c, args.seconds)
                    runs.setdefault((LOG_SESSION, c), []).append(balanced_run(server, log, c))
            rows = []
            for name in [name for name, _, _ in urls] + [LOG_SESSION]:
                for c in concurrencies:
                    row = median_run(runs[(name, c)])
                    rows.append((name, c, row))
                    print(f"{name:22} c={c:<3} {row['rps']:8.0f} req/s  p95 {row['p95']:6.1f} ms  "
                          f"bad {row['non_2xx'] + row['socket_errors']}", flush=True)  # fmt: skip
            walk = walk_load(server.base, users=args.walk_users, seconds=args.walk_seconds)
            print(f"questionnaire walks: {walk['walks_per_second']:.1f}/s, errors {walk['errors']}")
            rss = peak_rss_mb(server)
            faults = bypass_and_fault_rows(env, server.base, args.seconds)
        # Through nginx (deploy/nginx.conf) on the same database, where Debian's nginx is here.
        nginx_table = None
        nginx_verdicts = "- Through nginx: not measured (nginx is not installed)"
        if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
            from bench import nginx as bench_nginx  # it imports this module's helpers

            found = bench_nginx.measure(env, Path(tmp), (8, 32), args.seconds, args.repeats)
            nginx_table = bench_nginx.markdown(found)
            nginx_verdicts = "\n".join(bench_nginx.verdicts(found))
        scoring = scoring_microseconds(env)
        print(f"scoring: median {statistics.median(scoring.values()):.0f} µs per assessment")
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache = "Redis" if env.get("REDIS_URL") else "local memory"
    report = f"""# Benchmarks

Latest `make bench` run. Earlier runs are in this file's git history.

- Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC
- Machine: {machine()}
- Stack: gunicorn (gthread, {env["WEB_CONCURRENCY"]} workers × {env["GUNICORN_THREADS"]} threads), production settings, {database}, {cache} cache
- Command: `make bench` (`python -m bench.run --seconds {args.seconds} --repeats {args.repeats} --concurrency {args.concurrency} --walk-users {args.walk_users} --walk-seconds {args.walk_seconds}`), wrk on the same machine

## Pages

{table(rows, concurrencies)}

Each row is the median (by throughput) of {args.repeats} wrk runs of {args.seconds} s, interleaved with the other pages' runs; the
4xx/5xx and socket error counts are summed over all of them. {balance_sentence(runs)} The static CSS row is whitenoise serving a hashed file from the same server: the ceiling for
this server on this machine. "Ratio to static" is each page's throughput divided by the static
file's at the same concurrency; compare ratios between runs, not absolute numbers.

## Cache bypass and a hung Redis

{fault_table(faults)}

One wrk run of {args.seconds} s each at {FAULT_CONCURRENCY} connections. The bypass row asks for
a search nobody made before on every request, so the page cache cannot answer it: compare it
with the cached "search" row above. The "Redis hung" rows come from a second gunicorn on the
same database whose `REDIS_URL` points at a port that accepts connections and never answers:
each cache call then waits `REDIS_TIMEOUT` (0.15 s) and the page is served from the database.

## Questionnaire walks

{args.walk_users} simulated users, each repeatedly walking start → every question → check your answers → result for
{args.walk_seconds} s: {walk["walks"]} walks completed, {walk["walks_per_second"]:.1f} walks/s,
{walk["errors"]} errors, median walk {walk["median_ms"]:.0f} ms.

## Scoring

`triage.engine.scoring.assess` in-process for each shipped clinician test case (best of
5 × 2000 calls): median {statistics.median(scoring.values()):.0f} µs, slowest
{max(scoring.values()):.0f} µs per assessment ({", ".join(f"{name} {us:.0f}" for name, us in scoring.items())}).

## Memory

Peak resident memory (VmHWM) of the busiest gunicorn worker after the load: {rss:.0f} MB.

## Through nginx

{nginx_section(nginx_table, args)}

## Against the targets

{verdicts(rows, walk, rss)}
{nginx_verdicts}
"""
    Path(args.output).write_text(report + kept_notes(Path(args.output)))
    print(f"\nwrote {args.output}")


if __name__ == "__main__":
    main()
