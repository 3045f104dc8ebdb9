"""Search over the stored entries of every public content type, best first.

On PostgreSQL the stored, GIN-indexed vector is matched and ranked in the database with one
ranking (``SearchRank``, A-weighted title words first); on SQLite the same stored text is
matched word by word in Python. Both first ask for items matching every word, and only if
none does, for items matching any word, so a two-word query gives a focused list.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import registry
from search.indexing import CONFIG
from search.models import SearchDocument

MAX_QUERY_LENGTH = 100
MAX_RESULTS = 30
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.1}
START, STOP = "\u27ea", "\u27eb"  # PostgreSQL snippet markers, swapped for <mark> after escaping
WORD = re.compile(r"\w+")
MARKDOWN_MARKS = re.compile(r"[*_#>`]")
STOP_WORDS = {"a", "an", "and", "at", "for", "i", "in", "is", "it", "me", "my", "of", "on", "or",
              "the", "to", "when", "with"}  # fmt: skip


@dataclass
class Result:
    kind: str
    title: str
    url: str
    summary: str
    snippet: str
    score: float


def clean_query(raw):
    """Whitespace collapsed, control characters (NUL included) dropped, length capped."""
    printable = "".join(
        char for char in (raw or "") if unicodedata.category(char) != "Cc" or char.isspace()
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def terms(query):
    words = [word.lower() for word in WORD.findall(query)]
    return [word for word in words if word not in STOP_WORDS] or words


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


def search(raw_query):
    """Published items of every content type matching the query, best first."""
    words = terms(clean_query(raw_query))
    if not words:
        return []
    find = postgres_results if connection.vendor == "postgresql" else simple_results
    results = find(words, every_word=True) or find(words, every_word=False)
    results.sort(key=lambda result: (-result.score, result.title))
    return results[:MAX_RESULTS]


def title_matches(name, words):
    """How many query words are in the item's A-weighted name (a boost on both databases)."""
    return sum(1 for word in words if word_pattern(word).search(name))


# PostgreSQL ------------------------------------------------------------------------------


def postgres_results(words, *, every_word):
    query = None
    for word in words:
        part = SearchQuery(word, config=CONFIG)
        query = part if query is None else (query & part if every_word else query | part)
    rows = (
        published_documents()
        .filter(vector=query)
        .annotate(
            rank=SearchRank(F("vector"), query, weights=[0.1, 0.2, 0.4, 1.0]),
            headline=SearchHeadline(
                Concat("text_b", Value(" "), "text_c", output_field=TextField()),
                query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=30,
                min_words=15,
            ),
        )
        .order_by("-rank")[:MAX_RESULTS]
    )
    return [
        Result(
            row.kind,
            row.title,
            row.url,
            row.summary,
            highlight(row.headline),
            row.rank * (1 + title_matches(row.text_a, words)),
        )
        for row in rows
    ]


def highlight(headline):
    """Escape PostgreSQL's headline, then turn its private markers into <mark> tags."""
    plain = MARKDOWN_MARKS.sub("", headline or "")
    marked = escape(plain).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(marked)


# SQLite and other databases ---------------------------------------------------------------


def word_pattern(word):
    """Short words match whole words only ("si" is not "sitting"); longer ones by their start,
    cut to five letters, so 'bending' finds 'bend' and 'backwards' finds 'backward'."""
    if len(word) <= 3:
        return re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    return re.compile(rf"\b{re.escape(word[:5])}\w*", re.IGNORECASE)


def simple_results(words, *, every_word):
    patterns = [word_pattern(word) for word in words]
    results = []
    for document in published_documents():
        fields = {"A": document.text_a, "B": document.text_b, "C": document.text_c}
        score, matched = 0.0, 0
        for pattern in patterns:
            # Each field counts by its weight and how often the word occurs there (capped).
            hits = sum(
                WEIGHTS[weight] * min(len(pattern.findall(text)), 5)
                for weight, text in fields.items()
            )
            if hits:
                matched += 1
                score += hits
        if not matched or (every_word and matched < len(patterns)):
            continue
        score *= matched * (1 + title_matches(document.text_a, words))
        snippet = simple_snippet(f"{document.text_b} {document.text_c}", patterns)
        results.append(
            Result(document.kind, document.title, document.url, document.summary, snippet, score)
        )
    return results


def simple_snippet(text, patterns, length=220):
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
