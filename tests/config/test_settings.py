import json

import pytest

from tests.helpers import PRODUCTION_ENV, clean_env, run_manage, run_python

pytestmark = pytest.mark.stack

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "debug": s.DEBUG,
    "engine": db["ENGINE"],
    "name": str(db["NAME"]),
    "pool": db.get("OPTIONS", {}).get("pool"),
    "cache": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"].get("LOCATION"),
    "session_engine": s.SESSION_ENGINE,
    "session_cookie_secure": s.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": s.CSRF_COOKIE_SECURE,
    "session_cookie_httponly": s.SESSION_COOKIE_HTTPONLY,
    "session_cookie_samesite": s.SESSION_COOKIE_SAMESITE,
    "hsts": s.SECURE_HSTS_SECONDS,
    "storage": s.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def settings_for(**env):
    result = run_python(PRINT_SETTINGS, env=clean_env(**env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_development_defaults_need_no_environment_beyond_debug():
    chosen = settings_for(DEBUG="1")

    assert chosen["debug"] is True
    assert chosen["engine"] == "django.db.backends.sqlite3"
    assert chosen["name"].endswith("db.sqlite3")
    assert chosen["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_database_url_switches_to_postgresql_with_a_connection_pool():
    chosen = settings_for(DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:5432/test")

    assert chosen["engine"] == "django.db.backends.postgresql"
    assert chosen["name"] == "test"
    assert chosen["pool"]["max_size"] >= 1


def test_redis_url_switches_cache_and_sessions_to_redis():
    chosen = settings_for(DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3")

    assert chosen["cache"] == "django_redis.cache.RedisCache"
    assert chosen["cache_location"] == "redis://127.0.0.1:6379/3"
    assert chosen["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_production_without_redis_shares_a_database_cache_between_workers():
    chosen = settings_for(**PRODUCTION_ENV)

    assert chosen["cache"] == "core.caching.UpsertDatabaseCache"
    assert chosen["cache_location"] == "django_cache"


def test_production_defaults_are_secure():
    chosen = settings_for(**PRODUCTION_ENV)

    assert chosen["debug"] is False
    assert chosen["session_cookie_secure"] is True
    assert chosen["csrf_cookie_secure"] is True
    assert chosen["session_cookie_httponly"] is True
    assert chosen["session_cookie_samesite"] == "Lax"
    assert chosen["hsts"] >= 31536000
    assert chosen["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_start_up_refuses_a_missing_secret_key_in_one_line():
    result = run_manage("check", env=clean_env(ALLOWED_HOSTS="example.org"))

    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Start-up refused: the SECRET_KEY environment variable must be set when DEBUG is off."
    ]


def test_production_start_up_refuses_missing_allowed_hosts_in_one_line():
    result = run_manage("check", env=clean_env(SECRET_KEY=PRODUCTION_ENV["SECRET_KEY"]))

    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "ALLOWED_HOSTS" in result.stderr


def test_check_deploy_with_production_environment_prints_no_warning():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=clean_env(**PRODUCTION_ENV)
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    # Without Redis, only django-ratelimit's check on the database cache (a backend it does not
    # know: core.caching's) is silenced (config/settings.py says why); with Redis nothing is.
    assert "no issues (1 silenced)" in result.stdout


def test_check_deploy_with_redis_silences_nothing():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=clean_env(**PRODUCTION_ENV, REDIS_URL="redis://127.0.0.1:6379/0"),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_start_up_refuses_a_public_acl_for_uploads_in_one_line():
    result = run_manage(
        "check",
        env=clean_env(DEBUG="1", AWS_STORAGE_BUCKET_NAME="pictures", AWS_DEFAULT_ACL="public-read"),
    )

    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Start-up refused: AWS_DEFAULT_ACL must not be public (unreviewed pictures would be "
        "readable in the bucket); leave it 'private', or empty for a bucket without ACLs."
    ]
