"""Snippets mark exactly the words a query matches, read from each entry's word list.

The reference below finds the same places with regular expressions over the whole text, the
way snippets were made before the entries kept their words: the two must agree on any text.
"""

import re
from html import escape
from unittest import mock

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from search.engine import (
    DOUBLED,
    DOUBLING_ENDINGS,
    WHOLE_WORD_ENDINGS,
    Document,
    excerpt,
    lower_keeping_length,
    snippet,
    stem,
    words_with_stem,
)
from tests.factories import ConditionFactory, ConditionSymptomFactory

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
        endings = "|".join(sorted(DOUBLING_ENDINGS, key=len, reverse=True))
        doubled = rf"|{start[-1]}(?:{endings})" if start[-1:] in DOUBLED else ""
        whole_endings = "|".join(sorted(filter(None, WHOLE_WORD_ENDINGS), key=len, reverse=True))
        ending = rf"(?:{whole_endings}{doubled})?(?!\w)" if whole else r"\w*"
        patterns.append(re.compile(rf"{start}(?<!\w{start})" + ending))
    firsts = (found.start() for pattern in patterns if (found := pattern.search(lower)))
    first = min(firsts, default=len(text))
    start, end = excerpt(text, first, length)
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
    assert "<mark>sitting</mark> hurts; <mark>sits</mark> badly, the <mark>sitter</mark>" in made


def test_snippet_escapes_the_text_around_its_marks():
    entry = document("Pain <b after a run & pain at 'rest'")

    assert snippet(entry, matching(entry, ["pain"])) == (
        "<mark>Pain</mark> &lt;b after a run &amp; <mark>pain</mark> at &#x27;rest&#x27;"
    )


def test_a_word_cut_by_the_end_of_the_excerpt_is_not_marked():
    entry = document("pain " + "a" * 211 + " pain and more")
    places = entry.body_words

    made = snippet(entry, {"pain"}, length=220)

    assert made.count("<mark>") == 1
    assert made.endswith("aaa…")
    assert places["pain"][1] + len("pain") > 220  # the second "pain" runs past the excerpt


def test_an_excerpt_begins_and_ends_with_whole_words():
    entry = document(" ".join(f"word{number}" for number in range(100)) + " sitting " + "end " * 80)

    made = snippet(entry, matching(entry, ["sitting"]))

    assert made.startswith("…word") and made[len("…word") :].split(" ")[0].isdigit()
    assert made.removesuffix("…").split(" ")[-1] == "end"
    assert "<mark>sitting</mark>" in made


@settings(max_examples=300, deadline=None)
@given(text=texts, data=st.data())
def test_an_excerpt_holds_the_first_match_and_cuts_only_at_spaces(text, data):
    body = document(text).body
    first = data.draw(st.integers(0, len(body)))

    start, end = excerpt(body, first, 220)

    if first < len(body):
        assert start <= first < end
    assert start == 0 or body[start - 1] == " " or " " not in body[start:first]
    assert end == len(body) or body[end] == " " or " " not in body[first + 1 : end]


@pytest.mark.django_db
def test_a_snippet_keeps_the_break_between_a_condition_s_summary_and_its_symptoms(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        condition = ConditionFactory(name="Stiff back", summary="Stiffness after long runs")
        ConditionSymptomFactory(condition=condition, symptom__name="It hurts when I bend forwards")
        ConditionSymptomFactory(condition=condition, symptom__name="Sitting makes it worse")

    html = client.get(reverse("search"), {"q": "stiffness"}).content.decode()

    assert "<mark>Stiffness</mark> after long runs. It hurts when I bend forwards." in html
    assert "bend forwards. Sitting makes it worse." in html


def test_a_markdown_list_reads_as_bullets_in_a_snippet():
    entry = document("Strengthening exercises include:\n\n- dead bug\n- front plank\n2. side plank")

    made = snippet(entry, matching(entry, ["plank"]))

    assert made == (
        "Strengthening exercises include: • dead bug • front <mark>plank</mark> • side <mark>plank</mark>"
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("seed")
def test_no_entry_of_the_seed_content_shows_a_markdown_list_mark_in_its_snippets():
    """An exercise's "Easier" list, joined after its steps, showed "…other side. - Lift your
    knee…" (a fresh-eyes audit): every joined text now starts a line of its own."""
    from search.engine import Stored

    marks = re.compile(r"(?:^|\s)[-+*](?=\s|$)")
    bodies = {doc.shown["title"]: doc.body for doc in Stored.read().documents.values()}

    assert len(bodies) > 40
    assert [title for title, body in bodies.items() if marks.search(body)] == []


def test_the_list_mark_sweep_sees_a_list_opening_a_joined_text():
    from editorial.registry import joined

    entry = document(joined("Lie on your side.", "- Lift your knee only a short way."))

    assert "•" in entry.body and " - " not in entry.body


def stored_with(*texts):
    from search.engine import Stored

    documents = {number: document(text) for number, text in enumerate(texts, start=1)}
    for number, entry in documents.items():
        entry.pk = number
    body_words = sorted({word for entry in documents.values() for word in entry.body_words})
    return Stored({}, documents, body_words, body_words)


def results_for(current):
    from search.engine import Result

    return [Result(pk, "", "", "", "", "", score=1.0) for pk in current.documents]


def test_a_kept_snippet_is_the_one_made_afresh_and_is_made_once_per_words_marked():
    from search import engine

    current = stored_with("Pain when sitting at a desk.", "Sitting still; pain in the leg.")
    with mock.patch.object(engine, "snippet", wraps=engine.snippet) as made:
        first, again, other = results_for(current), results_for(current), results_for(current)
        engine.add_snippets(first, [("pain",)], current)
        engine.add_snippets(again, [("pain",), ("xyzzy",)], current)  # marks the same words
        engine.add_snippets(other, [("sitting",)], current)

    assert [found.snippet for found in again] == [found.snippet for found in first]
    assert [found.snippet for found in first] == [
        snippet(entry, {"pain"}) for entry in current.documents.values()
    ]
    assert "<mark>Sitting</mark>" in other[1].snippet
    assert made.call_count == 4  # two entries, each for "pain" and for "sitting"


def test_kept_snippets_never_outgrow_their_bound():
    from search import engine

    current = stored_with("Pain when sitting.", "Sitting still; pain.")
    with mock.patch.object(engine, "SNIPPETS_KEPT", 3):
        for word in ("pain", "sitting", "still", "when"):
            engine.add_snippets(results_for(current), [(word,)], current)
            assert len(current.snippets) <= 3
