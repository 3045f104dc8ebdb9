"""Whole-page caching for public pages, cleared whenever content changes.

Every cached page is stored with the content version it was rendered at; saving or deleting
any content row bumps the version (see ``conditions.apps``), so the next request renders
afresh. The version and the page are fetched together in one cache round trip. Staff never
get cached pages, because they may be previewing drafts.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import set_response_etag

VERSION_KEY = "content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs):
    """Signal receiver: any content change makes every cached page stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def is_staff(request):
    """True for signed-in staff; anonymous visitors without a session cost no query."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_staff


def cached_public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or is_staff(request):
            return view(request, *args, **kwargs)
        key = "page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or content_version()
        stored_version, response = found.get(key, (None, None))
        if stored_version == version:
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if response.status_code == 200 and not response.cookies:
            set_response_etag(response)  # hashed once here, not on every cached hit
            cache.set(key, (version, response), settings.CACHE_MIDDLEWARE_SECONDS)
        return response

    return wrapper
