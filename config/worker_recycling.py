"""Workers recycled one at a time: a worker that has served its share of requests retires only
when no other worker of the same gunicorn retired in the last ``spacing`` seconds and the one
that did has been replaced and is serving.

gunicorn's own ``max_requests`` retires each worker on its own count. Counts drift with uneven
load (keep-alive connections stick to one worker), so two workers reached their counts in the
same second 11 times in 72 restarts (issue 21), and staggering the counts still left restarts
0.44 s apart. Here the workers agree through one small file, locked with ``flock`` while it is
read and written: it holds when a worker last retired and when a worker last finished starting.
A worker that may not retire yet serves on and asks again after its next request, so recycling
is only ever delayed, never skipped for long, and never leaves a server without a worker that
is ready (with one worker there is nobody to wait for, and gunicorn restarts it as it always
has).
"""

import fcntl
import os
import struct
import tempfile
import time
from contextlib import contextmanager

RECORD = struct.Struct("dd")  # (last retirement, last worker ready), monotonic seconds


class RestartLedger:
    """The shared file; every method may be called from any worker process."""

    def __init__(self, path, spacing):
        self.path = path
        self.spacing = spacing

    @classmethod
    def create(cls, spacing, directory=None):
        handle, path = tempfile.mkstemp(prefix="gunicorn-restarts-", dir=directory)
        with os.fdopen(handle, "wb") as file:
            file.write(RECORD.pack(0.0, 0.0))
        return cls(path, spacing)

    @contextmanager
    def locked(self):
        with open(self.path, "r+b") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            retired, ready = RECORD.unpack(file.read(RECORD.size))
            record = {"retired": retired, "ready": ready}
            yield record
            file.seek(0)
            file.write(RECORD.pack(record["retired"], record["ready"]))

    def worker_ready(self, now=None):
        with self.locked() as record:
            record["ready"] = time.monotonic() if now is None else now

    def may_retire(self, now=None):
        """True, and recorded, when this worker may retire now; False to ask again later."""
        now = time.monotonic() if now is None else now
        with self.locked() as record:
            replaced = record["ready"] >= record["retired"]
            if not replaced or now - record["retired"] < self.spacing:
                return False
            record["retired"] = now
            return True

    def remove(self):
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
