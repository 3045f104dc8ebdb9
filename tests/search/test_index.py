"""The stored search entries: every public content type, kept current on save, published only.

These run on SQLite in `make test` and on PostgreSQL in CI's second run, where the stored
vector and its GIN index are checked too.
"""

import pytest
from django.db import connection
from django.urls import reverse

from conditions.models import Condition, RedFlag, Status
from editorial import registry
from search.engine import search
from search.indexing import index_pending, rebuild_index
from search.models import SearchDocument
from tests.factories import ConditionFactory, ExerciseFactory, ExerciseStepFactory

pytestmark = pytest.mark.django_db


def titles(query):
    return [result.title for result in search(query)]


def kinds(query):
    return {result.kind for result in search(query)}


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("cauda equina", "Urgent help"),
        ("bladder", "Urgent help"),
        ("999", "Urgent help"),
        ("111", "Urgent help"),
        ("ibuprofen", "Condition"),
        ("running shoes", "Running factor"),
        ("cross training", "Guide"),
    ],
)
def test_safety_and_everyday_queries_find_what_the_site_says(query, kind):
    assert kind in kinds(query)


@pytest.mark.usefixtures("seed")
def test_bladder_finds_the_emergency_sign_first():
    assert titles("bladder")[0] == RedFlag.objects.get(slug="bladder-bowel-change").sign


@pytest.mark.usefixtures("seed")
def test_every_registered_content_type_is_indexed():
    indexed = set(SearchDocument.objects.values_list("content_type__model", flat=True))

    assert indexed == {entry.model._meta.model_name for entry in registry.searched()}
    assert indexed >= {"condition", "exercise", "riskfactor", "redflag", "guide"}


@pytest.mark.usefixtures("seed")
def test_si_joint_ranks_the_si_joint_page_first_in_a_short_list():
    results = search("SI joint")

    assert results[0].title == "Sacroiliac (SI) joint pain"
    assert len(results) <= 5


@pytest.mark.usefixtures("seed")
def test_one_word_that_matches_nothing_alone_still_finds_items_matching_any_word():
    found = titles("plank zzzqqq")

    assert "Front plank" in found


@pytest.mark.parametrize("query", ["m", "ma", "mar", "mark", "mark m", "ark"])
def test_queries_like_mark_never_show_literal_mark_tags(client, query):
    html = client.get(reverse("search"), {"q": query}).content.decode()

    results = html.split('class="list-unstyled search-results"')[-1]
    assert "&lt;mark" not in results and "&lt;/mark" not in results
    assert results.count("<mark>") == results.count("</mark>")


def test_saving_an_item_updates_its_entry_when_the_change_is_committed(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        exercise = ExerciseFactory(name="Wall slide")
    exercise.summary = "Trains the quadrilateral deep abdominals."
    with django_capture_on_commit_callbacks(execute=True):
        exercise.save()

    assert titles("quadrilateral") == ["Wall slide"]


def test_saving_a_step_updates_its_exercise_entry(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        step = ExerciseStepFactory(exercise=ExerciseFactory(name="Wall slide"))
    step.text = "Breathe like a zeppelin."
    with django_capture_on_commit_callbacks(execute=True):
        step.save()

    assert titles("zeppelin") == ["Wall slide"]


def test_unpublishing_or_deleting_an_item_removes_it_from_search(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        unpublished = ExerciseFactory(name="Wall plank")
        deleted = ExerciseFactory(name="Ceiling plank")
    assert {"Wall plank", "Ceiling plank"} <= set(titles("plank"))
    unpublished.status = Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        unpublished.save()
        deleted.delete()

    assert not SearchDocument.objects.filter(title__in=["Wall plank", "Ceiling plank"]).exists()
    assert not {"Wall plank", "Ceiling plank"} & set(titles("plank"))


def test_draft_rows_are_never_indexed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ConditionFactory(status=Status.DRAFT, name="Secret draft", summary="xylophone")

    assert not SearchDocument.objects.filter(title="Secret draft").exists()
    assert titles("xylophone") == []


def test_an_entry_left_behind_by_a_bulk_update_is_still_not_shown(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        condition = ConditionFactory(name="Meralgia", summary="Burning outer thigh.")
    assert titles("meralgia") == ["Meralgia"]

    Condition.objects.filter(pk=condition.pk).update(status=Status.DRAFT)

    assert titles("meralgia") == []


def test_many_saves_in_one_transaction_index_the_item_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        exercise = ExerciseFactory()
        ExerciseStepFactory.create_batch(3, exercise=exercise)
        for step in exercise.steps.all():
            step.save()
        exercise.save()

    assert callbacks.count(index_pending) == 1


def test_rebuilding_the_index_gives_the_same_results():
    before = titles("tingling leg")
    rebuild_index()

    assert titles("tingling leg") == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_on_postgresql_vectors_are_stored_and_gin_indexed():
    assert not SearchDocument.objects.filter(vector__isnull=True).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'search_searchdocument'")
        definitions = " ".join(row[0] for row in cursor.fetchall())
    assert "USING gin (vector)" in definitions


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_on_postgresql_pg_trgm_is_installed_for_misspellings():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)
