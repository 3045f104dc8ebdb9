"""The project's settings with the environment a test run needs, whatever the shell exports.

Tests run with DEBUG off, as production does; only what a test client cannot do over
plain HTTP (HTTPS redirects, secure-only cookies) and the manifest of collected static
files are switched off. Every variable config/settings.py reads is dropped from the
environment first, so a developer's exported DEBUG=1 (or any other setting) cannot change a
test's outcome; only DATABASE_URL and REDIS_URL pass through, so the same suite runs on
PostgreSQL and Redis when they are set.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PASS_THROUGH = {"DATABASE_URL", "REDIS_URL"}
SETTINGS_SOURCE = (Path(__file__).resolve().parent.parent / "config" / "settings.py").read_text()
READ_FROM_ENVIRONMENT = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', SETTINGS_SOURCE))

for name in READ_FROM_ENVIRONMENT - PASS_THROUGH:
    os.environ.pop(name, None)

# Under pytest -n each process clears its cache (FLUSHDB) around every test, so each takes a
# Redis database of its own: worker gw0 the URL's number, gw1 the one below it, and so on.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if os.environ.get("REDIS_URL") and XDIST_WORKER.startswith("gw"):
    url = urlsplit(os.environ["REDIS_URL"])
    number = int(url.path.strip("/") or 0) - int(XDIST_WORKER.removeprefix("gw"))
    if number < 0:
        raise RuntimeError(
            f"{XDIST_WORKER} has no Redis database below {url.path}: use a higher one"
        )
    os.environ["REDIS_URL"] = urlunsplit(url._replace(path=f"/{number}"))

for name, value in {
    "SECRET_KEY": "tests-only-secret-key-with-enough-length-and-variety-0123456789",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "STATIC_MANIFEST": "false",
    "DEBUG": "false",
}.items():
    os.environ[name] = value

from config.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if not REDIS_URL:  # noqa: F405
    # Production without Redis shares a database cache between workers; one test process
    # needs no sharing, and local memory keeps tests fast and query counts exact.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": RELEASE,  # noqa: F405
        },
        "runs": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "runs"},
        "local-pages": LOCAL_PAGES_CACHE,  # noqa: F405
    }
