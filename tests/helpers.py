"""Helpers for tests: starting the project in a subprocess with a chosen environment, and reading pages."""

import os
import re
import subprocess
import sys

from bench.stack import PROJECT_DIR, free_port

__all__ = [
    "PROJECT_DIR",
    "free_port",
    "clean_env",
    "migrated_production_env",
    "run_manage",
    "run_python",
    "without_csrf_token",
    "without_tags",
]


# Variables a subprocess must not inherit from the test run (or the developer's shell).
PROJECT_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "STATIC_MANIFEST",
    "STATIC_ROOT",
    "DJANGO_SETTINGS_MODULE",
    "ADMIN_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "REQUIRE_BROWSER",
}

PRODUCTION_ENV = {
    "SECRET_KEY": "k7#Qm2!vX9pL$wR4zT8nB1cY6hJ3fD5sG0aE@uI-oP+eW&rZ^xV*bN%mQ=lK",
    "ALLOWED_HOSTS": "runnersback.example,localhost,127.0.0.1",
    # The stack tests load the site with many walks and look-ups from one address; the rate
    # limits have their own tests (tests/triage/test_rate_limits.py).
    "FAILED_RESULT_LOOKUPS_PER_MINUTE": "0",
    "FINAL_SUBMITS_PER_MINUTE": "0",
}


def clean_env(**overrides):
    """The current environment less the project's variables, plus the given ones."""
    env = {key: value for key, value in os.environ.items() if key not in PROJECT_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def run_manage(*args, env, timeout=120):
    """Run manage.py with exactly the given environment; return the completed process."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_python(code, *, env, timeout=60):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def migrated_production_env(**overrides):
    """The production environment with the given overrides, its database migrated and the
    seed content loaded, as a release's one-off task would leave it."""
    env = clean_env(**PRODUCTION_ENV, STATIC_MANIFEST="false", **overrides)
    for command in (("migrate", "--noinput"), ("load_content",)):
        result = run_manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    return env


def without_tags(html):
    """The page's HTML with its tags taken out (entities kept), to find words a link splits."""
    return re.sub(r"<[^>]+>", "", html)


def without_csrf_token(html):
    """The page (bytes) less its CSRF token, which Django masks afresh for each response."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", html)
