from django.template.response import TemplateResponse

from core.caching import cached_public_page
from search.engine import clean_query, search_page
from search.models import Synonym
from search.synonyms import words_of


def also_searched_for(query, terms):
    """The words search looked for that the person did not type (from the synonyms)."""
    typed = set(words_of(query))
    words = [word for term in terms for word in term if word not in typed]
    return list(dict.fromkeys(words))


def as_dicts(results):
    """The results for the template as dicts, which it reads at its first try: it tries an
    object's attributes only after looking it up as a dict has failed, 180 times a page."""
    return [vars(found) for found in results]


def neighbour(page, number):
    """(first, last) result numbers of another page of the same results."""
    other = page.paginator.page(number)
    return other.start_index(), other.end_index()


def search_response(request, query, *, synonyms=None, preview_item=None):
    context = {"search_query": query, "preview_item": preview_item}
    if query:
        page = search_page(query, request.GET.get("page"), synonyms=synonyms)
        context.update(
            page=page,
            results=as_dicts(page.object_list),
            also_searched_for=also_searched_for(query, page.terms),
        )
        if page.has_previous():
            context["previous_range"] = neighbour(page, page.previous_page_number())
        if page.has_next():
            context["next_range"] = neighbour(page, page.next_page_number())
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
