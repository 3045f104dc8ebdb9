"""Throwaway PostgreSQL databases (and a Redis database) for tests of the production stack.

The server is the machine's local PostgreSQL (TEST_POSTGRES_URL, by default
postgres://postgres@127.0.0.1:5432/test). Without one the tests skip with the reason,
unless REQUIRE_POSTGRES is set, as CI does. A test that reads the server's own log starts a
cluster of its own instead (``own_server``).
"""

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest

from bench.stack import free_port

SERVER_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


def require_postgres():
    try:
        psycopg.connect(SERVER_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        reason = f"PostgreSQL not reachable at {SERVER_URL}: {error}".splitlines()[0]
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(f"REQUIRE_POSTGRES is set but {reason}", pytrace=False)
        pytest.skip(reason)


@contextlib.contextmanager
def throwaway_database():
    """Create an empty database; yield (name, url); drop it afterwards."""
    require_postgres()
    name = f"rb_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = SERVER_URL.rsplit("/", 1)[0]
    try:
        yield name, f"{base}/{name}"
    finally:
        with psycopg.connect(SERVER_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def require_redis(*, db):
    """A Redis URL on the local server with the given database emptied, or skip/fail."""
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379") + f"/{db}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        reason = f"Redis not reachable at {url}: {error}"
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(f"REQUIRE_POSTGRES is set but {reason}", pytrace=False)
        pytest.skip(reason)
    return url


def postgres_binaries():
    """The folder holding initdb and pg_ctl (Debian keeps them out of PATH), or skip/fail."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    if pg_config := shutil.which("pg_config"):
        bindir = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout
        folders.insert(0, bindir.strip())
    for folder in filter(None, folders):
        if os.path.exists(os.path.join(folder, "initdb")):
            return folder
    reason = "PostgreSQL's server programs (initdb, pg_ctl) are not installed"
    if os.environ.get("REQUIRE_POSTGRES"):
        pytest.fail(f"REQUIRE_POSTGRES is set but {reason}", pytrace=False)
    pytest.skip(reason)


class OwnServer:
    """A PostgreSQL cluster of the test's own: its URL, its server log, and ways to stop,
    start, freeze (SIGSTOP) and thaw it without touching the machine's server."""

    def __init__(self, work, settings):
        self.work, self.binaries = work, postgres_binaries()
        self.data, self.log, self.port = work / "data", work / "server.log", free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        options = [f"-p {self.port}", f"-k {work}", "-c listen_addresses=127.0.0.1", "-c fsync=off"]
        self.options = " ".join(options + [f"-c {setting}" for setting in settings])
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def pg(self, program, *args):
        command = [*self.as_owner, os.path.join(self.binaries, program), *args]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def init(self):
        self.pg("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")

    def start(self):
        data, log = str(self.data), str(self.log)
        self.pg("pg_ctl", "-D", data, "-l", log, "-o", self.options, "-w", "start")

    def stop(self):
        self.pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def processes(self):
        """The postmaster and every process under it."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = {}
        for stat in glob.glob("/proc/[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = Path(stat).read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(Path(stat).parent.name))
        found, queue = [], [postmaster]
        while queue:
            pid = queue.pop()
            found.append(pid)
            queue += children.get(pid, [])
        return found

    def freeze(self):
        """SIGSTOP every process; again until none is new (a backend forked meanwhile)."""
        stopped = set()
        while new := set(self.processes()) - stopped:
            for pid in new:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGSTOP)
            stopped |= new

    def thaw(self):
        for pid in self.processes():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


@contextlib.contextmanager
def own_server(*settings):
    """A started ``OwnServer`` with the given ``-c name=value`` settings, run as the
    ``postgres`` account when the tests run as root (PostgreSQL refuses to run as root);
    stopped and removed afterwards."""
    work = Path(tempfile.mkdtemp(prefix="pg-"))
    server = OwnServer(work, settings)
    if server.as_owner:
        shutil.chown(work, "postgres")
    try:
        server.init()
        server.start()
        try:
            yield server
        finally:
            server.thaw()
            with contextlib.suppress(subprocess.CalledProcessError):
                server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
