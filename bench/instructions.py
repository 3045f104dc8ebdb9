"""`make bench-instructions`: the machine instructions one request of each page costs in one
process, counted by valgrind's callgrind: the same count on a busy machine as on an idle one.

wrk's throughput on a shared machine moves by a factor of two between runs of the same code;
a change that saves a tenth of a request's work is lost in that. Counting instructions (the
production settings, the site's WSGI application called directly, no server, no network) shows
what a change saved, page by page, and the ratio of each page's count to the static file's is
the in-process part of `make bench`'s ratios (gunicorn and the kernel add about the same to
every request). Each page is warmed up first; only the requests measured are counted
(``callgrind_control`` turns counting on and off around them).
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.run import PROJECT_DIR, machine, manage, production_env

# Run under valgrind in the project directory: warms each page up, then counts ``sys.argv[2]``
# requests of the page named by ``sys.argv[1]``.
REQUESTS = """
import glob, io, os, random, subprocess, sys
import django
django.setup()
from django.core.wsgi import get_wsgi_application
app = get_wsgi_application()
random.seed(1)
static = [path for path in glob.glob(os.environ["STATIC_ROOT"] + "/css/site.*.css")
          if path.count(".") == 2][0].removeprefix(os.environ["STATIC_ROOT"])
new = lambda: f"x{random.randint(1, 10**9)}"
pages = {
    "static CSS": lambda: ("/static" + static, ""),
    "condition (cached)": lambda: ("/conditions/", ""),
    "search, uncached (back pain)": lambda: ("/search/", f"q=back+pain+{new()}"),
    "search, uncached (runner's words)": lambda: ("/search/", f"q=foam+roller+{new()}"),
    "questionnaire start": lambda: ("/check/", ""),
}
def request():
    path, query = pages[sys.argv[1]]()
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
               "SERVER_NAME": "localhost", "SERVER_PORT": "443", "HTTP_HOST": "localhost",
               "wsgi.url_scheme": "https", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_X_FORWARDED_PROTO": "https"}
    status = []
    b"".join(app(environ, lambda line, headers, exc_info=None: status.append(line)))
    assert status[0].startswith("200"), status
for _ in range(50):
    request()
control = ["callgrind_control", "--instr", "on", str(os.getpid())]
subprocess.run(control, check=True, capture_output=True)
for _ in range(int(sys.argv[2])):
    request()
subprocess.run([*control[:2], "off", control[3]], check=True, capture_output=True)
"""
PAGES = [
    "static CSS",
    "condition (cached)",
    "search, uncached (back pain)",
    "search, uncached (runner's words)",
    "questionnaire start",
]


def collected(output):
    """The instruction count callgrind prints at the end ("Collected : N")."""
    for line in output.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    raise RuntimeError(f"callgrind printed no count:\n{output[-2000:]}")


def count(env, page, requests, workdir):
    """Instructions a request of ``page`` costs, counted over ``requests`` requests."""
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={workdir / 'callgrind.out'}",
            sys.executable,
            "-c",
            REQUESTS,
            page,
            str(requests),
        ],  # fmt: skip
        cwd=PROJECT_DIR,
        env={**env, "PYTHONPATH": str(PROJECT_DIR)},
        capture_output=True,
        text=True,
        check=True,
    )
    return collected(run.stderr) / requests


def table(counts):
    static = counts["static CSS"]
    lines = ["| page | instructions a request | ratio to static |", "|---|---:|---:|"]
    for page, each in counts.items():
        lines.append(f"| {page} | {each / 1e6:.3f} M | {static / each:.2f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests counted per page")
    parser.add_argument("--json", help="also write the counts to this file")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed: run `apt-get install valgrind`.")
    with tempfile.TemporaryDirectory(prefix="bench-instructions-") as tmp:
        workdir = Path(tmp)
        env = production_env(workdir)
        for command in (("collectstatic", "--noinput"), ("migrate", "--noinput"),
                        ("load_content",)):  # fmt: skip
            manage(env, *command)
        counts = {page: count(env, page, args.requests, workdir) for page in PAGES}
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(f"Machine: {machine()}; {database}; {args.requests} requests a page\n")
    print(table(counts))
    if args.json:
        Path(args.json).write_text(json.dumps(counts, indent=2))


if __name__ == "__main__":
    main()
