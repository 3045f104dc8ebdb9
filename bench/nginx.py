"""`make bench-nginx`: a content page through deploy/nginx.conf's micro-cache against nginx's
own static file, with wrk over HTTPS.

Runs gunicorn with the production settings (as `make bench`: PostgreSQL / Redis when
DATABASE_URL / REDIS_URL are set, a fresh SQLite file otherwise) behind Debian's nginx running
the shipped deploy/nginx.conf (tests.servers.nginx: only ports, paths and the upstream
replaced). At each concurrency it alternates wrk runs of the page, the hashed stylesheet and a
static file of the page's size, each asked for as wrk asks (no Accept-Encoding) and as a
browser asks (gzip), and prints, per target, the median run and the ratio of the medians
(page / static, in the same encoding). Nearly every page request is a cache HIT: the page
reaches gunicorn about once a second.

wrk shares the machine's cores with nginx, and their speed moves between runs, so the
throughput ratios wander by ±15% from pair to pair. It also prints what each request cost
nginx's workers in CPU time (from /proc), which moves far less: the HIT's cost over the
same-size file's is what the micro-cache itself costs.
"""

import argparse
import re
import shutil
import ssl
import statistics
import sys
import tempfile
from pathlib import Path

from bench.run import machine, manage, production_env, run_wrk
from bench.stack import children_cpu_seconds, fetch, gunicorn
from tests.servers import nginx

PAGE = "/conditions/facet-joint-pain/"
HIT, HIT_GZIP = "page (cache HIT)", "page (cache HIT), gzip"
# Each static target and the page it is compared with. Without Accept-Encoding (wrk's way) and
# with it, as every browser asks: the stylesheet then comes from its .gz copy (gzip_static),
# the page from the copy Django compressed once (core.caching.LocalCopy), and the same-size
# file is as big as that compressed page (a type nginx never compresses).
COMPARED = {
    "static CSS": HIT,
    "static file, page's size": HIT,
    "static CSS, gzip": HIT_GZIP,
    "static file, compressed page's size": HIT_GZIP,
}
STATICS = tuple(COMPARED)
SAME_SIZE = {STATICS[1]: "bench-page-size.txt", STATICS[3]: "bench-page-size-gzip.bin"}
GZIP = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # as Chromium asks
TLS = ssl._create_unverified_context()  # nginx's self-signed certificate


NGINX_TARGET = 0.9  # issue 21: a micro-cache HIT against nginx's own static file, c=8 and c=32


def measure(env, work, concurrencies, seconds, repeats):
    """Run gunicorn (on ``env``'s database, its static files collected in ``work``/static) behind
    deploy/nginx.conf and load the page and the two static files, plain and gzipped, alternately
    at each concurrency.
    """
    work.chmod(0o755)  # nginx's workers read work/static
    with gunicorn(env) as app, nginx(upstream_port=int(app.base.rsplit(":", 1)[1]),
                                     static_root=work) as front:  # fmt: skip
        base = front.https
        _, _, home = fetch(app.base + "/", {"X-Forwarded-Proto": "https"})
        stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
        page = base + PAGE
        page_bytes = {HIT: len(fetch(page, context=TLS)[2]), HIT_GZIP: len(gzipped(page))}
        # A static file as big as the page: the same bytes to encrypt and send, so its
        # ratio shows what the micro-cache itself costs over serving a file.
        for name, file_name in SAME_SIZE.items():
            (work / "static" / file_name).write_bytes(b"x" * page_bytes[COMPARED[name]])
        css = base + stylesheet.group(1).decode()
        targets = {
            HIT: (page, {}),
            STATICS[0]: (css, {}),
            STATICS[1]: (f"{base}/static/{SAME_SIZE[STATICS[1]]}", {}),
            HIT_GZIP: (page, GZIP),
            STATICS[2]: (css, GZIP),
            STATICS[3]: (f"{base}/static/{SAME_SIZE[STATICS[3]]}", GZIP),
        }
        sizes = {
            name: len(fetch(url, headers, context=TLS)[2])
            for name, (url, headers) in targets.items()
        }
        rows = []
        for c in concurrencies:
            runs = {name: [] for name in targets}
            for _ in range(repeats):
                for name, (url, headers) in targets.items():
                    runs[name].append(nginx_run(front, url, headers, c, seconds))
            medians = {
                name: (statistics.median(r["rps"] for r in found),
                       statistics.median(r["p50"] for r in found),
                       statistics.median(r["p95"] for r in found),
                       sum(r["non_2xx"] + r["socket_errors"] for r in found),
                       statistics.median(r["nginx_us"] for r in found))
                for name, found in runs.items()
            }  # fmt: skip
            ratios = {
                static: (
                    medians[page][0] / medians[static][0],
                    [p["rps"] / s["rps"] for p, s in zip(runs[page], runs[static], strict=True)],
                )
                for static, page in COMPARED.items()
            }
            rows.append((c, medians, ratios))
        log = front.output()
    hits = len(re.findall(rf"GET {re.escape(PAGE)} \S+\" 200 .* cache=HIT", log))
    misses = len(re.findall(rf"GET {re.escape(PAGE)} \S+\" 200 .* cache=(MISS|EXPIRED)", log))
    return {"rows": rows, "sizes": sizes, "hits": hits, "misses": misses}


def markdown(found):
    """The table and the ratios of a ``measure``."""
    lines = [
        "| target | body bytes | concurrency | median req/s | median p50 ms | median p95 ms "
        "| failed | nginx CPU µs a request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c, medians, _ in found["rows"]:
        for name, (rps, p50, p95, bad, cost) in medians.items():
            lines.append(f"| {name} | {found['sizes'][name]} | {c} | {rps:.0f} | {p50:.2f} "
                         f"| {p95:.2f} | {bad} | {cost:.1f} |")  # fmt: skip
    lines.append("")
    for c, medians, ratios in found["rows"]:
        for static, (ratio, paired) in ratios.items():
            lines.append(f"- c={c}: page / {static}, ratio of medians {ratio:.2f} "
                         f"(per paired run: {', '.join(f'{r:.2f}' for r in paired)})")  # fmt: skip
        for static in SAME_SIZE:
            if static not in medians:
                continue
            cost = medians[COMPARED[static]][4] / medians[static][4]
            lines.append(
                f"- c={c}: nginx's CPU a request, {COMPARED[static]} / {static}: {cost:.2f} "
                f"(a throughput ratio of {1 / cost:.2f} where nginx alone used the CPU)"
            )
    lines.append(
        f"- page requests answered by nginx's cache: {found['hits']}, by gunicorn: "
        f"{found['misses']}"
    )
    return "\n".join(lines)


def verdicts(found):
    """'Against the targets' lines: the HIT against each static file at each concurrency."""
    lines = []
    for c, _, ratios in found["rows"]:
        for static, (ratio, _) in ratios.items():
            gap = NGINX_TARGET - ratio
            verdict = "met" if gap <= 0 else f"missed by {max(gap, 0.001):.3f}"
            lines.append(f"- Through nginx, micro-cache HIT vs {static} at concurrency {c}: "
                         f"ratio {ratio:.3f} (target ≥ {NGINX_TARGET}): {verdict}")  # fmt: skip
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="wrk duration of one run")
    parser.add_argument("--repeats", type=int, default=3, help="runs per target and level")
    parser.add_argument("--concurrency", default="8,32", help="comma-separated wrk connections")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run `apt-get install wrk`.")
    concurrencies = [int(c) for c in args.concurrency.split(",")]

    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp:
        work = Path(tmp)
        env = production_env(work)
        for command in (
            ("collectstatic", "--noinput"),
            ("migrate", "--noinput"),
            ("load_content",),
        ):
            manage(env, *command)
        found = measure(env, work, concurrencies, args.seconds, args.repeats)

    print(f"\nMachine: {machine()}")
    print(f"Command: python -m bench.nginx --seconds {args.seconds} --repeats {args.repeats} "
          f"--concurrency {args.concurrency}\n")  # fmt: skip
    print(markdown(found))
    print("\n".join(verdicts(found)))


def gzipped(url):
    """The page's body as a browser that accepts gzip gets it (checked compressed)."""
    _, headers, body = fetch(url, GZIP, context=TLS)
    if headers.get("Content-Encoding") != "gzip":
        raise RuntimeError(f"{url} was not compressed for a browser that accepts gzip")
    return body


def nginx_run(front, url, headers, connections, seconds):
    """One wrk run's row, with ``nginx_us``: the CPU time nginx's workers used a request."""
    before = children_cpu_seconds(front.process.pid)
    row = run_wrk(url, headers, connections, seconds)
    after = children_cpu_seconds(front.process.pid)
    used = sum(after[pid] - before[pid] for pid in after if pid in before)
    return {**row, "nginx_us": used / max(row["requests"], 1) * 1e6}


if __name__ == "__main__":
    main()
