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


@contextlib.contextmanager
def own_server(*settings):
    """A PostgreSQL cluster of the test's own, in a temporary folder, started with the given
    ``-c name=value`` settings and writing its server log to a file the test reads; yield
    (url of its ``postgres`` database, path of the server log). Run as the ``postgres``
    account when the tests run as root (PostgreSQL refuses to run as root)."""
    binaries = postgres_binaries()
    as_owner = []
    work = Path(tempfile.mkdtemp(prefix="pg-"))
    if os.geteuid() == 0:
        as_owner = ["runuser", "-u", "postgres", "--"]
        shutil.chown(work, "postgres")
    data, log, port = work / "data", work / "server.log", free_port()
    options = [f"-p {port}", f"-k {work}", "-c listen_addresses=127.0.0.1", "-c fsync=off"]
    options += [f"-c {setting}" for setting in settings]

    def pg(program, *args):
        command = [*as_owner, os.path.join(binaries, program), *args]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    try:
        pg("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync")
        pg("pg_ctl", "-D", str(data), "-l", str(log), "-o", " ".join(options), "-w", "start")
        try:
            yield f"postgres://postgres@127.0.0.1:{port}/postgres", log
        finally:
            pg("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(work, ignore_errors=True)
