"""On PostgreSQL each query word is matched through the GIN index once per content version,
and a word no stored entry holds is not sent: searches rank exactly as when every word of every
search is sent to the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import engine
from search.engine import Stored
from tests.search.test_term_matches import ranking

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("seed"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index only"),
]

WORDS = ["back", "pain", "sitting", "leg", "numb", "pee", "plank", "stretch", "running", "hip",
         "disc", "bending", "x123", "sciatica", "wee", "tingling", "morning", "stiff", "studies",
         "ran", "sat", "qqq"]  # fmt: skip


def every_word_sent(terms, current):
    """The matching before words were kept: every word of the search sent, every time."""
    words = list(dict.fromkeys(word for term in terms for word in term))
    any_word = " || ".join(["plainto_tsquery(%s::regconfig, %s)"] * len(words))
    sql = f"SELECT id FROM {engine.TABLE} WHERE vector @@ ({any_word})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for word in words for value in (engine.CONFIG, word)])
        return {row[0] for row in cursor.fetchall()} & current.live


def matching_queries(run):
    with CaptureQueriesContext(connection) as queries:
        run()
    return [query for query in queries if "plainto_tsquery" in query["sql"]]


def test_a_word_searched_for_again_is_not_sent_again():
    current = Stored.read()
    ranking("back pain", current)

    assert matching_queries(lambda: ranking("pain back", current)) == []


def test_a_word_no_entry_holds_is_not_sent():
    current = Stored.read()
    ranking("back pain", current)

    assert matching_queries(lambda: ranking("back pain x123qq", current)) == []


def test_only_a_searchs_new_words_are_sent_in_one_query():
    current = Stored.read()
    ranking("back", current)

    sent = matching_queries(lambda: ranking("back plank sitting", current))

    assert len(sent) == 1
    assert "'plank'" in sent[0]["sql"]
    assert "'sitting'" in sent[0]["sql"]
    assert "'back'" not in sent[0]["sql"]


def test_kept_word_matches_never_outgrow_their_bound(monkeypatch):
    current = Stored.read()
    monkeypatch.setattr(engine, "WORDS_KEPT", 2)
    for query in ("back", "pain", "sitting plank", "leg"):
        ranking(query, current)
        assert len(current.word_matches) <= 2


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(queries=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), max_size=6))
def test_searches_rank_as_when_every_word_is_sent_every_time(queries):
    kept = Stored.read()
    for words in queries:
        query = " ".join(words)
        fresh = Stored.read()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(engine, "postgres_matching", every_word_sent)
            expected = ranking(query, fresh)
        assert ranking(query, kept) == expected
