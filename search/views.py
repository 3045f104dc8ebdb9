from functools import lru_cache

from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from core.caching import cached_public_page
from search.engine import Result, clean_query, search_page
from search.models import Synonym
from search.synonyms import words_of


def also_searched_for(query, terms):
    """The words search looked for that the person did not type (from the synonyms)."""
    typed = set(words_of(query))
    words = [word for term in terms for word in term if word not in typed]
    return list(dict.fromkeys(words))


SNIPPET_PLACE = "<!--snippet-->"  # escaped text never holds "<", so it is found only here


@lru_cache(maxsize=1024)
def result_frame(kind, title, url, summary, call, with_snippet):
    """A result's list item (``search/_result.html``) with everything but its snippet, split
    where the snippet goes: rendered once per process for everything it shows, so it needs no
    clearing (``core.caching``), and each page joins 30 of them instead of rendering 30."""
    shown = Result(0, kind, title, url, summary, call, score=0.0)
    shown.snippet = mark_safe(SNIPPET_PLACE) if with_snippet else ""
    return render_to_string("search/_result.html", {"result": shown}).split(SNIPPET_PLACE)


def results_html(results):
    """The page's results as one list's items."""
    items = []
    for found in results:
        shown = found.kind, found.title, found.url, found.summary, found.call
        items.append(found.snippet.join(result_frame(*shown, bool(found.snippet))))
    return mark_safe("".join(items))


def listing_of(request, page):
    """What the page says about its results, as plain values: a template finds a name in a
    dict at once, where on a ``Page`` each look-up first fails as an index (an exception each)."""
    listing = {
        "first": page.start_index(),
        "last": page.end_index(),
        "total": page.paginator.count,
        "pages": page.paginator.num_pages,
    }
    if page.has_previous():
        listing["previous"] = neighbour(request, page, page.previous_page_number())
    if page.has_next():
        listing["next"] = neighbour(request, page, page.next_page_number())
    return listing


def neighbour(request, page, number):
    """Another page of the same results: its first and last result numbers and its address
    (this page's query string with the page number changed, as ``{% querystring %}`` makes)."""
    other = page.paginator.page(number)
    query = request.GET.copy()
    query["page"] = number
    return {
        "first": other.start_index(),
        "last": other.end_index(),
        "address": f"?{query.urlencode()}",
    }


def search_response(request, query, *, synonyms=None, preview_item=None):
    context = {"search_query": query, "preview_item": preview_item}
    if query:
        page = search_page(query, request.GET.get("page"), synonyms=synonyms)
        if page.object_list:
            context.update(
                listing=listing_of(request, page),
                results=results_html(page.object_list),
                also_searched_for=also_searched_for(query, page.terms),
            )
    return TemplateResponse(request, "search.html", context)


@cached_public_page(params=("q", "page"))
def search(request):
    return search_response(request, clean_query(request.GET.get("q", "")))


def preview_synonym(request, synonym):
    """The search for the synonym's first phrase as it will be once this draft is published."""
    live_pk = synonym.draft_of_id or synonym.pk
    synonyms = [*Synonym.objects.live().exclude(pk=live_pk), synonym]
    first_phrase = next(iter(synonym.phrases.splitlines()), "")
    return search_response(
        request, clean_query(first_phrase), synonyms=synonyms, preview_item=synonym
    )
