"""The clinicians' synonym list: how a query's phrases become search words, and that only a
published synonym changes what runners find, at once, through the one publication workflow."""

import pytest
from django.contrib import admin
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from editorial import registry
from search.engine import search
from search.models import Synonym
from search.synonyms import STOP_WORDS, Meaning, meaning_of, phrases_of, query_terms, words_of
from tests.editorial.clinicians import admin_url, make_reviewer, publish_as

BLADDER = Meaning(phrases=(("cant", "pee"), ("pee",)), words=("bladder", "peeing"))
FOAM = Meaning(phrases=(("foam", "roller"),), words=("massage", "ball"))


def test_a_phrase_becomes_one_term_of_the_synonyms_words():
    assert query_terms("foam roller for my back", phrases_of([FOAM])) == [
        ("massage", "ball"),
        ("back",),
    ]


def test_capitals_and_curly_apostrophes_do_not_matter():
    assert query_terms("CAN’T Pee", phrases_of([BLADDER])) == [("bladder", "peeing")]


def test_the_longest_phrase_wins():
    assert query_terms("can't pee", phrases_of([BLADDER])) == query_terms(
        "cant pee", phrases_of([BLADDER])
    )
    assert query_terms("can't pee", phrases_of([BLADDER])) == [("bladder", "peeing")]


def test_a_phrase_matches_whole_words_only():
    assert query_terms("peel", phrases_of([BLADDER])) == [("peel",)]


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert query_terms("pain when sitting") == [("pain",), ("sitting",)]
    assert query_terms("when") == [("when",)]


def reference_terms(query, meanings):
    """Every meaning's every phrase tried at each word, the longest (then the first) kept."""
    tokens, terms, position = words_of(query), [], 0
    while position < len(tokens):
        best = (0, None)
        for meaning in meanings:
            for phrase in meaning.phrases:
                here = tuple(tokens[position : position + len(phrase)])
                if len(phrase) > best[0] and here == phrase:
                    best = (len(phrase), meaning.words)
        terms.append(best[1] if best[0] else (tokens[position],))
        position += best[0] or 1
    meaningful = [term for term in terms if len(term) > 1 or term[0] not in STOP_WORDS]
    return list(dict.fromkeys(meaningful or terms))


VOCABULARY = ["cant", "pee", "foam", "roller", "leg", "numb", "when", "my", "back", "pins"]
phrases = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3).map(tuple)
meanings = st.lists(
    st.builds(
        Meaning,
        phrases=st.lists(phrases, min_size=1, max_size=3).map(tuple),
        words=st.lists(
            st.sampled_from(["bladder", "massage", "ball", "numbness"]),
            min_size=1,
            max_size=2,
            unique=True,
        ).map(tuple),  # fmt: skip
    ),
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(query=st.lists(st.sampled_from(VOCABULARY), max_size=8).map(" ".join), listed=meanings)
def test_terms_take_the_longest_phrase_at_each_word_and_the_first_meaning_that_has_it(
    query, listed
):
    assert query_terms(query, phrases_of(listed)) == reference_terms(query, listed)


def test_a_synonym_reads_one_phrase_a_line_and_its_words_once():
    synonym = Synonym(
        phrases="Can't pee\n\n  trouble   peeing \n", search_words="bladder pee bladder"
    )

    assert meaning_of(synonym) == Meaning(
        phrases=(("cant", "pee"), ("trouble", "peeing")), words=("bladder", "pee")
    )


@pytest.mark.django_db
def test_synonyms_are_reviewed_content_under_the_one_workflow():
    assert registry.is_registered(Synonym)
    assert not registry.is_shared_row(Synonym)
    assert Synonym in admin.site._registry


@pytest.mark.usefixtures("seed")
@pytest.mark.django_db
def test_the_shipped_synonyms_are_live():
    assert Synonym.objects.live().filter(slug="massage-ball").exists()


@pytest.mark.django_db
def test_a_draft_synonym_changes_no_search():
    Synonym.objects.create(
        name="Wobble", slug="wobble", phrases="wobbleboard", search_words="plank"
    )

    assert search("wobbleboard") == []


@pytest.mark.usefixtures("seed")
@pytest.mark.django_db
def test_publishing_a_synonym_reaches_a_search_already_cached(client):
    url = reverse("search")
    assert "No results for" in client.get(url, {"q": "wobbleboard"}).content.decode()
    draft = Synonym.objects.create(
        name="Wobble", slug="wobble", phrases="wobbleboard", search_words="plank"
    )

    publish_as(make_reviewer(), draft)

    assert "Front plank" in client.get(url, {"q": "wobbleboard"}).content.decode()


@pytest.mark.usefixtures("seed")
@pytest.mark.django_db
def test_a_changed_synonym_reaches_searches_once_its_draft_is_published(client):
    live = Synonym.objects.live().get(slug="massage-ball")
    url = reverse("search")
    assert "Massage ball glute release" in client.get(url, {"q": "foam roller"}).content.decode()
    reviewer = make_reviewer()
    draft = Synonym.objects.create(
        draft_of=live, name=live.name, slug=live.slug, phrases=live.phrases, search_words="plank"
    )
    assert "Massage ball glute release" in client.get(url, {"q": "foam roller"}).content.decode()

    publish_as(reviewer, draft)

    html = client.get(url, {"q": "foam roller"}).content.decode()
    assert "Front plank" in html
    assert "Massage ball glute release" not in html


@pytest.mark.usefixtures("seed")
@pytest.mark.django_db
def test_the_preview_of_a_synonym_draft_searches_its_first_phrase_with_the_draft(client):
    reviewer = make_reviewer()
    client.force_login(reviewer)
    draft = Synonym.objects.create(
        name="Wobble", slug="wobble", phrases="wobbleboard\nwobble cushion", search_words="plank"
    )

    response = client.get(admin_url(draft, "preview"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="wobbleboard"' in html
    assert "Front plank" in html


@pytest.mark.usefixtures("seed")
@pytest.mark.django_db
def test_an_editor_opens_a_new_synonym_in_admin_and_a_live_one_only_read_only(client):
    from tests.editorial.clinicians import make_editor

    client.force_login(make_editor())
    live = Synonym.objects.live().get(slug="massage-ball")

    assert client.get(reverse("admin:search_synonym_add")).status_code == 200
    response = client.get(admin_url(live))
    assert response.status_code == 200
    assert "massage ball" in response.content.decode()
    assert 'name="search_words"' not in response.content.decode()
