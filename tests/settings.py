"""The project's settings with the environment a test run needs.

Tests run with DEBUG off, as production does; only what a test client cannot do over
plain HTTP (HTTPS redirects, secure-only cookies) and the manifest of collected static
files are switched off. DATABASE_URL and REDIS_URL pass through, so the same suite runs
on PostgreSQL and Redis when they are set.
"""

import os

for name, value in {
    "SECRET_KEY": "tests-only-secret-key-with-enough-length-and-variety-0123456789",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "STATIC_MANIFEST": "false",
}.items():
    os.environ.setdefault(name, value)

from config.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
