"""Search finds the right items first, on SQLite and (in CI's second run) PostgreSQL."""

from dataclasses import fields
from types import SimpleNamespace

import pytest
from django.urls import reverse

from search.engine import SHOWN, Result, search, stored_words
from tests.factories import ConditionFactory

pytestmark = pytest.mark.django_db


def first_after_red_flags(query):
    return next(result.title for result in search(query) if not result.call)


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("tingling leg", "Sciatica (nerve pain down the leg)"),
        ("buttock", "Piriformis syndrome"),
    ],
)
def test_symptom_words_find_the_right_condition_first_after_any_red_flag(query, first):
    assert first_after_red_flags(query) == first


@pytest.mark.usefixtures("seed")
def test_pain_bending_backwards_finds_the_two_conditions_that_hurt_that_way_first():
    top_two = {result.title for result in search("pain bending backwards")[:2]}

    assert top_two == {"Facet joint pain", "Spondylolisthesis (slipped vertebra)"}


@pytest.mark.usefixtures("seed")
def test_plank_finds_the_plank_exercises_first():
    top_two = {result.title for result in search("plank")[:2]}

    assert top_two == {"Front plank", "Side plank"}


def test_drafts_are_never_found():
    ConditionFactory(status="draft", name="Plank draft condition", summary="plank plank")

    assert "Plank draft condition" not in [result.title for result in search("plank")]


@pytest.mark.usefixtures("seed")
def test_results_page_shows_highlighted_snippets(client):
    response = client.get(reverse("search"), {"q": "buttock"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in html.lower()
    assert "Piriformis syndrome" in html


def test_empty_search_gets_a_helpful_page(client):
    html = client.get(reverse("search"), {"q": "   "}).content.decode()

    assert "for example" in html
    assert "all conditions" in html


def test_no_results_get_suggestions(client):
    html = client.get(reverse("search"), {"q": "zzzqqq"}).content.decode()

    assert "No results for" in html
    assert "all exercises" in html


def test_search_escapes_what_it_echoes(client):
    html = client.get(reverse("search"), {"q": '<script>alert("x")</script> leg'}).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_very_long_queries_are_cut_short(client):
    response = client.get(reverse("search"), {"q": "leg " * 500})

    assert response.status_code == 200
    assert ("leg " * 30) not in response.content.decode()


def test_a_short_word_matches_itself_with_common_endings_but_not_longer_words_it_starts():
    # The words matched in Python (SQLite, snippets); PostgreSQL's stemmer has its own rules.
    current = SimpleNamespace(vocabulary=sorted(["qu", "qux", "quxing", "quxs", "quxt", "quy"]))

    assert stored_words("qux", current) == {"qux", "quxs", "quxing"}


def test_a_four_letter_word_finds_its_own_forms_but_not_longer_words_it_starts():
    """Found by an audit: "disc running" listed the medical disclaimer second."""
    words = ["disc", "discs", "disclaimer", "discomfort", "numb", "numbness", "pain", "painful"]
    current = SimpleNamespace(vocabulary=sorted(words))

    assert stored_words("disc", current) == {"disc", "discs"}
    assert stored_words("discs", current) == {"disc", "discs"}
    assert stored_words("numb", current) == {"numb", "numbness"}
    assert stored_words("pain", current) == {"pain", "painful"}


def test_a_short_word_finds_the_forms_that_double_its_last_letter_and_they_find_it():
    words = ["run", "runs", "running", "runner", "runners", "rung", "runway", "rune"]
    current = SimpleNamespace(vocabulary=sorted(words))
    forms = {"run", "runs", "running", "runner", "runners"}

    assert stored_words("run", current) == forms
    assert stored_words("running", current) == forms


@pytest.mark.django_db
@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("query", ["run", "runs", "running"])
def test_run_in_any_form_finds_the_running_guide_first(query):
    assert search(query)[0].title == "Running with back pain"


def test_a_stored_entry_shows_the_fields_a_result_holds_in_their_order():
    assert tuple(field.name for field in fields(Result))[1 : 1 + len(SHOWN)] == SHOWN
