"""Snippets mark exactly the words a query matches, read from each entry's word list.

The reference below finds the same places with regular expressions over the whole text, the
way snippets were made before the entries kept their words: the two must agree on any text.
"""

import re
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from search.engine import Document, lower_keeping_length, snippet, stem, words_with_stem

WORDS = ["leg", "legs", "legging", "sit", "sitting", "sits", "pain", "painful", "Pain", "numb",
         "numbness", "sites", "legend", "x", "back", "backwards", "İstanbul", "naïve", "café", "_under_", "42"]  # fmt: skip
SEPARATORS = [" ", "  ", ", ", ". ", "-", "\n", "**", "'", "’"]


def document(text):
    return Document.of(
        {
            "pk": 1,
            "kind": "",
            "title": "",
            "url": "",
            "summary": "",
            "call": "",
            "text_a": "",
            "text_b": text,
            "text_c": "",
        }  # fmt: skip
    )


def matching(entry, words):
    """The words of the entry's body that the query words match, as search finds them."""
    vocabulary = sorted(entry.body_words)
    return set().union(*(words_with_stem(vocabulary, stem(word)) for word in words))


def reference_snippet(text, lower, words, length=220):
    """Regular expressions over the whole text: each query word's stem at the start of a word."""
    patterns = []
    for word in words:
        start, whole = stem(word)
        start = re.escape(start)
        patterns.append(re.compile(rf"{start}(?<!\w{start})" + (r"s?(?!\w)" if whole else r"\w*")))
    firsts = (found.start() for pattern in patterns if (found := pattern.search(lower)))
    first = min(firsts, default=len(text))
    start = max(first - 60, 0) if first < len(text) else 0
    end = min(start + length, len(text))
    marked = sorted(
        found.span()
        for pattern in patterns
        for found in pattern.finditer(lower, start, end + 1)
        if found.end() <= end
    )
    pieces, position = [], start
    for span_start, span_end in marked:
        if span_start < position:
            continue
        pieces += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end])]
        pieces.append("</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")


texts = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=10, max_size=150
).map(lambda pairs: "".join(word + separator for word, separator in pairs))
queries = st.lists(st.sampled_from([word.lower() for word in WORDS] + ["sitt", "pai", "zz"]),
                   min_size=1, max_size=4)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(text=texts, words=queries)
def test_snippets_mark_the_same_words_as_a_whole_text_search(text, words):
    entry = document(text)

    made = snippet(entry, matching(entry, words))

    assert made == reference_snippet(entry.body, lower_keeping_length(entry.body), words)


def test_snippet_starts_a_little_before_the_first_match_and_marks_each_match():
    entry = document("word " * 30 + "sitting hurts; sits badly, the sitter " + "word " * 40)

    made = snippet(entry, matching(entry, ["sitting"]))

    assert made.startswith("…word")
    assert made.endswith("…")
    assert "<mark>sitting</mark> hurts; sits badly, the <mark>sitter</mark>" in made


def test_snippet_escapes_the_text_around_its_marks():
    entry = document("Pain <b after a run & pain at 'rest'")

    assert snippet(entry, matching(entry, ["pain"])) == (
        "<mark>Pain</mark> &lt;b after a run &amp; <mark>pain</mark> at &#x27;rest&#x27;"
    )


def test_a_word_cut_by_the_end_of_the_excerpt_is_not_marked():
    entry = document("pain " + "a" * 211 + " pain and more")

    made = snippet(entry, matching(entry, ["pain"]))

    assert made.count("<mark>") == 1
    assert made.endswith(" pai…")
