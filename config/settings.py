"""Runner's Back settings: one module, every value from the environment.

With DEBUG on (``make run``) the development defaults need no ``.env`` file: a SQLite file in
the project folder, a local-memory cache and a development-only secret key. With DEBUG off
(the default) a missing SECRET_KEY or ALLOWED_HOSTS stops start-up with one line naming it.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from redis.backoff import NoBackoff
from redis.retry import Retry

from config.release import release_digest

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")


def required(name):
    """Read a variable production cannot run without, or stop with one clear line."""
    value = env.str(name, default="").strip()
    if not value:
        sys.exit(
            f"Start-up refused: the {name} environment variable must be set when DEBUG is off."
        )
    return value


# Core
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-key-never-deploy")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    SECRET_KEY = required("SECRET_KEY")
    ALLOWED_HOSTS = [host.strip() for host in required("ALLOWED_HOSTS").split(",")]

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Applications
# ------------------------------------------------------------------------------
# Our apps, the one list of them (import-linter's root_packages in pyproject.toml is the only
# other, as it cannot read settings). Which of them hold content is what they register with
# editorial.registry.
PROJECT_APPS = ["core", "editorial", "conditions", "exercises", "triage", "running", "search"]
INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.forms",
    "reversion",
    "axes",
    "django_ratelimit",
    "config.apps.SiteConfig",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    # The first two add their headers to every response, /healthz and the 400 page included.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.db_deadline.QueryDeadlineMiddleware",
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.CSPMiddleware",  # django-csp's, the site's policy built once
    # Anonymous visitors' cached pages are answered here, before sessions and the rest.
    "core.caching.CachedPageMiddleware",
    # Before anything reads the database: a NUL in the query string is a 400, not a 500.
    "core.middleware.MalformedInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.StaffSessionExpiryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.health.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
    # A view over its rate limit raises Ratelimited; this answers it with RATELIMIT_VIEW.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
                "core.context_processors.page",
            ],
        },
    },
]

# Database and cache
# ------------------------------------------------------------------------------
# Short connect timeouts: with the database or Redis unreachable a request fails over (503 page,
# or serving without the cache) in about a second, and /healthz answers within 2 s.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Without Redis the questionnaire runs, sessions and page cache live in this database, which
    # several gunicorn workers write at once. With SQLite's default (deferred) transactions, a
    # transaction that has read and then writes fails at once with "database is locked", and
    # Django's database cache drops such a write silently: a runner's answers were lost and
    # their next page said the session had ended. Immediate transactions wait for the write
    # lock instead (up to sqlite3's timeout, 5 s).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=10),
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=1),
        # How long the pool keeps retrying a connection it could not make before it gives up
        # and lets the next request try again at once. psycopg_pool's default (5 minutes)
        # retries 1, 2, 4, 8 … s apart, so a database back after an outage of a few seconds
        # waited up to 4 s for the next attempt (recovery measured at 2.5-4.5 s).
        "reconnect_timeout": env.float("DATABASE_POOL_RECONNECT_TIMEOUT", default=0.5),
    }
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=1)
    )

# Each query of a web request, on a live connection, gets this long before its connection is
# cut (core/db_deadline.py): a hung database costs a request a second or two. /healthz's
# check gets less, so a probe hears within 2 s whatever the database does.
DATABASE_QUERY_DEADLINE = env.float("DATABASE_QUERY_DEADLINE", default=2.0)
HEALTH_CHECK_DEADLINE = env.float("HEALTH_CHECK_DEADLINE", default=1.0)

# What is cached, under which key and how it is cleared: core/caching.py.
REDIS_URL = env.str("REDIS_URL", default="")
# Part of every key of the default cache (config/release.py), so a deploy never serves pages
# rendered by the release before it; the questionnaire runs keep theirs, so a deploy ends no walk.
RELEASE = env.str("RELEASE", default="") or release_digest(BASE_DIR)
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=0.15)
# After a call Redis did not answer, reads skip it this long (each a miss), then try again.
REDIS_RETRY_AFTER = env.float("REDIS_RETRY_AFTER", default=1.0)
REDIS_CACHE_OPTIONS = {
    # Redis down or hung: each call waits at most REDIS_TIMEOUT, is not retried, and is a miss;
    # the outage is logged once when it starts and once when it ends (core/redis_client.py).
    "CLIENT_CLASS": "core.redis_client.OutageLoggingClient",
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
    "SOCKET_TIMEOUT": REDIS_TIMEOUT,
    "CONNECTION_POOL_KWARGS": {
        "max_connections": env.int("REDIS_MAX_CONNECTIONS", default=32),
        "retry": Retry(NoBackoff(), 0),
    },
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": RELEASE,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        },
        # Questionnaire runs (triage/live/flow.py): a store that fails says so, not a silent miss.
        "runs": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "runs",
            "OPTIONS": {**REDIS_CACHE_OPTIONS, "IGNORE_EXCEPTIONS": False},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif DEBUG:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": RELEASE,
        },
        "runs": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "runs"},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
else:
    # Without Redis every worker and instance still shares one cache: a database table
    # (created by migrate), so a publish is seen by all of them on their next request.
    CACHES = {
        "default": {
            "BACKEND": "core.caching.UpsertDatabaseCache",
            "LOCATION": "django_cache",
            "KEY_PREFIX": RELEASE,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        # Questionnaire runs (triage/live/flow.py) in a table of their own, so the page cache's
        # culling never ends a walk: room for RUNS_MAX_ENTRIES runs of the last two hours.
        "runs": {
            "BACKEND": "core.caching.UpsertDatabaseCache",
            "LOCATION": "triage_runs",
            "OPTIONS": {"MAX_ENTRIES": env.int("RUNS_MAX_ENTRIES", default=100_000)},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Rendered pages that depend only on their key (a question page), kept in each process's
# memory so serving one needs no round trip (core.caching.local_pages).
LOCAL_PAGES_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "local-pages",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 512},
}
CACHES["local-pages"] = LOCAL_PAGES_CACHE
if not REDIS_URL:
    # django-ratelimit counts requests in the default cache and wants it shared by every worker
    # with an atomic increment (Redis). Local memory (DEBUG, tests) is one process, so its counts
    # are exact. The database cache's increment is a read then a write: requests arriving at
    # the same moment from one address may be counted as one, so a few more than the limit can
    # get through under concurrency; the limits still bound guessing. (It warns of a backend
    # it does not know, W001, for core.caching's, and of local memory, E003.) Production
    # with Redis runs every check.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
CACHE_MIDDLEWARE_SECONDS = env.int("CACHE_SECONDS", default=600)
# Seconds a browser or proxy may reuse a public page without asking (ETag) again: by default
# none, so a publish or unpublish is seen at once.
PUBLIC_PAGE_MAX_AGE = env.int("PUBLIC_PAGE_MAX_AGE", default=0)

# Authentication
# ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ADMIN_URL = env.str("ADMIN_URL", default="admin/")
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=30 * 60)
REVIEW_PERIOD_MONTHS = env.int("REVIEW_PERIOD_MONTHS", default=12)

# Editorial workflow
# ------------------------------------------------------------------------------
# Two-person review: a clinical reviewer cannot publish a draft they changed themselves.
EDITORIAL_FOUR_EYES = env.bool("EDITORIAL_FOUR_EYES", default=True)
# The rows editors may only view (the roles cover the apps that register content with
# editorial.registry).
EDITORIAL_VIEW_ONLY_MODELS = [
    "triage.submission",
    "search.searchdocument",
    "running.runnerlog",
    "running.loggedsession",
    "running.outcome",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin logins: locked after repeated failures, unlocked after a cool-off. Failures count per
# username and client IP (LOGIN_FAILURE_LIMIT), and per client IP alone across every username
# (LOGIN_ADDRESS_FAILURE_LIMIT, higher, so colleagues behind one clinic address who mistype do
# not lock each other out, while one address guessing across usernames is stopped):
# core/client_ip.py gives axes the limit that applies. The client IP is read from
# X-Forwarded-For only when the request comes from a trusted proxy (FORWARDED_ALLOW_IPS, the
# setting gunicorn reads too): see core/client_ip.py.
LOGIN_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=10)
AXES_FAILURE_LIMIT = "core.client_ip.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "core.views.locked_out"
AXES_CLIENT_STR_CALLABLE = "config.logs.axes_client"  # no address or user agent in its log
TRUSTED_PROXIES = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1", "::1"])

# Rate limits (django-ratelimit), per client address (the one axes uses, core/client_ip.py)
# and minute: result look-ups that found nothing (a guessed, deleted or expired token; after
# that many, every look-up is refused for the minute) and the questionnaire's final submit.
# 0 turns a limit off. Over a limit: a 429 page with Retry-After (core/views.py).
FAILED_RESULT_LOOKUPS_PER_MINUTE = env.int("FAILED_RESULT_LOOKUPS_PER_MINUTE", default=30)
FINAL_SUBMITS_PER_MINUTE = env.int("FINAL_SUBMITS_PER_MINUTE", default=10)
RATELIMIT_VIEW = "core.views.too_many_requests"
# With the cache down or hung, requests pass unlimited rather than all being refused: a result
# and the emergency advice matter more than the limit for the minutes of an outage.
RATELIMIT_FAIL_OPEN = True
# Login attempts and access records (IP address, browser) are deleted after this many days
# by purge_submissions.
LOGIN_RECORD_RETENTION_DAYS = env.int("LOGIN_RECORD_RETENTION_DAYS", default=30)

# Internationalisation
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
# The site is written in British English only. Django's translation machinery would look up every
# {% translate %} (about 40 a page) in catalogues that change nothing (Django's en_GB catalogue
# differs from its source strings only in month-name contexts), costing about a quarter of an
# uncached page's CPU; switching it off is Django's documented speed switch. The templates keep
# their translate tags, so a translation needs only this set back to True.
USE_I18N = False
USE_TZ = True

# Static files
# ------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads (clinicians' exercise pictures): a local folder, or any S3-compatible store shared by
# every instance when AWS_STORAGE_BUCKET_NAME is set (django-storages; see the README). Either
# way browsers fetch them from the site (MEDIA_URL, config.views.media), which serves a file to
# the public only while its item is live; objects in the bucket are private.
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Behind nginx (deploy/nginx.conf, location /_uploads/), the app only decides whether a local
# upload may be shown and nginx sends its bytes (X-Accel-Redirect): set to that internal
# location's prefix. Empty (runserver, tests without nginx, an S3 bucket): the app sends them.
MEDIA_ACCEL_REDIRECT = env.str("MEDIA_ACCEL_REDIRECT", default="")
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "config.storage.PrivateMediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "file_overwrite": False,
            # A bucket with ACLs switched off (AWS's default for new buckets) takes no ACL:
            # set AWS_DEFAULT_ACL to an empty value there; its objects are private anyway.
            "default_acl": env.str("AWS_DEFAULT_ACL", default="private") or None,
        },
    }
    if (MEDIA_STORAGE["OPTIONS"]["default_acl"] or "").startswith("public"):
        sys.exit(
            "Start-up refused: AWS_DEFAULT_ACL must not be public (unreviewed pictures would be "
            "readable in the bucket); leave it 'private', or empty for a bucket without ACLs."
        )
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = env.int("WHITENOISE_MAX_AGE", default=3600)

# Security
# ------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Browser features the site never uses, switched off for it and anything it might embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 2)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # uploads too: the site serves them (MEDIA_URL)
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Symptom questionnaire
# ------------------------------------------------------------------------------
# Days a result is kept when the person agreed to clinician review, and when they did not.
TRIAGE_RETENTION_DAYS = env.int("TRIAGE_RETENTION_DAYS", default=30)
# Seconds a questionnaire page may trust this process's copy of which version is live before
# asking the shared cache again (starting a walk and working out a result always ask).
TRIAGE_LIVE_CHECK_SECONDS = env.float("TRIAGE_LIVE_CHECK_SECONDS", default=1.0)
# Seconds the early page cache may trust this process's reading of the content version before
# asking the shared cache again (core/caching.py); a publish elsewhere shows within it.
PAGE_VERSION_CHECK_SECONDS = env.float("PAGE_VERSION_CHECK_SECONDS", default=0.25)

# Forms
# ------------------------------------------------------------------------------
# Form templates come from this project's template folders (templates/triage/forms/), with
# Django's own from the django.forms app.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Public pages
# ------------------------------------------------------------------------------
# Who runs the site, printed on the privacy notice and the contact page.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="privacy@runnersback.example")
SITE_OWNER = env.str("SITE_OWNER", default="Runner's Back")

# Logging
# ------------------------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Nothing about the visitor (address, user agent, result token, answers) in a log line;
    # a bad Host header is one short line (config/logs.py).
    "filters": {"private": {"()": "config.logs.PrivateRecords"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["private"],
        }
    },
    "loggers": {
        # Django's own handlers (its console one while DEBUG is on, the development server's
        # request lines) would print what the filter takes out: through ours instead.
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        # The pool warns at each failed connection attempt (several a second during an
        # outage); the site logs the outage itself once when it starts and once when it ends.
        "psycopg.pool": {"level": "ERROR"},
    },
}
