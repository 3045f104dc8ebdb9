"""What a query asks for: its words, with runners' phrases swapped for the words our pages use.

A query becomes a list of *terms*; each term is a tuple of words, any of which may match. A
plain word is a term of its own; a phrase from the clinicians' synonym list (``Synonym``) becomes
one term holding the synonym's search words. Phrases are matched on whole words, longest first,
ignoring capitals and apostrophes ("Can’t pee" is "cant pee").
"""

import re
from dataclasses import dataclass

APOSTROPHES = re.compile(r"['’‘`]")
WORD = re.compile(r"\w+")
STOP_WORDS = {"a", "am", "an", "and", "are", "at", "be", "can", "cant", "cannot", "do", "does",
              "for", "how", "i", "if", "im", "in", "is", "it", "me", "my", "of", "on", "or",
              "should", "t", "the", "to", "what", "when", "why", "with"}  # fmt: skip


def words_of(text):
    return WORD.findall(APOSTROPHES.sub("", text.lower()))


@dataclass(frozen=True)
class Meaning:
    """One synonym as search uses it: the phrases (each a tuple of words) and its words."""

    phrases: tuple
    words: tuple


def meaning_of(synonym):
    phrases = {tuple(words_of(line)) for line in synonym.phrases.splitlines()}
    return Meaning(
        phrases=tuple(sorted(phrase for phrase in phrases if phrase)),
        words=tuple(dict.fromkeys(words_of(synonym.search_words))),
    )


def meanings_of(synonyms):
    return [meaning for meaning in map(meaning_of, synonyms) if meaning.words]


def phrases_of(meanings):
    """Each phrase (a tuple of words) -> the words of its meaning; where two meanings share a
    phrase, the first listed wins."""
    phrases = {}
    for meaning in meanings:
        for phrase in meaning.phrases:
            phrases.setdefault(phrase, meaning.words)
    return phrases


def query_terms(query, phrases=None):
    """The terms of ``query`` (``phrases`` as ``phrases_of`` gives them): the longest phrase
    at each word first, stop words dropped (unless nothing else is left), repeats once."""
    phrases = phrases or {}
    tokens = words_of(query)
    longest = max(map(len, phrases), default=0)
    terms, position = [], 0
    while position < len(tokens):
        for length in range(min(longest, len(tokens) - position), 0, -1):
            if (words := phrases.get(tuple(tokens[position : position + length]))) is not None:
                terms.append(words)
                position += length
                break
        else:
            terms.append((tokens[position],))
            position += 1
    meaningful = [term for term in terms if len(term) > 1 or term[0] not in STOP_WORDS]
    return list(dict.fromkeys(meaningful or terms))
