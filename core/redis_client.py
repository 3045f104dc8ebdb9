"""django-redis's client, logging a Redis outage once instead of once per cache call, and
resting from a Redis that stopped answering: for ``REDIS_RETRY_AFTER`` seconds after a failed
call, reads fail at once (a miss, as a failed read is) instead of each waiting
``REDIS_TIMEOUT``. Writes are always tried: skipping one could lose a publish's new content
version, and a page is written once per miss, not on every request.

With ``IGNORE_EXCEPTIONS`` a cache call to a Redis that is down or hung is a miss (or a dropped
write); django-redis would log each with a full traceback (about 12 MB a minute at 40 requests
a second). This client tells ``REDIS`` (core.outage.Outage) about each call instead: one
warning when Redis stops answering, one info line when it answers again, per process.
"""

import functools
import logging
import threading

from django.conf import settings
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted

from core.outage import Outage

# The logger keeps its name from when this module was config/cache.py, so the log lines read as
# they always did.
REDIS = Outage("Redis", logging.getLogger("config.cache"))

# The client calls the cache backend makes (django_redis.cache.RedisCache) that can fail.
WATCHED = (
    "get", "set", "add", "delete", "delete_many", "delete_pattern", "get_many", "set_many",
    "incr", "decr", "has_key", "clear", "touch", "incr_version", "keys", "ttl", "pttl",
    "persist", "expire", "expire_at", "pexpire", "pexpire_at",
)  # fmt: skip


# The reads a request makes on every page (the content version, the page itself): they rest.
RESTED = {"get", "get_many", "has_key", "ttl", "pttl", "keys"}

inner = threading.local()  # inside a watched call (add calls set): only the outer one reports


def watched(method, *, rests):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if getattr(inner, "active", False):
            return method(self, *args, **kwargs)
        if rests and REDIS.resting(settings.REDIS_RETRY_AFTER):
            inner.failed = True
            raise ConnectionInterrupted(connection=None) from ConnectionError(
                "not asked: Redis did not answer a moment ago"
            )
        inner.active = True
        try:
            result = method(self, *args, **kwargs)
        except ConnectionInterrupted as error:
            inner.failed = True
            REDIS.failed(error.__cause__ or error)
            raise
        finally:
            inner.active = False
        REDIS.succeeded()
        return result

    return call


def answered(read):
    """(``read()``, whether Redis answered every call it made): with ``IGNORE_EXCEPTIONS`` a
    key that is missing and a Redis that did not answer both read as None. A cache that is not
    Redis always answers."""
    inner.failed = False
    value = read()
    return value, not inner.failed


class OutageLoggingClient(DefaultClient):
    """DefaultClient whose calls tell REDIS whether Redis answered."""


for _name in WATCHED:
    setattr(
        OutageLoggingClient,
        _name,
        watched(getattr(DefaultClient, _name), rests=_name in RESTED),
    )
