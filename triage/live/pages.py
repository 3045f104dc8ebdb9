"""Questionnaire pages rendered once and served many times, without one visitor's details.

A page is rendered without the request, so it never holds a host name, a CSRF token or a
flash message; the token and the messages are put in on the way out, for each request. That
makes the rendered HTML safe to keep and to reuse for everyone (the result page in the shared
cache, question pages in each process's memory).
"""

import hashlib
import json

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language

from core.caching import local_pages
from core.context_processors import page

CSRF_MARK = "triage-csrf-token-goes-here"
MESSAGES_MARK = "<!-- triage-messages -->"
ADDRESS_MARK = "triage-page-address-goes-here"


def cache_key(prefix, *parts):
    """A short key naming everything a page depends on (and the language)."""
    data = json.dumps([*parts, get_language()], sort_keys=True, default=str)
    return f"{prefix}:{hashlib.sha256(data.encode()).hexdigest()[:32]}"


def render_page(template, context):
    """The page as everyone sees it, with marks where per-request details go. A page given
    the request (the start page, kept per address) names its own address as every page does
    (``core.context_processors.page``: context processors run only with a RequestContext)."""
    marks = {
        "csrf_token": CSRF_MARK,
        "messages_mark": MESSAGES_MARK,
        "page_address_mark": ADDRESS_MARK,
    }
    own_address = page(context["request"]) if "request" in context else {}
    return render_to_string(template, {**context, **own_address, **marks})


def messages_html(request):
    stored = list(get_messages(request))
    if not stored:
        return ""
    return render_to_string("triage/_messages.html", {"messages": stored})


def respond(request, html, *, status=200):
    """Fill in this request's CSRF token (only where the page has a form), messages and the
    page's own address (its printed header names it)."""
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    html = html.replace(ADDRESS_MARK, escape(request.build_absolute_uri()), 1)
    html = html.replace(MESSAGES_MARK, messages_html(request), 1)
    return HttpResponse(html, status=status)


def local_html(key, template, context_factory):
    """The page from this process's memory, or rendered and kept there."""
    pages = local_pages()
    html = pages.get(key)
    if html is None:
        html = render_page(template, context_factory())
        pages.set(key, html)
    return html
