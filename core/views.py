"""The site's own pages: the home page, the privacy notice, the accessibility statement,
contact; robots.txt and the favicon; the admin login's lockout page; the error and rate-limit
pages, which work without the database."""

import sys

from django.conf import settings
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse

from core.caching import cached_public_page
from core.errors import DATABASE_DOWN
from core.health import service_unavailable_response
from core.page_extras import extras_for
from core.retention import retention_days


@cached_public_page
def home(request):
    """What the home page lists comes from the apps that own it (``page_extras``)."""
    return TemplateResponse(request, "pages/home.html", extras_for("core:home", None))


@cached_public_page
def privacy(request):
    context = {
        "result_days": retention_days(),
        "login_days": settings.LOGIN_RECORD_RETENTION_DAYS,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "csrf_days": settings.CSRF_COOKIE_AGE // (24 * 3600),
    }
    return TemplateResponse(request, "pages/privacy.html", context)


@cached_public_page
def accessibility(request):
    return TemplateResponse(request, "pages/accessibility.html")


@cached_public_page
def contact(request):
    return TemplateResponse(request, "pages/contact.html")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked admin login: how long to wait, never stored anywhere."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "lockout.html", {"minutes": minutes}, status=429)
    response["Cache-Control"] = "no-store"
    response["Retry-After"] = str(minutes * 60)
    return response


RETRY_AFTER_SECONDS = 60  # the rate limits are per minute (FAILED_RESULT_LOOKUPS_PER_MINUTE, …)


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


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real file."""
    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))
