"""Search over the stored entries of every public content type: red flags first, then best first.

A query becomes terms (``search.synonyms``: runners' phrases swapped for our pages' words), and
three steps are tried in turn until one finds something: items matching every term, items
matching any term, and items with a word spelt like a query word (a misspelling). On
PostgreSQL the stored, GIN-indexed vector is matched and ranked in the database
(``SearchRank``) and misspellings are found with ``pg_trgm``; on SQLite the same stored text is
matched word by word in Python, with the same weights and the same trigram measure, so both
databases put the same items first. Each item's title words (weight A) count most, then its
summary and key terms (B), then its body (C).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce
from math import log
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import registry
from search.indexing import CONFIG
from search.models import SearchDocument, Synonym
from search.synonyms import meanings_of, query_terms

MAX_QUERY_LENGTH = 100
PER_PAGE = 30
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.1}
NOT_FOUND = 1e-9
SIMILAR = 0.5  # how alike (trigram word similarity) a misspelt word and a stored word must be
MARKDOWN_MARKS = re.compile(r"[*_#>`]")
LISTED = ("pk", "kind", "title", "url", "summary", "call", "text_a")


@dataclass
class Result:
    pk: int
    kind: str
    title: str
    url: str
    summary: str
    call: str  # "999" or "111" for a red flag, else ""
    score: float
    first: bool = False  # a red flag about what was typed
    snippet: str = ""


def clean_query(raw):
    """Whitespace collapsed, control characters (NUL included) dropped, length capped."""
    printable = "".join(
        char for char in (raw or "") if unicodedata.category(char) != "Cc" or char.isspace()
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def terms_of(raw_query, synonyms=None):
    """The query's terms, with the live synonyms (or those given, for a preview)."""
    if synonyms is None:
        synonyms = Synonym.objects.live()
    return query_terms(clean_query(raw_query), meanings_of(synonyms))


def published_documents():
    """Entries of items that are live right now (a belt to the indexer's braces)."""
    visible = Q(pk__in=[])
    for searchable in registry.REGISTRY.values():
        content_type = ContentType.objects.get_for_model(searchable.model)
        visible |= Q(
            content_type=content_type,
            object_id__in=searchable.model.objects.live().values("pk"),
        )
    return SearchDocument.objects.filter(visible)


def ranked(terms):
    """Every item matching the terms: red flags about what was typed first, then by score."""
    if not terms:
        return []
    postgres = connection.vendor == "postgresql"
    rows = (postgres_matches if postgres else simple_matches)(terms)
    results = scored(rows, terms, every_term=True) or scored(rows, terms, every_term=False)
    results = results or (postgres_similar if postgres else simple_similar)(terms)
    results.sort(
        key=lambda found: (
            not found.first,
            found.first and found.call != "999",
            -found.score,
            found.title,
        )
    )
    return results


def search(raw_query, *, synonyms=None):
    """Published items of every content type matching the query, best first."""
    return ranked(terms_of(raw_query, synonyms))


def search_page(raw_query, number=1, *, synonyms=None):
    """One page of ``PER_PAGE`` results (a Django ``Page``), each with a highlighted snippet."""
    terms = terms_of(raw_query, synonyms)
    page = Paginator(ranked(terms), PER_PAGE).get_page(number)
    add_snippets(page.object_list, terms)
    return page


def has_term(text, term):
    return any(word_pattern(word).search(text) for word in term)


def scored(rows, terms, *, every_term):
    """Results from rows of (stored fields, [weighted hits of each term]), the same on both
    databases. A term found in fewer items counts for more (so "sitting" outweighs "pain"),
    a term in the item's title doubles, and in the any-term step each term found counts.
    A red flag whose sign (or "urgent help") holds every term comes first."""
    counts = [sum(1 for _row, hits in rows if hits[number]) for number in range(len(terms))]
    rarity = [log(1 + (len(rows) - count + 0.5) / (count + 0.5)) for count in counts]
    results = []
    for row, hits in rows:
        found = [number for number, hit in enumerate(hits) if hit]
        if not found or (every_term and len(found) < len(terms)):
            continue
        in_title = [number for number in found if has_term(row["text_a"], terms[number])]
        score = sum(rarity[number] * hits[number] for number in found) * len(found)
        score *= 1 + sum(rarity[number] for number in in_title) / (sum(rarity) or 1)
        named = f"{row['text_a']} {row['text_b']}"
        first = bool(row["call"]) and all(has_term(named, term) for term in terms)
        results.append(result(row, score, first=first))
    return results


def result(row, score, *, first=False):
    return Result(*(row[name] for name in LISTED[:6]), score=score, first=first)


# PostgreSQL ------------------------------------------------------------------------------


def term_query(term):
    return reduce(or_, (SearchQuery(word, config=CONFIG) for word in term))


def postgres_matches(terms):
    """Items matching any term (through the GIN index), with each term's weighted rank."""
    weights = [0.0, WEIGHTS["C"], WEIGHTS["B"], WEIGHTS["A"]]  # D, C, B, A
    queries = [term_query(term) for term in terms]
    ranks = {
        f"rank{number}": SearchRank(F("vector"), query, weights=weights)
        for number, query in enumerate(queries)
    }
    rows = (
        published_documents()
        .filter(vector=reduce(or_, queries))
        .annotate(**ranks)
        .values(*LISTED, "text_b", *ranks)
    )
    # PostgreSQL ranks a term the item lacks at about 1e-20, never at 0.
    return [(row, [row[name] if row[name] > NOT_FOUND else 0.0 for name in ranks]) for row in rows]


def postgres_similar(terms):
    """Items with a word spelt like one of the query's (pg_trgm's word similarity)."""
    words = similar_words(terms)
    if not words:
        return []
    similarities = {}
    for number, word in enumerate(words):
        similarities[f"a{number}"] = TrigramWordSimilarity(word, "text_a")
        similarities[f"b{number}"] = TrigramWordSimilarity(word, "text_b")
    close = reduce(or_, (Q(**{f"{name}__gte": SIMILAR}) for name in similarities))
    rows = (
        published_documents().annotate(**similarities).filter(close).values(*LISTED, *similarities)
    )
    return [
        result(
            row,
            similar_score({(name[0].upper(), int(name[1:])): row[name] for name in similarities}),
        )
        for row in rows
    ]


def similar_words(terms):
    """Words long enough for a misspelling to be told from another word."""
    return sorted({word for term in terms for word in term if len(word) > 3})


def similar_score(similarities):
    """{(field, word number): similarity} to a score: each word counts by its best field,
    weighted; a similarity below ``SIMILAR`` counts nothing."""
    best = {}
    for (field, number), value in similarities.items():
        weighted = WEIGHTS[field] * value if value >= SIMILAR else 0.0
        best[number] = max(best.get(number, 0.0), weighted)
    return sum(best.values())


# SQLite and other databases ---------------------------------------------------------------


SUFFIXES = ("ing", "es", "ed", "s")  # cut before matching by the start, as a stemmer would


def word_pattern(word):
    """Short words match whole words, or their plural ("leg" finds "legs", not "legging");
    longer ones by their start, cut to five letters after a common ending, so 'bending'
    finds 'bend' and 'backwards' finds 'backward' (as PostgreSQL's stemmer would)."""
    if len(word) <= 3:
        return re.compile(rf"\b{re.escape(word)}s?\b", re.IGNORECASE)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return re.compile(rf"\b{re.escape(word[:5])}\w*", re.IGNORECASE)


def simple_matches(terms):
    """Items matching any term, with each term's weighted hits: each field counts by its
    weight and how often the term's words occur there (capped at five a word)."""
    patterns = [[word_pattern(word) for word in term] for term in terms]
    rows = []
    for row in published_documents().values(*LISTED, "text_b", "text_c"):
        fields = [(WEIGHTS[weight], row[f"text_{weight.lower()}"]) for weight in WEIGHTS]
        hits = [
            sum(
                weight * min(len(pattern.findall(text)), 5)
                for pattern in term
                for weight, text in fields
            )
            for term in patterns
        ]
        if any(hits):
            rows.append((row, hits))
    return rows


def trigrams(word):
    """pg_trgm's trigrams of one word: lower case, two spaces before and one after."""
    padded = f"  {word.lower()} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


def word_similarity(word, text):
    """Close to pg_trgm's ``word_similarity``, word by word: the best ``similarity`` (shared
    trigrams over all trigrams) between the query word and a word of ``text``. It is never
    higher than PostgreSQL's, which may also match part of a longer word."""
    wanted = trigrams(word)
    words = set(re.findall(r"[^\W_]+", text.lower()))
    return max((len(wanted & trigrams(other)) / len(wanted | trigrams(other)) for other in words),
               default=0.0)  # fmt: skip


def simple_similar(terms):
    words = similar_words(terms)
    if not words:
        return []
    results = []
    for document in published_documents().values(*LISTED, "text_b"):
        values = {
            (field, number): word_similarity(word, document[f"text_{field.lower()}"])
            for number, word in enumerate(words)
            for field in ("A", "B")
        }
        score = similar_score(values)
        if score:
            results.append(result(document, score))
    return results


# Snippets, the same on both databases -------------------------------------------------------


def add_snippets(results, terms):
    """Fill in each result's snippet: an excerpt of its text with the query's words marked."""
    patterns = [word_pattern(word) for term in terms for word in term]
    texts = {
        pk: f"{text_b} {text_c}"
        for pk, text_b, text_c in SearchDocument.objects.filter(
            pk__in=[found.pk for found in results]
        ).values_list("pk", "text_b", "text_c")
    }
    for found in results:
        found.snippet = snippet(texts.get(found.pk, ""), patterns)


def snippet(text, patterns, length=220):
    """An excerpt around the first match, escaped, with every matched word in <mark>."""
    text = " ".join(MARKDOWN_MARKS.sub("", text).split())
    spans = sorted(match.span() for pattern in patterns for match in pattern.finditer(text))
    start = max(spans[0][0] - 60, 0) if spans else 0
    end = min(start + length, len(text))
    pieces, position = [], start
    for span_start, span_end in spans:
        if span_start < position or span_end > end:
            continue
        pieces += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end])]
        pieces.append("</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
