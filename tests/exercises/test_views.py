import json
import re

import pytest
from django.urls import reverse

from conditions.models import Status
from conditions.traits import Trait
from exercises.models import Exercise, ExerciseRule
from tests.factories import (
    ConditionExerciseFactory,
    ConditionFactory,
    ExerciseFactory,
    ExerciseStepFactory,
)

pytestmark = pytest.mark.django_db


def listed_slugs(response):
    return re.findall(r'name="e" value="([\w-]+)"', response.content.decode())


def test_library_lists_every_published_exercise(client):
    response = client.get(reverse("exercises:list"))

    assert set(listed_slugs(response)) == set(
        Exercise.objects.published().values_list("slug", flat=True)
    )


def test_filters_combine_and_the_count_is_right(client):
    condition = ConditionFactory()
    glutes, core = Exercise.BodyArea.GLUTES, Exercise.BodyArea.CORE
    easy, hard = Exercise.Difficulty.EASY, Exercise.Difficulty.HARD
    wanted = [ExerciseFactory(body_area=glutes, difficulty=easy) for _ in range(2)]
    linked = [
        *wanted,
        ExerciseFactory(body_area=core, difficulty=easy),
        ExerciseFactory(body_area=glutes, difficulty=hard),
    ]
    for exercise in linked:
        ConditionExerciseFactory(condition=condition, exercise=exercise)
    ExerciseFactory(body_area=glutes, difficulty=easy)  # for another condition

    response = client.get(
        reverse("exercises:list"),
        {"condition": condition.slug, "area": "glutes", "difficulty": "easy"},
    )

    assert sorted(listed_slugs(response)) == sorted(exercise.slug for exercise in wanted)
    assert "2 exercises" in response.content.decode()


def test_each_filter_narrows_the_list(client):
    link = ConditionExerciseFactory()
    ball = ExerciseFactory(equipment=Exercise.Equipment.BALL)
    with_a_ball = Exercise.objects.published().filter(equipment=Exercise.Equipment.BALL)

    everything = listed_slugs(client.get(reverse("exercises:list")))
    by_condition = listed_slugs(
        client.get(reverse("exercises:list"), {"condition": link.condition.slug})
    )
    by_equipment = listed_slugs(client.get(reverse("exercises:list"), {"equipment": "ball"}))

    assert by_condition == [link.exercise.slug]
    assert ball.slug in by_equipment
    assert set(by_equipment) == set(with_a_ball.values_list("slug", flat=True))
    assert len(by_equipment) < len(everything)


def test_unknown_filter_values_are_reported_not_a_500(client):
    response = client.get(reverse("exercises:list"), {"area": "<script>", "difficulty": "x"})

    assert response.status_code == 200
    assert "not recognised" in response.content.decode()
    assert "<script>" not in response.content.decode()


@pytest.mark.usefixtures("seed")
def test_filters_with_no_match_get_a_helpful_message(client):
    condition = ConditionExerciseFactory(exercise__body_area=Exercise.BodyArea.CORE).condition

    response = client.get(
        reverse("exercises:list"), {"condition": condition.slug, "area": "nerves"}
    )

    assert "No exercises match" in response.content.decode()


def test_exercise_page_shows_steps_dose_versions_cautions_and_conditions(client):
    exercise = ExerciseFactory()
    ExerciseStepFactory(exercise=exercise, text="Lie on your side.")
    ExerciseStepFactory(exercise=exercise, text="Lift your hips.")
    ConditionExerciseFactory(exercise=exercise, condition__name="Muscular back strain")

    html = client.get(exercise.get_absolute_url()).content.decode()

    for step in exercise.steps.all():
        assert step.text.split()[0] in html
    assert exercise.dose.capitalize() in html
    assert "To make it easier" in html and "To make it harder" in html
    assert "Take care" in html
    assert "Muscular back strain" in html
    assert "Page last reviewed:" in html


def test_exercise_page_carries_an_exercise_plan_in_json_ld(client):
    exercise = ExerciseFactory(name="Dead bug")

    html = client.get(exercise.get_absolute_url()).content.decode()

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
    ExerciseFactory(slug="cobra-x")
    ExerciseFactory(slug="side-plank-x")

    response = client.get(reverse("exercises:sheet") + "?e=side-plank-x&e=cobra-x&e=side-plank-x")

    html = response.content.decode()
    assert html.index('id="sheet-side-plank-x"') < html.index('id="sheet-cobra-x"')
    assert html.count('id="sheet-side-plank-x"') == 1
    checked = re.findall(r'value="([\w-]+)" id="choose-[\w-]+" checked', html)
    assert sorted(checked) == ["cobra-x", "side-plank-x"]


@pytest.mark.parametrize(
    ("frequency", "boxes"),
    [
        ("Once a day", 14),
        ("At least 2 days a week", 4),
        ("Twice a day", 28),
        ("Two to three times a day", 42),
    ],
)
def test_sheet_tick_boxes_follow_each_exercise_frequency_over_two_weeks(client, frequency, boxes):
    exercise = ExerciseFactory(frequency=frequency)

    html = client.get(reverse("exercises:sheet") + f"?e={exercise.slug}").content.decode()

    assert html.count("☐") == boxes


def test_sheet_leaves_out_unknown_and_draft_exercises_with_a_message(client):
    draft = ExerciseFactory(status=Status.DRAFT)

    live = ExerciseFactory()

    response = client.get(reverse("exercises:sheet"), {"e": ["nope", draft.slug, live.slug]})

    html = response.content.decode()
    assert "could not be found" in html
    assert f'id="sheet-{live.slug}"' in html
    assert f'id="sheet-{draft.slug}"' not in html


def test_exercise_list_query_budget(client, django_assert_max_num_queries):
    condition = ConditionExerciseFactory(exercise__body_area=Exercise.BodyArea.NERVES).condition

    # One more than before the thumbnails: the pictures of all the listed exercises at once.
    with django_assert_max_num_queries(4):
        client.get(reverse("exercises:list"), {"condition": condition.slug, "area": "nerves"})


def test_exercise_page_query_count_does_not_grow_with_links(client, django_assert_max_num_queries):
    exercise = ExerciseFactory()
    ExerciseStepFactory.create_batch(12, exercise=exercise)
    ConditionExerciseFactory.create_batch(10, exercise=exercise)
    for trait in Trait.values:
        ExerciseRule.objects.create(exercise=exercise, trait=trait, until="it settles")

    # The exercise, its steps, pictures, rules, sources and condition links: one query each.
    with django_assert_max_num_queries(6):
        assert client.get(exercise.get_absolute_url()).status_code == 200


def test_sheet_query_count_does_not_grow_with_the_selection(client, django_assert_max_num_queries):
    slugs = list(Exercise.objects.values_list("slug", flat=True))

    # The exercises, their steps, their uploaded pictures, and the list to choose from.
    with django_assert_max_num_queries(4):
        assert client.get(reverse("exercises:sheet"), {"e": slugs}).status_code == 200


def test_exercise_page_shows_who_should_wait_from_the_exercises_rules(client):
    exercise = ExerciseFactory()
    ExerciseRule.objects.create(
        exercise=exercise, trait=Trait.LEANING_BACK_HURTS, until="leaning back no longer hurts"
    )
    ExerciseRule.objects.create(exercise=exercise, trait=Trait.NO_LEG_SYMPTOMS)

    page = client.get(exercise.get_absolute_url()).content.decode()

    assert "Who should wait" in page
    assert "If leaning backwards hurts: start it once leaning back no longer hurts." in page
    assert "If nothing reaches the leg: it is left out, as it is not meant for you." in page
    assert page.index("leaning back no longer hurts") < page.index("If nothing reaches the leg")


def offered(response, name):
    select = response.content.decode().split(f'name="{name}"')[1].split("</select>")[0]
    return [value for value in re.findall(r'<option value="([\w-]*)"', select) if value]


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("name", ["area", "difficulty", "equipment"])
def test_every_filter_choice_offered_lists_some_exercise(client, name):
    choices = offered(client.get(reverse("exercises:list")), name)

    assert choices
    for value in choices:
        assert listed_slugs(client.get(reverse("exercises:list"), {name: value})), value


def test_equipment_no_published_exercise_needs_is_not_offered(client):
    band = Exercise.Equipment.BAND
    Exercise.objects.filter(equipment=band).delete()
    ExerciseFactory(equipment=band, status=Status.DRAFT)

    assert band not in offered(client.get(reverse("exercises:list")), "equipment")

    ExerciseFactory(equipment=band)
    assert band in offered(client.get(reverse("exercises:list")), "equipment")
