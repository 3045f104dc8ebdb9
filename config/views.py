"""Site-wide views: search, robots.txt, and error pages that work without the database."""

import sys

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse

from conditions.caching import cached_public_page
from config.middleware import DATABASE_DOWN, service_unavailable_response
from config.search import clean_query
from config.search import search as run_search


def server_error(request):
    """A 500 in the site's layout, or the 503 page when the database is the cause.

    Exceptions raised outside a view (a session or auth lookup in middleware) reach here
    rather than DatabaseUnavailableMiddleware, so the cause is read from the handled exception.
    """
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return service_unavailable_response()
    return HttpResponseServerError(render_to_string("500.html"))


@cached_public_page
def search(request):
    query = clean_query(request.GET.get("q", ""))
    context = {
        "search_query": query,
        "results": run_search(query) if query else [],
    }
    return TemplateResponse(request, "search.html", context)


def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /check/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
