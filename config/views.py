"""Error views that work even when the database does not."""

import sys

from django.http import HttpResponseServerError
from django.template.loader import render_to_string

from config.middleware import DATABASE_DOWN, service_unavailable_response


def server_error(request):
    """A 500 in the site's layout, or the 503 page when the database is the cause.

    Exceptions raised outside a view (a session or auth lookup in middleware) reach here
    rather than DatabaseUnavailableMiddleware, so the cause is read from the handled exception.
    """
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return service_unavailable_response()
    return HttpResponseServerError(render_to_string("500.html"))
