"""The content admin pages: they open, filter, preview Markdown and link to the public page."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from conditions.models import Condition, Guide, RedFlag, RiskFactor, Status, Symptom
from conditions.models import Treatment as TreatmentModel
from editorial import workflow
from editorial.models import Source
from exercises.models import Exercise
from tests.editorial.clinicians import admin_url, make_reviewer
from tests.factories import ConditionExerciseFactory, ConditionFactory, ExerciseFactory

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [Source, Symptom, TreatmentModel, RiskFactor, RedFlag, Condition, Guide, Exercise]


@pytest.fixture
def reviewer_client(client):
    client.force_login(make_reviewer())
    return client


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_every_content_model_has_an_admin():
    assert all(admin.site.is_registered(model) for model in CONTENT_MODELS)


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_change_list_opens_for_a_reviewer(reviewer_client, model):
    assert reviewer_client.get(changelist(model)).status_code == 200


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_change_page_of_a_seed_item_opens_for_a_reviewer(reviewer_client, model):
    item = model.objects.first()

    assert reviewer_client.get(admin_url(item)).status_code == 200


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_add_page_opens_for_a_reviewer(reviewer_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")

    assert reviewer_client.get(url).status_code == 200


def test_condition_change_page_edits_symptoms_treatments_and_pictures_inline(reviewer_client):
    condition = ConditionFactory()

    response = reviewer_client.get(admin_url(condition))

    prefixes = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert prefixes == {"conditionsymptom_set", "conditiontreatment_set", "images"}


def test_condition_exercise_links_are_edited_with_the_exercise(reviewer_client):
    exercise = ConditionExerciseFactory().exercise
    draft = workflow.open_working_draft(exercise, by=make_reviewer("opener"))

    response = reviewer_client.get(admin_url(draft))

    exercises = next(
        formset
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == "conditionexercise_set"
    )
    assert {"exercise", "phase", "reason"} <= set(exercises.formset.forms[0].fields)


@pytest.mark.usefixtures("seed")
def test_change_list_shows_the_review_columns(reviewer_client):
    response = reviewer_client.get(changelist(Condition))

    headers = response.content.decode()
    for column in ("State", "Last reviewed", "Next review due", "Reviewed by"):
        assert column in headers


def test_review_filter_lists_overdue_items_only(reviewer_client):
    today = timezone.localdate()
    overdue = ConditionFactory(
        last_reviewed=today - datetime.timedelta(days=400),
        next_review_due=today - datetime.timedelta(days=5),
    )

    response = reviewer_client.get(changelist(Condition), {"review": "overdue"})

    assert list(response.context["cl"].queryset) == [overdue]


def test_exercises_can_be_filtered_by_body_area_and_difficulty(reviewer_client):
    hard_glute = ExerciseFactory(body_area="glutes", difficulty="hard")

    response = reviewer_client.get(
        changelist(Exercise), {"body_area__exact": "glutes", "difficulty__exact": "hard"}
    )

    shown = list(response.context["cl"].queryset)
    assert hard_glute in shown
    assert {(e.body_area, e.difficulty) for e in shown} == {("glutes", "hard")}


def test_change_list_search_finds_a_condition_by_name(reviewer_client):
    wanted = ConditionFactory(name="Quadratus lumborum strain")
    other = ConditionFactory(name="Hip flexor tendinopathy")

    response = reviewer_client.get(changelist(Condition), {"q": "quadratus"})

    found = set(response.context["cl"].queryset)
    assert wanted in found
    assert other not in found


def test_published_change_page_links_to_the_public_page(reviewer_client):
    published = ConditionFactory(status=Status.PUBLISHED)

    response = reviewer_client.get(admin_url(published))

    assert "View on site" in response.content.decode()
    assert reviewer_client.get(response.context["absolute_url"]).url.endswith(
        published.get_absolute_url()
    )


@pytest.mark.usefixtures("seed")
def test_red_flags_are_viewed_on_the_urgent_help_page(reviewer_client):
    flag = RedFlag.objects.first()

    response = reviewer_client.get(admin_url(flag))

    assert response.context["absolute_url"] == reverse("conditions:urgent_help")


def test_preview_of_a_draft_is_404_for_anonymous_visitors(client):
    draft = ConditionFactory(status=Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_bookmark_to_the_sources_old_admin_address_leads_to_their_new_one(client, settings):
    old = f"/{settings.ADMIN_URL}conditions/source/6/change/?_changelist_filters=status"

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == (
        f"/{settings.ADMIN_URL}editorial/source/6/change/?_changelist_filters=status"
    )
