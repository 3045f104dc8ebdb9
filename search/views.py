from django.template.response import TemplateResponse

from search.engine import clean_query, search_page
from search.models import Synonym


def search_response(request, query, *, synonyms=None, preview_item=None):
    context = {
        "search_query": query,
        "page": search_page(query, request.GET.get("page"), synonyms=synonyms) if query else None,
        "preview_item": preview_item,
    }
    return TemplateResponse(request, "search.html", context)


def preview_synonym(request, synonym):
    """The search for the synonym's first phrase as it will be once this draft is published."""
    live_pk = synonym.draft_of_id or synonym.pk
    synonyms = [*Synonym.objects.live().exclude(pk=live_pk), synonym]
    first_phrase = next(iter(synonym.phrases.splitlines()), "")
    return search_response(
        request, clean_query(first_phrase), synonyms=synonyms, preview_item=synonym
    )
