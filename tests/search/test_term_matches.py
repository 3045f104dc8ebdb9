"""Each term's matches are made once per content version and kept with the stored entries:
a search that reuses them ranks exactly as one that makes them afresh."""

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import engine
from search.engine import Stored, TermMatch

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

WORDS = ["back", "pain", "sitting", "leg", "numb", "pee", "plank", "stretch", "running", "hip",
         "disc", "bending", "x123", "sciatica", "wee", "tingling", "morning", "stiff"]  # fmt: skip


def ranking(query, current):
    terms = engine.terms_of(query, current)
    return [
        (found.title, round(found.score, 9), found.first) for found in engine.ranked(terms, current)
    ]


def test_a_search_made_again_makes_no_term_match_and_ranks_as_before():
    current = Stored.read()
    with mock.patch.object(TermMatch, "of", wraps=TermMatch.of) as made:
        first = ranking("back pain", current)
        made_first = made.call_count
        again = ranking("back pain", current)

    assert made_first == 2  # "back" and "pain"
    assert made.call_count == made_first
    assert again == first


def test_kept_term_matches_never_outgrow_their_bound():
    current = Stored.read()
    with mock.patch.object(engine, "TERMS_KEPT", 2):
        for word in ("back", "pain", "sitting", "plank"):
            ranking(word, current)
            assert len(current.term_matches) <= 2


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(queries=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), max_size=6))
def test_searches_that_reuse_kept_matches_rank_as_fresh_ones(queries):
    kept = Stored.read()
    for words in queries:
        query = " ".join(words)
        assert ranking(query, kept) == ranking(query, Stored.read())
