"""Everything the site caches, under which key, and how it is cleared: this is the one place.

The cache is Django's ``default`` cache (settings ``CACHES``): Redis through django-redis when
``REDIS_URL`` is set (``IGNORE_EXCEPTIONS``: a Redis that is down or hung costs at most one
short socket timeout per call and counts as a miss), otherwise the database cache table
``django_cache`` in production (shared by every gunicorn worker and instance; ``migrate``
creates it; at most 2,000 entries, a third culled when full; written on PostgreSQL by
``UpsertDatabaseCache`` below, so no write fails and is logged) and local memory under ``DEBUG``
(one runserver process) and in tests.

Every key of the default cache carries the release (``KEY_PREFIX``: ``settings.RELEASE``, a
digest of the code, templates and static sources, ``config/release.py``): a deploy starts with
an empty page cache, so a changed template is never hidden behind pages the old one rendered.
The ``runs`` cache keeps its own prefix, so a deploy ends no questionnaire in progress.

What is cached
--------------
``content-version``
    An integer, no expiry. Saving, deleting or re-linking any content row (conditions,
    exercises, programmes, the search's synonyms and entries) increments it
    (``bump_content_version``, connected in ``editorial.apps``), which makes every page and
    result page below stale at once, in every process; it is incremented again when the change
    commits, so nothing read before the commit outlives it. Neither an editor's working draft
    and its parts (no public page shows them until a reviewer publishes, which saves the live
    rows) nor a visitor's own rows in those apps (a runner's log, its sessions and outcomes:
    ``visitor_data = True``) count: only publishing makes the public pages stale. The
    published content a result page names is kept per version in each process's memory
    (``triage.live.results.published_content``, also the warning signs the runner's log asks
    about), and so are a programme's rules (``running.logbook.rules_of``).
``page:<sha256 of path>``
    A public page without a query string (``cached_public_page``): ``(content version,
    response)`` for ``CACHE_SECONDS`` (600). Only 200 responses that set no cookie are stored;
    staff (who may preview drafts) never get or fill one.
``page-slot:<n>``
    A public page whose URL has a query string (search, exercise filters; not the printable
    exercise sheet or its calendar file, which carry today's date):
    ``(version, canonical URL, response)`` in one of ``QUERY_PAGE_SLOTS`` (512) slots chosen
    by a hash of the URL. Any number of distinct queries therefore occupies at most 512 keys;
    a slot holding another URL is a miss and is overwritten. Such a page is looked for and
    stored from the second time a process is asked for it (``worth_caching``), not the first:
    most searches are a runner's own words, asked once, and each of them cost a read of the
    cache, a pickled page sent to Redis and a copy in memory that nobody read again.
``result-page:<hash of the token>`` (``stored_result_page``, for ``triage.live.result_pages``)
    A stored result's page per content version, for ``CACHE_SECONDS`` at most and never past
    the result's own deletion date; deleted with the result (``forget_result_page``). The
    result lookup itself runs every time, so a purged result is never shown.
``triage-live-stamp`` (``shared_stamp``, for ``triage.questionnaire.live_version``)
    A random stamp, no expiry, renewed whenever a questionnaire version is saved or deleted;
    each process keeps the live version in memory and reads it again when the stamp changes.
``triage-live-copy`` (``share_under_stamp``, for ``triage.questionnaire.live_version``)
    No expiry: the live version, its rule book and question rows as the last process to read
    them from the database saw them, with the stamp they were read at (written by each process
    when it reads a new stamp's version). Read only by a process that starts while the
    database is away, and taken only when its stamp is the current one.
``start-page:…`` / ``question-page:…`` in the ``local-pages`` alias (``local_pages``)
    Each process's own memory (``LocMemCache``, 512 pages, least recently used dropped): the
    questionnaire's rendered start and question pages (``triage.live.pages.local_html``), keyed by
    everything they depend on, their questionnaire version's last change included, so they
    need no clearing.
Sessions (``SESSION_ENGINE``)
    With Redis, ``cached_db``: each session row is also kept in the cache, keyed by Django's
    session key, until it expires (``SESSION_COOKIE_AGE``). ``purge_submissions`` deletes
    expired rows from the database.
``run:<hash>`` and ``run-of:<hash>`` in the ``runs`` cache (``runs_store``, for ``triage.live.flow``)
    Not a copy of anything: the questionnaire in progress, keyed by a hash of the random id in
    the person's ``triage-run`` cookie, and, once it has a result, the run's id under a hash of
    the result's token. Kept ``SESSION_COOKIE_AGE`` after the last answer; deleted with the
    result (``triage.live.result_pages.forget_result``). A cache alias of its own: with Redis the same
    server under the key prefix ``runs``, with errors raised rather than ignored so the person
    is told; without Redis the table ``triage_runs``, so the page cache's culling never ends a
    walk. Nothing else here ever empties it.
``reach-counted:<hash>`` (``mark_once``, for ``triage.insights.report.count_reach``)
    One mark per walk and question counted for the insights, added atomically, kept for
    ``SESSION_COOKIE_AGE`` and a minute, so a request sent again never counts twice.
django-ratelimit's counters (``triage.live.rate_limits``: result look-ups, final submits)
    Requests per client address and minute, under django-ratelimit's own hashed keys, for
    about a minute.
axes
    Failed admin logins are counted in the database, not the cache.

Not in Django's caches: triage rule books and markdown rendering are kept in process memory
(``functools.lru_cache``), keyed by what they are built from, so they need no clearing.
The search's stored entries (their words) and live synonyms are kept in process memory per
content version (``search.engine.stored``) with the entries of the items live when they were
read, like a result's published content and a programme's rules, and with them each result's
snippet for the words it marks, each term's matches and, on PostgreSQL, the items each query
word matches in the index (at most 4,096 of each).
Each search result's list item is rendered once per process for everything it shows but its
snippet (``search.views.result_frame``), keyed by those values, so it needs no clearing. These hold Python objects (rule books, model rows) that a ``LocMemCache``
would pickle and unpickle at every read, so they stay ``lru_cache``s; so does this module's
``LocalCopy`` of cached responses, read on every cached page. The page frame's ``{% fixed %}``
parts (``core/templatetags/fixed.py``: links, static files and fixed text of the header and
footer) are rendered once per process and language; they hold nothing from the database and
nothing from the request, so only a deploy (new code, templates or static files, and new
processes) changes them; ``{% today %}`` keeps each day's date as printed pages show it, keyed
by the day and language.

In front of Django: nginx's micro-cache
---------------------------------------
``deploy/nginx.conf`` (``proxy_cache_path /var/cache/nginx/micro``, zone ``micro``) keeps the
200 answers to anonymous GET and HEAD requests for the public content addresses (``/``,
``/conditions/``, ``/exercises/`` with the printable sheet, ``/guides/``, ``/running-factors/``
and their pages, ``/urgent-help/``, ``/search/``, ``/privacy/``, ``/accessibility/``,
``/contact/``, ``/sitemap.xml``, ``/robots.txt``; never ``/check/``, the admin, uploads or
``/healthz``), keyed by scheme, host, full address and whether the browser takes gzip, for one
second as nginx counts it (1 to 2 s). It is not cleared on publish: a change is seen through
nginx about a second after Django sees it. A request carrying the session, CSRF, messages or
questionnaire cookie never consults it, and an answer that sets a cookie or says ``private``,
``no-store`` or ``no-cache`` is never stored (nginx ignores Django's ``max-age=0`` there, by
configuration). While gunicorn is down or answers 5xx, nginx serves its last copy of a page.
``tests/deploy/test_nginx_cache.py``.

Canonical URLs
--------------
Each cached view names the query parameters it reads (``cached_public_page(params=…)``). A
request carrying any other parameter (``utm_source``, ``fbclid``, a cache-busting ``x=1``) is
redirected (301) to the same URL without it, so junk parameters neither bypass the cache nor
fill it.

Where a stored page is served
-----------------------------
An anonymous visitor's GET (no session cookie) is answered by ``CachedPageMiddleware``, early
in ``MIDDLEWARE``, before sessions, CSRF, authentication and URL routing run; anyone else (a
visitor with a session, staff) reaches the view, whose decorator reads the same entry (staff
never do) and stores it on a miss. Both go through the security-header middleware before it.
Each process also keeps a copy of the pages it stored or served (``LocalCopy``, at most
``LOCAL_PAGES_MAX``), with the content version it was stored under: while the shared version
still matches, the middleware serves the copy after reading only the version, so a publish is
seen by every process on its next request, and a hit costs at most one small cache read
instead of fetching and unpickling the page. The version itself is read at most once per
``PAGE_VERSION_CHECK_SECONDS`` (0.25) per process (``version_seen``): a change made in the
process is seen at once, one made in another process within that time.

Responses served this way carry ``Cache-Control: public, max-age=0, must-revalidate`` and an
ETag: browsers and proxies may keep a page but ask again before every reuse, and
``ConditionalGetMiddleware`` answers an unchanged page with an empty 304. A publish or
unpublish is therefore seen at once even by a browser that has the old page.
``PUBLIC_PAGE_MAX_AGE`` (seconds) lets them reuse it unasked for a while instead.

A browser that accepts gzip gets the page compressed (``Content-Encoding: gzip``, a weak ETag,
``Vary: Accept-Encoding`` on both forms); the compressed body is made once, when the process
keeps its ``LocalCopy``, never per request. nginx's micro-cache keeps the compressed and the
plain answer under two keys and sends each as it is (``tests/deploy/test_nginx_cache.py``), so
a visitor's hit costs nginx no compression; before, nginx's own gzip compressed the page again
for every visitor (a hit then cost it 3.4 times the CPU of a static file; ``make bench-nginx``).

Redis memory
------------
Give Redis a ``maxmemory`` (e.g. 256mb) and ``maxmemory-policy allkeys-lru``: every key here
but the runs can be rebuilt, and the content version falls back to a fresh start when evicted
(the stored versions no longer match, so pages are re-rendered). A run is rewritten at every
answer, so least-recently-used eviction takes cached pages long before a walk in progress; a
run evicted all the same ends that walk with the "session ended" page, never a wrong result.
Redis runs without persistence in ``deploy/compose.yaml``: restarting it ends the walks in
progress (each is at most two hours of answers) and nothing else.
"""

import base64
import hashlib
import pickle
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.text import compress_string
from django.utils.timezone import now as timezone_now

from core.redis_client import answered

VERSION_KEY = "content-version"
QUERY_PAGE_SLOTS = 512


def start_version():
    """Store a first version and return it, or None when it could not be stored (the cache
    is unreachable, or another process stored one a moment ago: that request is then simply
    not cached). It starts from the clock, so it never matches a page stored under an
    earlier, evicted version. One cache call, so a hung cache costs one timeout here."""
    version = time.time_ns()
    return version if cache.add(VERSION_KEY, version, timeout=None) else None


def content_version():
    return cache.get(VERSION_KEY) or start_version()


def bump_content_version(**kwargs):
    """Signal receiver: any content change makes every cached page stale."""
    forget_version_seen()
    try:
        if cache.incr(VERSION_KEY) is not None:
            return
    except ValueError:  # the key is missing (never set, or evicted)
        pass
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


# The content version as this process last read it for the early middleware, trusted for
# PAGE_VERSION_CHECK_SECONDS: a run of cached hits then costs no cache round trip at all. A
# change made in this process forgets it at once; one made elsewhere is seen within that time.
_version_seen = {"version": None, "checked": float("-inf")}


def forget_version_seen():
    _version_seen.update(version=None, checked=float("-inf"))


def version_seen(clock=time.monotonic):
    """The shared content version, read at most once per PAGE_VERSION_CHECK_SECONDS; started
    when the cache answers that it has none (evicted, or Redis restarted empty), so pages read
    from it are cached again at once. None only when the cache does not answer."""
    now = clock()
    if (
        _version_seen["version"] is not None
        and now - _version_seen["checked"] < settings.PAGE_VERSION_CHECK_SECONDS
    ):
        return _version_seen["version"]
    version, reached = answered(lambda: cache.get(VERSION_KEY))
    if version is None and reached:
        version = start_version()
    if version is not None:
        _version_seen.update(version=version, checked=now)
    return version


def is_staff(request):
    """True for signed-in staff; anonymous visitors without a session cost no query."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_staff


def canonical_query(request, params):
    """The query string with only the parameters the view reads, in the order given."""
    kept = [(name, value) for name, value in request.GET.lists() if name in params]
    return urlencode([(name, value) for name, values in kept for value in values])


def cache_key(full_path):
    """Pages with a query string share a bounded set of slots."""
    digest = hashlib.sha256(full_path.encode()).hexdigest()
    if "?" not in full_path:
        return f"page:{digest}"
    return f"page-slot:{int(digest[:8], 16) % QUERY_PAGE_SLOTS}"


def is_entry(stored):
    """A (version, URL, response) triple; anything else (an entry written by an earlier
    release in another shape) is a miss and gets overwritten."""
    return isinstance(stored, tuple) and len(stored) == 3


def stored_page(full_path, found):
    """The response stored for this address under the current version, or None."""
    version, stored = found.get(VERSION_KEY), found.get(cache_key(full_path))
    if version is not None and is_entry(stored) and stored[:2] == (version, full_path):
        return stored[2]
    return None


# This process's copies of the pages it has stored or served from the page cache, each with the
# content version it was stored under. The early middleware serves a copy while the shared
# version still matches: one small read of the version, not the whole page, per request. An
# address with no copy here (a questionnaire step, an admin page, a page only another process
# stored) costs the middleware no cache round trip; the view's decorator serves it from the
# shared cache as before and leaves a copy here.
LOCAL_PAGES_MAX = 512
_local_pages = OrderedDict()
_local_lock = threading.Lock()


# A browser that accepts gzip (all of them) gets a stored page's body compressed once, when the
# process keeps its copy, not on every request; nginx's micro-cache then keeps that copy too and
# sends it as it is, where its own gzip would compress the page again for every visitor.
SMALLEST_COMPRESSED = 200  # bytes: below this, gzip saves next to nothing (as GZipMiddleware)
REFUSED = re.compile(r"q\s*=\s*0(\.0{0,3})?", re.IGNORECASE)  # a weight of 0: "not this one"


def accepts_gzip(request):
    """Whether Accept-Encoding names gzip (in any case) without refusing it with q=0, as
    deploy/nginx.conf's ``$micro_cache_encoding`` reads it."""
    for item in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _, weight = item.partition(";")
        if name.strip().lower() == "gzip":
            return not REFUSED.fullmatch(weight.strip())
    return False


def compressed(response):
    """The response's body gzipped, or None when compressing it would not pay."""
    body = response.content
    if len(body) < SMALLEST_COMPRESSED or response.has_header("Content-Encoding"):
        return None
    packed = compress_string(body)  # level 6, no timestamp: the same bytes in every process
    return packed if len(packed) < len(body) else None


@dataclass(frozen=True)
class LocalCopy:
    version: int
    status: int
    headers: dict
    body: bytes
    gzipped: bytes | None  # the body compressed, or None when the page is served as it is
    gzipped_headers: dict | None

    def response(self, request):
        """The page as this request takes it: gzipped when the browser accepts gzip."""
        if self.gzipped is None or not accepts_gzip(request):
            return HttpResponse(self.body, status=self.status, headers=self.headers)
        return HttpResponse(self.gzipped, status=self.status, headers=self.gzipped_headers)


def gzipped_headers(headers, gzipped):
    """The headers of the page's compressed form; its ETag weak: another encoding of the page."""
    etag = headers.get("ETag", "")
    weak = {"ETag": "W/" + etag} if etag.startswith('"') else {}
    return {**headers, "Content-Encoding": "gzip", "Content-Length": str(len(gzipped)), **weak}


def remember_page(full_path, version, response):
    """Keep this process's copy of a stored page (compressed once here) and return it. The page
    already says ``Vary: Accept-Encoding`` (``cached_public_page``)."""
    headers, gzipped = dict(response.items()), compressed(response)
    copy = LocalCopy(
        version,
        response.status_code,
        headers,
        response.content,
        gzipped,
        None if gzipped is None else gzipped_headers(headers, gzipped),
    )
    with _local_lock:
        _local_pages[full_path] = copy
        _local_pages.move_to_end(full_path)
        if len(_local_pages) > LOCAL_PAGES_MAX:
            _local_pages.popitem(last=False)
    return copy


# Addresses with a query string this process was asked for once and did not store (see
# "page-slot" above), the oldest forgotten first.
ASKED_ONCE_MAX = 4096
_asked_once = OrderedDict()


def worth_caching(full_path):
    """Whether to look for this page in the cache and store it there: always without a query
    string, else from the second time this process is asked for it."""
    if "?" not in full_path:
        return True
    with _local_lock:
        if full_path in _asked_once:
            del _asked_once[full_path]
            return True
        _asked_once[full_path] = None
        if len(_asked_once) > ASKED_ONCE_MAX:
            _asked_once.popitem(last=False)
    return False


def local_copy(full_path):
    with _local_lock:
        return _local_pages.get(full_path)


def forget_local_pages():
    with _local_lock:
        _local_pages.clear()
        _asked_once.clear()
    forget_version_seen()


class CachedPageMiddleware:
    """Answer an anonymous visitor's GET of a page ``cached_public_page`` stored, before
    sessions, CSRF, authentication, messages and URL routing run.

    It goes after the middleware that adds security headers and redirects to HTTPS, so a
    page served here carries the same headers as one served by its view. Only requests
    without a session cookie are answered here (staff always have one); anything else, and
    every miss, goes on to the view, which fills the cache. An unchanged page is a 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and (
            settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            full_path = request.build_absolute_uri()
            copy = local_copy(full_path)
            if copy is None:
                return self.get_response(request)
            version = version_seen()
            found = {} if version is None else {VERSION_KEY: version}
            page = None
            if version is not None and version == copy.version:
                page = copy.response(request)
            elif version is not None:  # the content changed: the shared cache may have it
                found[cache_key(full_path)] = cache.get(cache_key(full_path))
                if (stored := stored_page(full_path, found)) is not None:
                    page = remember_page(full_path, version, stored).response(request)
            if page is not None:
                return get_conditional_response(request, etag=page.get("ETag"), response=page)
            # A miss: the view's decorator reuses these reads, so a hung cache is waited on once.
            request.page_cache_read = (full_path, found)
        return self.get_response(request)


def cached_public_page(view=None, *, params=()):
    """Serve a public page from the shared cache; see the module docstring."""
    if view is None:
        return lambda view: cached_public_page(view, params=params)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if any(name not in params for name in request.GET):
            query = canonical_query(request, params)
            return HttpResponsePermanentRedirect(request.path + (f"?{query}" if query else ""))
        if is_staff(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        # Keyed by the whole address, host and scheme included: the page names its own
        # canonical address, so one visitor's Host header never reaches another visitor.
        full_path = request.build_absolute_uri()
        key, version = cache_key(full_path), None
        if worth_caching(full_path):
            earlier = getattr(request, "page_cache_read", None)
            if earlier and earlier[0] == full_path:
                found = earlier[1]
            else:
                found = cache.get_many([VERSION_KEY, key])
            if (page := stored_page(full_path, found)) is not None:
                return remember_page(full_path, found[VERSION_KEY], page).response(request)
            version = found.get(VERSION_KEY) or start_version()
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if response.status_code == 200 and not response.cookies:
            if len(response.content) >= SMALLEST_COMPRESSED:  # stored or not, it may be compressed
                patch_vary_headers(response, ("Accept-Encoding",))
            mark_public(response)
            set_response_etag(response)  # hashed once here, not on every cached hit
            # None: not worth caching, or the cache is unreachable (so not waited on again).
            if version is not None:
                copy = remember_page(full_path, version, response)
                cache.set(key, (version, full_path, response), settings.CACHE_MIDDLEWARE_SECONDS)
                if accepts_gzip(request):
                    return copy.response(request)
        return response

    return wrapper


# Shared-cache calls of other modules, so that every key and how it is cleared is here --------


def mark_public(response):
    """The public pages' browser policy: anyone may keep a copy, but asks again (ETag) each
    time unless ``PUBLIC_PAGE_MAX_AGE`` says otherwise, so a publish is seen at once."""
    patch_cache_control(
        response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE, must_revalidate=True
    )
    return response


def result_page_key(token):
    return "result-page:" + hashlib.sha256(token.encode()).hexdigest()[:32]


def stored_result_page(token):
    """(the content version, the result page kept for ``token`` or None): one round trip."""
    key = result_page_key(token)
    found = cache.get_many([VERSION_KEY, key])
    return found.get(VERSION_KEY) or content_version(), found.get(key)


def keep_result_page(token, page, seconds):
    cache.set(result_page_key(token), page, max(seconds, 1))


def forget_result_page(token):
    cache.delete(result_page_key(token))


def shared_stamp(key):
    """A random stamp shared by every process (made by the first to ask), or None when the
    cache does not answer."""
    stamp = cache.get(key)
    if stamp is None:
        cache.add(key, secrets.token_hex(8), timeout=None)
        stamp = cache.get(key)
    return stamp


def renew_shared_stamp(key):
    cache.set(key, secrets.token_hex(8), timeout=None)


def share_under_stamp(key, stamp, value):
    """Keep ``value`` for every process, marked with the stamp it was read at."""
    cache.set(key, (stamp, value), timeout=None)


def shared_under_stamp(key, stamp):
    """The value kept under ``key`` if it was read at ``stamp``, else None."""
    kept = cache.get(key)
    return kept[1] if kept is not None and kept[0] == stamp else None


def mark_once(key, seconds):
    """True the first time ``key`` is marked (``cache.add`` is atomic in Redis and the
    database cache); False after that, and False when the cache cannot say."""
    try:
        return cache.add(key, 1, seconds) is True
    except Exception:  # a cache backend that raises instead of missing
        return False


def local_pages():
    """Rendered pages that depend only on their key (a question page names its questionnaire
    version's last change), kept in this process's memory: settings' ``local-pages`` alias."""
    return caches["local-pages"]


def runs_store():
    """The questionnaire runs' store (``triage.live.flow``): a cache alias of its own, above."""
    return caches["runs"]


class UpsertDatabaseCache(DatabaseCache):
    """The shared cache in a database table, used when there is no Redis (config/settings.py),
    written on PostgreSQL without a statement that can fail on a duplicate key.

    Django's DatabaseCache reads a key, then inserts it. Two workers writing one key at once (a
    double click on the final submit writing one questionnaire run, two requests keeping the same
    live copy) make the second insert fail on the table's primary key. Django ignores that, but
    PostgreSQL logs every failed statement in full (``log_min_error_statement = error``, its
    default), with the value being cached: a run's answers, pickled. Here each write is one
    ``INSERT … ON CONFLICT`` that cannot fail that way. Other databases keep Django's own."""

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if connection.vendor != "postgresql":
            return super()._base_set(mode, key, value, timeout)
        timeout = self.get_backend_timeout(timeout)
        now = timezone_now().replace(microsecond=0)
        expires = (
            datetime.max
            if timeout is None
            else datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        ).replace(microsecond=0)
        adapt = connection.ops.adapt_datetimefield_value
        table = connection.ops.quote_name(self._table)
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    self._cull(db, cursor, now, count)
                if mode == "touch":
                    cursor.execute(
                        f"UPDATE {table} SET expires = %s WHERE cache_key = %s",
                        [adapt(expires), key],
                    )
                    return cursor.rowcount > 0
                pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol))
                # "add" replaces only an expired entry, as Django's does.
                only_expired = f" WHERE {table}.expires < %s" if mode == "add" else ""
                cursor.execute(
                    f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
                    "ON CONFLICT (cache_key) DO UPDATE "
                    "SET value = EXCLUDED.value, expires = EXCLUDED.expires" + only_expired,
                    [key, pickled.decode("latin1"), adapt(expires)]
                    + ([adapt(now)] if mode == "add" else []),
                )
                return cursor.rowcount > 0
        except DatabaseError:
            return False
