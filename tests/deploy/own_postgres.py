"""A PostgreSQL server of the test's own (initdb into a temporary directory), so a test can
stop, freeze and thaw it without touching the machine's server."""

import contextlib
import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

from bench.stack import free_port


def server_binaries():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but initdb is not installed", pytrace=False)
        pytest.skip("PostgreSQL's server programs (initdb) are not installed")
    return Path(found[-1]).parent


class OwnPostgres:
    def __init__(self, directory):
        self.bin = server_binaries()
        self.directory = Path(directory)
        self.data = self.directory / "data"
        self.port = free_port()
        self.owner = "postgres" if os.geteuid() == 0 else None

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, *args):
        command = [str(self.bin / args[0]), *args[1:]]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)

    def init(self):
        if self.owner:
            shutil.chown(self.directory, self.owner)
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        return self

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.directory / "server.log")
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self):
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

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

    def signal(self, number):
        for pid in self.processes():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, number)

    def freeze(self):
        """Stop every process; again until none is new (a backend forked meanwhile)."""
        stopped = set()
        while new := set(self.processes()) - stopped:
            for pid in new:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGSTOP)
            stopped |= new

    def thaw(self):
        self.signal(signal.SIGCONT)


@contextlib.contextmanager
def own_postgres():
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root without a postgres account for initdb")
    with tempfile.TemporaryDirectory(prefix="own-pg-") as directory:
        server = OwnPostgres(directory).init()
        server.start()
        try:
            yield server
        finally:
            server.thaw()
            with contextlib.suppress(subprocess.CalledProcessError):
                server.stop()
