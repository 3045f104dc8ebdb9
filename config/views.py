"""Site-wide views: search, robots.txt, and error pages that work without the database."""

import sys

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.static import serve

from conditions.caching import cached_public_page
from config.middleware import DATABASE_DOWN, service_unavailable_response
from search.engine import clean_query
from search.engine import search as run_search


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked admin login: how long to wait, never stored anywhere."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "lockout.html", {"minutes": minutes}, status=429)
    response["Cache-Control"] = "no-store"
    response["Retry-After"] = str(minutes * 60)
    return response


def server_error(request):
    """A 500 in the site's layout, or the 503 page when the database is the cause.

    Exceptions raised outside a view (a session or auth lookup in middleware) reach here
    rather than DatabaseUnavailableMiddleware, so the cause is read from the handled exception.
    """
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return service_unavailable_response()
    return HttpResponseServerError(render_to_string("500.html"))


@cached_public_page(params=("q",))
def search(request):
    query = clean_query(request.GET.get("q", ""))
    context = {
        "search_query": query,
        "results": run_search(query) if query else [],
    }
    return TemplateResponse(request, "search.html", context)


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


def media(request, path):
    """An uploaded file from MEDIA_ROOT (only wired up when uploads are on the local disk)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real file."""
    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))
