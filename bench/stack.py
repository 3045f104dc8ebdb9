"""Run the production stack (gunicorn with the production settings) for benchmarks and tests."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
HTTPS = {"X-Forwarded-Proto": "https"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, headers=None, *, data=None, timeout=15, context=None):
    """(status, headers, body) for a request; HTTP errors are answers, not exceptions."""
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(check, seconds=30, interval=0.2):
    """Call check() until it returns something true, or fail after the given time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"gave up after {seconds}s waiting for {check.__name__}")


@contextlib.contextmanager
def hung_server():
    """A TCP port that accepts connections and never answers, as a hung Redis does.
    Yields its URL as a Redis URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(256)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


def child_pids(parent):
    """The processes ``parent`` started (a server's workers)."""
    children = Path(f"/proc/{parent}/task/{parent}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def children_cpu_seconds(parent):
    """CPU time (user and system) each of ``parent``'s child processes has used so far, by pid."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in child_pids(parent):
        with contextlib.suppress(OSError):  # a worker that exited meanwhile
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return used


class Server:
    def __init__(self, process, base, log):
        self.process = process
        self.base = base
        self.log = log

    @property
    def worker_pids(self):
        return child_pids(self.process.pid)

    def worker_cpu_seconds(self):
        """CPU time (user and system) each worker has used so far, by pid."""
        return children_cpu_seconds(self.process.pid)

    def output(self):
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")


@contextlib.contextmanager
def gunicorn(env, *, port=None, cwd=PROJECT_DIR):
    """Run gunicorn as the Dockerfile does (on the code in `cwd`); yield a Server; stop it
    afterwards.

    Its output goes to a temporary file, not a pipe, so a busy access log never blocks it.
    """
    port = port or free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    with tempfile.NamedTemporaryFile("w+", prefix="gunicorn-", suffix=".log") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = Server(process, f"http://127.0.0.1:{port}", log)

        def answering():
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{server.output()}")
            try:
                return fetch(f"{server.base}/healthz", timeout=2)
            except OSError:
                return None

        try:
            wait_for(answering)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
