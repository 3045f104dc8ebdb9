"""Site-wide views: robots.txt, uploaded pictures, and error pages that work without
the database."""

import posixpath
import sys
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from PIL import Image, UnidentifiedImageError

from config.middleware import service_unavailable_response
from core.errors import DATABASE_DOWN
from editorial import uploads


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked admin login: how long to wait, never stored anywhere."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "lockout.html", {"minutes": minutes}, status=429)
    response["Cache-Control"] = "no-store"
    response["Retry-After"] = str(minutes * 60)
    return response


RETRY_AFTER_SECONDS = 60  # the rate limits are per minute (RESULT_LOOKUPS_PER_MINUTE, …)


def too_many_requests(request, exception=None):
    """django-ratelimit's answer to a request over its limit (RATELIMIT_VIEW). Rendered without
    the request, so it is the same page whatever was asked for: a 429 on a result address says
    nothing about whether that result exists."""
    response = HttpResponse(render_to_string("too_many_requests.html"), status=429)
    response["Cache-Control"] = "no-store"
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception):
    """The 400 page in the site's layout, rendered without the request: the cause may be the
    request itself (a refused Host header, a NUL in the address), so nothing is read from it."""
    return HttpResponseBadRequest(render_to_string("400.html"))


def server_error(request):
    """A 500 in the site's layout, or the 503 page when the database is the cause.

    Exceptions raised outside a view (a session or auth lookup in middleware) reach here
    rather than DatabaseUnavailableMiddleware, so the cause is read from the handled exception.
    """
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return service_unavailable_response()
    return HttpResponseServerError(render_to_string("500.html"))


def robots_txt(request):
    questionnaire = reverse("triage:start")
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        f"Allow: {questionnaire}$",  # the start page, not the questions and results under it
        f"Disallow: {questionnaire}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# What an uploaded picture may be, read from its bytes: anything else is not served.
PICTURE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


def media(request, path):
    """An uploaded file, from the uploads storage (local disk or S3), to whoever may see it.

    Runners get a file only while it belongs to a live item (``editorial.uploads``); signed-in
    staff also get the files of drafts, so admin previews show their pictures, never cached.
    A file that no row references is served to nobody. The Content-Type comes from the file
    itself, never from its name. Behind nginx (``MEDIA_ACCEL_REDIRECT``) the answer carries no
    body: nginx sends the file from its internal location with the headers decided here.
    """
    if posixpath.normpath(path) != path or path.startswith(("/", "../")):
        raise Http404
    found = uploads.references(path)
    if any(found):
        cache_control = "public, max-age=86400"
    elif found and request.user.is_staff:
        cache_control = "private, no-store"
    else:
        raise Http404
    try:
        file = default_storage.open(path, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = picture_type(file)
    if content_type is None:
        file.close()
        raise Http404
    if settings.MEDIA_ACCEL_REDIRECT and isinstance(default_storage, FileSystemStorage):
        file.close()
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + quote(path)
    else:
        response = FileResponse(file, content_type=content_type)
        del response["Content-Disposition"]  # shown in the page; the name is not the type
    response["Cache-Control"] = cache_control  # nosniff: SecurityMiddleware, on every response
    return response


def picture_type(file):
    """The Content-Type of a PNG, JPEG or WebP file, from its bytes; None for anything else."""
    try:
        with Image.open(file) as image:
            image_format = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        file.seek(0)
    return PICTURE_TYPES.get(image_format)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real file."""
    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))
