"""Search over the stored entries of every public content type: red flags first, then best first.

A query becomes terms (``search.synonyms``: runners' phrases swapped for our pages' words), and
three steps are tried in turn until one finds something: items matching every term, items
matching any term, and items with a word spelt like a query word (a misspelling). On
PostgreSQL the stored, GIN-indexed vector finds the items matching any term (each word once per
content version), and misspellings are found with ``pg_trgm``; elsewhere every live item is a
candidate and the same trigram measure is applied in Python. On both, each candidate is ranked
in Python from the stored entry's word counts (``scored``), so both databases put the same items
first. Each item's title words (weight A) count most, then its summary and key terms (B), then
its body (C). (Ranking in the database, with ``ts_rank`` on each term, took three times as long
as the match: each call reads the whole vector.)

The stored entries' words and the live synonyms are read once per content version in each
process (``stored``), with the entries of the items live at that moment. A bulk update of
content changes the version as a save does (``editorial.models.EditorialQuerySet.update``), so an
item taken off the site by one is never found either.
"""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from html import escape
from itertools import islice
from math import log
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.utils.safestring import mark_safe

from core.caching import version_seen
from core.calls import EMERGENCY_CALL, URGENT_CALL
from editorial import registry
from search.indexing import CONFIG
from search.models import SearchDocument, Synonym
from search.synonyms import meanings_of, phrases_of, query_terms

MAX_QUERY_LENGTH = 100
PER_PAGE = 30
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.1}
HITS_CAP = 5  # occurrences of one word in one field that count
SIMILAR = 0.5  # how alike (trigram similarity) a misspelt word and a stored word must be
SNIPPETS_KEPT = 4096  # snippets kept per content version in each process (``add_snippets``)
TERMS_KEPT = 4096  # terms' matches kept per content version in each process (``term_matches``)
WORDS_KEPT = 4096  # words' matches in PostgreSQL kept likewise (``postgres_matching``)
SUFFIXES = ("ing", "es", "ed", "s")  # cut before matching by the start, as a stemmer would
DOUBLED = frozenset("bdfgmnprt")  # final consonants English doubles: run → running, sit → sitter
DOUBLING_ENDINGS = ("ing", "er", "ers", "ed")
# What a short word (three letters, or four once an ending is cut) is found with: "numb" finds
# "numbness" and "pain" "painful", but "disc" not "disclaimer" nor "discomfort".
WHOLE_WORD_ENDINGS = ("", "s", "es", "ed", "ing", "er", "ers", "ness", "ful", "less", "ly", "y")
MARKDOWN_MARKS = re.compile(r"[*_#>`]")
LIST_ITEM = re.compile(r"^[ \t]*(?:[-+*]|\d+[.)])[ \t]+", re.MULTILINE)  # a Markdown list's marker
TOKEN = re.compile(r"\w+")
SHOWN = ("kind", "title", "url", "summary", "call")
URGENCY_OF_CALL = {EMERGENCY_CALL: 0, URGENT_CALL: 1}  # a result's call, most urgent first
TABLE = SearchDocument._meta.db_table


@dataclass(slots=True)
class Result:
    pk: int
    kind: str
    title: str
    url: str
    summary: str
    call: str  # the number a red flag says to call (core.calls), else ""
    score: float
    first: bool = False  # a red flag about what was typed
    snippet: str = ""

    @property
    def is_emergency(self):
        """A red flag that says to call 999."""
        return self.call == EMERGENCY_CALL


def clean_query(raw):
    """Whitespace collapsed, control characters (NUL included) dropped, length capped between
    words (a word cut short would be searched for as a word of its own, and match nothing)."""
    printable = "".join(
        char for char in (raw or "") if unicodedata.category(char) != "Cc" or char.isspace()
    )
    text = " ".join(printable.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text
    kept = text[:MAX_QUERY_LENGTH]
    if text[MAX_QUERY_LENGTH] != " " and " " in kept:
        kept = kept.rsplit(" ", 1)[0]
    return kept.rstrip()


# What every search reads: stored entries and synonyms, once per content version ---------------


def lower_keeping_length(text):
    """The text in lower case, character for character (so positions stay the same)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(char if len(low := char.lower()) != 1 else low for char in text)


@dataclass
class Document:
    """A stored entry as search reads it: what a result shows, its text for snippets, and
    how often each word occurs in each weighted field."""

    pk: int
    shown: dict
    body: str  # B and C text, list items as "• ", without Markdown marks or repeated spaces
    body_words: dict  # lower-case word -> where it starts in the body, each time, in order
    counts: dict = field(default_factory=dict)  # field -> Counter of lower-case words
    words_in: dict = field(init=False)  # "A" (title) and "AB" (title and summary) -> their words

    def __post_init__(self):
        title = frozenset(self.counts.get("A", ()))
        self.words_in = {"A": title, "AB": title | frozenset(self.counts.get("B", ()))}

    @classmethod
    def of(cls, row):
        texts = {weight: row[f"text_{weight.lower()}"] for weight in WEIGHTS}
        marked = LIST_ITEM.sub("• ", f"{texts['B']}\n{texts['C']}")
        body = " ".join(MARKDOWN_MARKS.sub("", marked).split())
        words = {}
        for found in TOKEN.finditer(lower_keeping_length(body)):
            words.setdefault(found.group(), []).append(found.start())
        counts = {weight: Counter(TOKEN.findall(text.lower())) for weight, text in texts.items()}
        shown = {name: row[name] for name in SHOWN}
        return cls(row["pk"], shown, body, words, counts)


@dataclass(frozen=True)
class Stored:
    phrases: dict  # each synonym phrase -> the words searched for (search.synonyms.phrases_of)
    documents: dict  # pk -> Document
    vocabulary: list  # every stored word, sorted
    body_vocabulary: list  # every word of the entries' bodies (for snippets), sorted
    live: frozenset = frozenset()  # the keys of the entries of items live when it was read
    # Each stored word -> [(entry's key, how often it occurs in each weighted field)], so a
    # term's hits are read from the entries that hold its words, not from every entry.
    postings: dict = field(default_factory=dict, compare=False, repr=False)
    snippets: dict = field(default_factory=dict, compare=False, repr=False)  # see add_snippets
    term_matches: dict = field(default_factory=dict, compare=False, repr=False)  # term_matches
    word_matches: dict = field(default_factory=dict, compare=False, repr=False)  # postgres_matching

    @classmethod
    def read(cls):
        rows = SearchDocument.objects.values("pk", *SHOWN, "text_a", "text_b", "text_c")
        documents = {row["pk"]: Document.of(row) for row in rows}
        postings = {}
        for pk, document in documents.items():
            for word in set().union(*document.counts.values()):
                occurrences = tuple(document.counts[weight][word] for weight in WEIGHTS)
                postings.setdefault(word, []).append((pk, occurrences))
        body_words = {word for document in documents.values() for word in document.body_words}
        phrases = phrases_of(meanings_of(Synonym.objects.live()))
        live = frozenset(live_entries())
        return cls(phrases, documents, sorted(postings), sorted(body_words), live, postings)


@lru_cache(maxsize=4)
def _stored_at(version):
    return Stored.read()


def stored():
    """``Stored``, read once per content version (``core.caching``) in each process:
    saving any content, a synonym or a search entry changes the version. Without a version
    (the cache unreachable) it is read afresh. A search asks for it once and hands it on, so a
    hung cache is waited on once per search, not once per step."""
    version = version_seen()
    return Stored.read() if version is None else _stored_at(version)


@lru_cache(maxsize=2)
def live_items_sql(vendor):
    """Each searchable model with its live items' keys as SQL, compiled once per process: it
    names only models and statuses, and compiling it costs more than running it."""
    return [
        (model, model.objects.live().order_by().values("pk").query.sql_with_params())
        for model in (entry.model for entry in registry.searched())
    ]


def live_condition():
    """SQL that holds for the entries of items live right now (a belt to the indexer's braces:
    an entry the indexer left behind is still never found). It names each model's content
    type by its key, which Django keeps in memory, so the database joins no table of content
    types: half the time to plan and run."""
    models = live_items_sql(connection.vendor)
    content_types = ContentType.objects.get_for_models(*(model for model, _ in models))
    parts, params = [], []
    for model, (sql, item_params) in models:
        parts.append(f"({TABLE}.content_type_id = %s AND {TABLE}.object_id IN ({sql}))")
        params += [content_types[model].pk, *item_params]
    return " OR ".join(parts), params


def live_entries():
    """The keys of the entries of live items."""
    condition, params = live_condition()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {TABLE} WHERE {condition}", params)
        return {row[0] for row in cursor.fetchall()}


# Words -------------------------------------------------------------------------------------


def stem(word):
    """(start, whole): what a query word matches. Short words (three letters, or four once a
    common ending is cut) match whole words: themselves with a common ending (``WHOLE_WORD_ENDINGS``)
    and, for a word ending in a consonant, the forms that double it ("run" finds "runs",
    "running" and "runner"; "leg" finds "legs", not "legend"; "disc" finds "discs", not
    "disclaimer"). Longer ones match any
    word starting with their first five letters after a common ending is cut, so "bending"
    finds "bend" and "backwards" "backward", as PostgreSQL's stemmer would; an ending cut from
    a doubled consonant takes one of them with it, so "running" finds what "run" finds and
    "stopping" "stop"."""
    word = word.lower()
    if len(word) <= 3:
        return word, True
    for suffix in SUFFIXES:
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) >= 4 and word[-1] == word[-2] and word[-1] in DOUBLED:
                word = word[:-1]
                if len(word) <= 3:
                    return word, True
            break
    if len(word) == 4:
        return word, True
    return word[:5], False


def whole_forms(start):
    """The words a short query word (``stem``'s whole) matches."""
    forms = {start + ending for ending in WHOLE_WORD_ENDINGS}
    if start[-1:] in DOUBLED:
        forms.update(start + start[-1] + ending for ending in DOUBLING_ENDINGS)
    return forms


def words_with_stem(vocabulary, stem):
    """The words of a sorted vocabulary that a query word's ``stem`` matches."""
    start, whole = stem
    if whole:
        return {form for form in whole_forms(start) if in_sorted(vocabulary, form)}
    found = set()
    index = bisect_left(vocabulary, start)
    while index < len(vocabulary) and vocabulary[index].startswith(start):
        found.add(vocabulary[index])
        index += 1
    return found


def in_sorted(vocabulary, word):
    index = bisect_left(vocabulary, word)
    return index < len(vocabulary) and vocabulary[index] == word


def stored_words(word, current):
    """The stored words (of ``Stored``) a query word matches."""
    return words_with_stem(current.vocabulary, stem(word))


# Ranking, the same on both databases --------------------------------------------------------


def terms_of(raw_query, current, synonyms=None):
    """The query's terms, with the live synonyms (or those given, for a preview)."""
    phrases = current.phrases if synonyms is None else phrases_of(meanings_of(synonyms))
    return query_terms(clean_query(raw_query), phrases)


def ranked(terms, current):
    """Every item matching the terms: red flags about what was typed first, then by score."""
    if not terms:
        return []
    postgres = connection.vendor == "postgresql"
    candidates = postgres_matching(terms, current) if postgres else current.live
    matches = term_matches(terms, current)
    held = holding(matches, candidates, current.documents)
    results = scored(held, matches, current, every_term=True) or scored(
        held, matches, current, every_term=False
    )
    results = results or (postgres_similar if postgres else simple_similar)(terms, current)
    results.sort(
        key=lambda found: (
            not found.first,
            found.first and not found.is_emergency,
            -found.score,
            URGENCY_OF_CALL.get(found.call, 2),  # of equal scores, the more urgent first
            found.title,
            found.pk,
        )
    )
    return results


def search(raw_query, *, synonyms=None):
    """Published items of every content type matching the query, best first."""
    current = stored()
    return ranked(terms_of(raw_query, current, synonyms), current)


def search_page(raw_query, number=1, *, synonyms=None):
    """One page of ``PER_PAGE`` results (a Django ``Page``), each with a highlighted snippet,
    and the ``terms`` searched for."""
    current = stored()
    terms = terms_of(raw_query, current, synonyms)
    page = Paginator(ranked(terms, current), PER_PAGE).get_page(number)
    add_snippets(page.object_list, terms, current)
    page.terms = terms
    return page


def result(document, score, *, first=False):
    return Result(document.pk, *document.shown.values(), score, first)  # the fields in order


def in_fields(document, words, fields):
    """Whether any of ``words`` is in the document's title ("A") or title or summary ("AB")."""
    return not document.words_in[fields].isdisjoint(words)


@dataclass(frozen=True)
class TermMatch:
    """Where one term's stored words are, in every entry: made once per content version for
    the words it matches (``term_matches``)."""

    hits: dict  # entry's key -> weighted hits: each field by its weight, up to HITS_CAP each
    in_title: frozenset  # keys of the entries whose title holds one of the words
    in_title_or_summary: frozenset

    @classmethod
    def of(cls, words, current):
        occurrences = {}  # entry's key -> [occurrences of the words in each field]
        for word in words:
            for pk, counts in current.postings.get(word, ()):
                tally = occurrences.setdefault(pk, [0] * len(WEIGHTS))
                for place, count in enumerate(counts):
                    tally[place] += count
        hits = {
            pk: sum(
                weight * min(count, HITS_CAP)
                for weight, count in zip(WEIGHTS.values(), tally, strict=True)
            )
            for pk, tally in occurrences.items()
        }
        documents = current.documents
        return cls(
            hits,
            frozenset(pk for pk in hits if in_fields(documents[pk], words, "A")),
            frozenset(pk for pk in hits if in_fields(documents[pk], words, "AB")),
        )


def keep(kept, key, value, most):
    """Keep ``value`` under ``key`` in one of ``Stored``'s per-version dicts, emptying it first
    when it holds ``most``; return the value."""
    if len(kept) >= most:
        kept.clear()
    kept[key] = value
    return value


def term_matches(terms, current):
    """Each term's ``TermMatch``. A stored word counts once for its term, however many of the
    term's words match it ("pee" and "peeing" both find "pee"), as in PostgreSQL's query of
    the words' stems. Kept with the stored entries (at most ``TERMS_KEPT``, emptied when
    full): most searches share their words with earlier ones."""
    matches, kept = [], current.term_matches
    for term in terms:
        words = frozenset().union(*(stored_words(word, current) for word in term))
        match = kept.get(words)
        if match is None:
            match = keep(kept, words, TermMatch.of(words, current), TERMS_KEPT)
        matches.append(match)
    return matches


def holding(matches, candidates, documents):
    """For each term, the keys of the candidate entries (among the stored ``documents``) that
    hold it."""
    kept = candidates & documents.keys()
    return [match.hits.keys() & kept for match in matches]


def scored(held, matches, current, *, every_term):
    """Results from the entries holding each term (``held``). A term found in fewer items counts
    for more (so "sitting" outweighs "pain"), each hit by its field's weight; a term in the
    item's title counts again by its share, and in the any-term step each term found counts. A
    red flag whose sign (or "urgent help") holds every term comes first. Sums are made term by
    term, each over the entries holding it."""
    if every_term and not all(held):
        return []  # a term that no item holds (as a word nobody typed before): none holds all
    holding_any = set().union(*held)
    entries = set.intersection(*held) if every_term else holding_any
    rarity = [log(1 + (len(holding_any) - len(keys) + 0.5) / (len(keys) + 0.5)) for keys in held]
    all_rarity = sum(rarity) or 1
    documents = current.documents
    weighted = dict.fromkeys(entries, 0)
    found = dict.fromkeys(entries, 0)
    in_title = dict.fromkeys(entries, 0)
    firsts = {pk for pk in entries if documents[pk].shown["call"]}
    for term_rarity, keys, match in zip(rarity, held, matches, strict=True):
        hits = match.hits
        for pk in keys & entries:
            weighted[pk] += term_rarity * hits[pk]
            found[pk] += 1
        for pk in match.in_title & entries:
            in_title[pk] += term_rarity
        firsts &= match.in_title_or_summary
    return [
        result(
            documents[pk],
            weighted[pk] * found[pk] * (1 + in_title[pk] / all_rarity),
            first=pk in firsts,
        )
        for pk in entries
    ]


# PostgreSQL ------------------------------------------------------------------------------


def postgres_matching(terms, current):
    """The keys of live items' entries matching any of the terms' words, through the GIN index
    on the stored vector. Each word is sent once per content version (its matches kept with the
    stored entries, at most ``WORDS_KEPT``), in one query for a search's new words. A word that
    no stored entry holds (``stored_words``) is not sent: it gives no item hits to rank."""
    kept = current.word_matches
    matched = {word: kept.get(word) for term in terms for word in term}  # each read once
    new = [word for word, found in matched.items() if found is None and stored_words(word, current)]
    if new:
        query = "plainto_tsquery(%s::regconfig, %s)"
        each_word = ", ".join([f"vector @@ {query}"] * len(new))
        any_word = " || ".join([query] * len(new))
        sql = f"SELECT id, {each_word} FROM {TABLE} WHERE vector @@ ({any_word})"
        params = [value for word in new for value in (CONFIG, word)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params * 2)
            rows = cursor.fetchall()
        for number, word in enumerate(new, start=1):
            found = frozenset(row[0] for row in rows if row[number]) & current.live
            matched[word] = keep(kept, word, found, WORDS_KEPT)
    return set().union(*(found for found in matched.values() if found))


def postgres_similar(terms, current):
    """Live items with a word spelt like one of the query's (pg_trgm's word similarity)."""
    words = similar_words(terms)
    if not words:
        return []
    similarities = {}
    for number, word in enumerate(words):
        similarities[f"a{number}"] = TrigramWordSimilarity(word, "text_a")
        similarities[f"b{number}"] = TrigramWordSimilarity(word, "text_b")
    close = reduce(or_, (Q(**{f"{name}__gte": SIMILAR}) for name in similarities))
    rows = SearchDocument.objects.annotate(**similarities).filter(close)
    documents = current.documents
    return [
        result(documents[pk], similar_score(dict(zip(similarity_keys(words), values, strict=True))))
        for pk, *values in rows.values_list("pk", *similarities)
        if pk in documents and pk in current.live
    ]


def similarity_keys(words):
    return [(name, number) for number in range(len(words)) for name in ("A", "B")]


def similar_words(terms):
    """Words long enough for a misspelling to be told from another word."""
    return sorted({word for term in terms for word in term if len(word) > 3})


def similar_score(similarities):
    """{(field, word number): similarity} to a score: each word counts by its best field,
    weighted; a similarity below ``SIMILAR`` counts nothing."""
    best = {}
    for (name, number), value in similarities.items():
        weighted = WEIGHTS[name] * value if value >= SIMILAR else 0.0
        best[number] = max(best.get(number, 0.0), weighted)
    return sum(best.values())


# SQLite and other databases ---------------------------------------------------------------


def trigrams(word):
    """pg_trgm's trigrams of one word: lower case, two spaces before and one after."""
    padded = f"  {word.lower()} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


def similarity(word, other):
    """pg_trgm's ``similarity`` of two words: shared trigrams over all trigrams."""
    mine, theirs = trigrams(word), trigrams(other)
    return len(mine & theirs) / len(mine | theirs)


def simple_similar(terms, current):
    """Like ``postgres_similar``, word by word: a stored word's similarity stands for
    ``word_similarity`` (never higher than PostgreSQL's, which may also match part of a word)."""
    words = similar_words(terms)
    if not words:
        return []
    close = [
        {
            other: value
            for other in current.vocabulary
            if (value := similarity(word, other)) >= SIMILAR
        }
        for word in words
    ]
    results = []
    for pk, document in current.documents.items():
        if pk not in current.live:
            continue
        values = {
            (name, number): max(
                (close[number][each] for each in document.counts[name] if each in close[number]),
                default=0.0,
            )
            for name, number in similarity_keys(words)
        }
        if score := similar_score(values):
            results.append(result(document, score))
    return results


# Snippets, the same on both databases -------------------------------------------------------


def add_snippets(results, terms, current):
    """Fill in each result's snippet: an excerpt of its text with the query's words marked.
    A snippet depends only on the entry and the body words marked, so each is made once per
    content version (``current.snippets``, at most ``SNIPPETS_KEPT``, emptied when full):
    queries that share their words ("back pain", "back pain running") share their snippets."""
    stems = {stem(word) for term in terms for word in term}
    words = frozenset().union(*(words_with_stem(current.body_vocabulary, each) for each in stems))
    documents, kept = current.documents, current.snippets
    for found in results:
        made = kept.get((found.pk, words))
        if made is None:
            document = documents.get(found.pk)
            made = keep(kept, (found.pk, words), snippet(document, words) if document else "",
                        SNIPPETS_KEPT)  # fmt: skip
        found.snippet = made


def excerpt(text, first, length):
    """(start, end) of about ``length`` characters of ``text`` that begin a little before
    ``first`` (the first match), cut at spaces so no word is shown in part."""
    start = max(first - 60, 0) if first < len(text) else 0
    if start and text[start - 1] != " " and (space := text.find(" ", start, first)) != -1:
        start = space + 1
    end = min(start + length, len(text))
    if end < len(text) and text[end] != " " and (space := text.rfind(" ", start, end)) > first:
        end = space
    return start, end


def snippet(document, words, length=220):
    """An excerpt of the document's body around the first of the ``words`` (those the query
    words' stems match: see ``stem``), escaped, with each of them in <mark>. Where each of the
    body's words starts is kept with the document, so this reads only the words it marks."""
    text, places = document.body, document.body_words
    matching = [word for word in words if word in places]
    first = min((places[word][0] for word in matching), default=len(text))
    start, end = excerpt(text, first, length)
    marked = sorted(
        (place, place + len(word))
        for word in matching
        for place in islice(
            places[word],
            bisect_left(places[word], start),
            bisect_right(places[word], end - len(word)),  # none running on past the end
        )
    )
    pieces, position = [], start
    for word_start, word_end in marked:
        pieces += [escape(text[position:word_start]), "<mark>"]
        pieces += [escape(text[word_start:word_end]), "</mark>"]
        position = word_end
    pieces.append(escape(text[position:end]))
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
