import json
import re

import pytest
from django.urls import reverse

from conditions.models import Status
from exercises.models import Exercise
from tests.factories import ConditionExerciseFactory, ExerciseFactory, ExerciseStepFactory

pytestmark = pytest.mark.django_db


def listed_slugs(response):
    return re.findall(r'name="e" value="([\w-]+)"', response.content.decode())


def test_library_lists_every_published_exercise(client):
    response = client.get(reverse("exercises:list"))

    assert set(listed_slugs(response)) == set(
        Exercise.objects.published().values_list("slug", flat=True)
    )


def test_filters_combine_and_the_count_is_right(client):
    expected = Exercise.objects.published().filter(
        conditions__slug="facet-joint-pain", body_area="glutes", difficulty="easy"
    )

    response = client.get(
        reverse("exercises:list"),
        {"condition": "facet-joint-pain", "area": "glutes", "difficulty": "easy"},
    )

    assert sorted(listed_slugs(response)) == sorted(expected.values_list("slug", flat=True))
    assert f"{expected.count()} exercise" in response.content.decode()


def test_each_filter_narrows_the_list(client):
    everything = len(listed_slugs(client.get(reverse("exercises:list"))))
    by_condition = listed_slugs(client.get(reverse("exercises:list"), {"condition": "sciatica"}))
    by_equipment = listed_slugs(client.get(reverse("exercises:list"), {"equipment": "ball"}))

    assert 0 < len(by_condition) < everything
    assert by_equipment == ["massage-ball-glute-release"]


def test_unknown_filter_values_are_reported_not_a_500(client):
    response = client.get(reverse("exercises:list"), {"area": "<script>", "difficulty": "x"})

    assert response.status_code == 200
    assert "not recognised" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_filters_with_no_match_get_a_helpful_message(client):
    response = client.get(reverse("exercises:list"), {"area": "nerves", "equipment": "ball"})

    assert "No exercises match" in response.content.decode()


def test_exercise_page_shows_steps_dose_versions_cautions_and_conditions(client):
    exercise = Exercise.objects.get(slug="side-plank")

    html = client.get(exercise.get_absolute_url()).content.decode()

    for step in exercise.steps.all():
        assert step.text.split()[0] in html
    assert exercise.dose.capitalize() in html
    assert "To make it easier" in html and "To make it harder" in html
    assert "Take care" in html
    assert "Muscular back strain" in html
    assert "Page last reviewed:" in html


def test_exercise_page_carries_an_exercise_plan_in_json_ld(client):
    html = client.get(reverse("exercises:detail", args=["dead-bug"])).content.decode()

    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    page = json.loads(block)
    assert page["@type"] == "MedicalWebPage"
    assert page["lastReviewed"]
    assert page["mainEntity"]["@type"] == "ExercisePlan"
    assert page["mainEntity"]["name"] == "Dead bug"


def test_draft_exercise_is_404_for_the_public_and_for_staff(client, admin_user):
    draft = ExerciseFactory(status=Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(admin_user)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_sheet_keeps_the_selection_in_the_url_in_order(client):
    response = client.get(reverse("exercises:sheet") + "?e=cobra&e=side-plank&e=cobra")

    html = response.content.decode()
    assert html.index('id="sheet-cobra"') < html.index('id="sheet-side-plank"')
    assert html.count('id="sheet-cobra"') == 1
    checked = re.findall(r'value="([\w-]+)" id="choose-[\w-]+" checked', html)
    assert sorted(checked) == ["cobra", "side-plank"]


@pytest.mark.parametrize(
    ("slug", "boxes"),
    [("cobra", 14), ("dead-bug", 4), ("twice-daily", 28), ("slump-slider", 42)],
    ids=["once-a-day", "two-days-a-week", "twice-a-day", "two-to-three-times-a-day"],
)
def test_sheet_tick_boxes_follow_each_exercise_frequency_over_two_weeks(client, slug, boxes):
    ExerciseFactory(slug="twice-daily", frequency="Twice a day")
    html = client.get(reverse("exercises:sheet") + f"?e={slug}").content.decode()

    assert html.count("☐") == boxes


def test_sheet_leaves_out_unknown_and_draft_exercises_with_a_message(client):
    draft = ExerciseFactory(status=Status.DRAFT)

    response = client.get(reverse("exercises:sheet"), {"e": ["nope", draft.slug, "cobra"]})

    html = response.content.decode()
    assert "could not be found" in html
    assert 'id="sheet-cobra"' in html
    assert f'id="sheet-{draft.slug}"' not in html


def test_exercise_list_query_budget(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(reverse("exercises:list"), {"condition": "sciatica", "area": "nerves"})


def test_exercise_page_query_count_does_not_grow_with_links(client, django_assert_max_num_queries):
    exercise = ExerciseFactory()
    ExerciseStepFactory.create_batch(12, exercise=exercise)
    ConditionExerciseFactory.create_batch(10, exercise=exercise)

    with django_assert_max_num_queries(5):
        assert client.get(exercise.get_absolute_url()).status_code == 200


def test_sheet_query_count_does_not_grow_with_the_selection(client, django_assert_max_num_queries):
    slugs = list(Exercise.objects.values_list("slug", flat=True))

    with django_assert_max_num_queries(3):
        assert client.get(reverse("exercises:sheet"), {"e": slugs}).status_code == 200
