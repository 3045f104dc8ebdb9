"""A dependency's outage logged once, not once per failed call (the database: core/db_deadline.py;
Redis: core/redis_client.py)."""

import threading
import time


class Outage:
    """One dependency's state in this process, logged only when it changes: one warning when
    calls start failing (the error's type and message, no traceback), one info line when a
    call succeeds again. Calls that fail in between log nothing."""

    def __init__(self, name, logger):
        self.name = name
        self.logger = logger
        self.lock = threading.Lock()
        self.since = None  # time.monotonic() of the first failure, while down
        self.last_failure = None  # time.monotonic() of the latest failure, while down
        self.failures = 0

    def resting(self, seconds):
        """Whether it is down and failed less than ``seconds`` ago: calls may skip it until then
        rather than each wait for it (a hung Redis cost a page 0.15 s a cache call, about a
        second in all)."""
        last = self.last_failure
        return self.since is not None and last is not None and time.monotonic() - last < seconds

    def failed(self, error):
        with self.lock:
            self.failures += 1
            self.last_failure = time.monotonic()
            if self.since is not None:
                return
            self.since = time.monotonic()
        reason = " ".join(f"{type(error).__name__}: {error}".split())
        self.logger.warning("%s is unreachable, going on without it (%s)", self.name, reason)

    def succeeded(self):
        if self.since is None:  # the usual case: no lock taken
            return
        with self.lock:
            if self.since is None:
                return
            seconds, failures = time.monotonic() - self.since, self.failures
            self.since, self.last_failure, self.failures = None, None, 0
        self.logger.info(
            "%s answers again after %.1f s (failed calls: %d)", self.name, seconds, failures
        )
