"""Two people editing one draft: the second save is refused and says what changed."""

import pytest

from conditions.models import Condition
from tests.editorial.clinicians import admin_url, make_editor
from tests.editorial.forms import form_from_page
from tests.factories import ConditionFactory

pytestmark = pytest.mark.django_db


def test_the_second_of_two_concurrent_saves_is_refused_with_what_changed(client, django_user_model):
    from django.test import Client

    draft = ConditionFactory(status="draft", summary="Original summary.")
    first, second = Client(), Client()
    first.force_login(make_editor("ann"))
    second.force_login(make_editor("bob"))
    url = admin_url(draft)
    first_form = form_from_page(first, url)
    second_form = form_from_page(second, url)

    assert first.post(url, {**first_form, "summary": "Ann's summary."}).status_code == 302
    response = second.post(url, {**second_form, "what_it_is": "Bob's text."})

    assert response.status_code == 200
    page = response.content.decode()
    assert "This was saved after you opened it" in page
    assert "Summary" in page
    saved = Condition.objects.get(pk=draft.pk)
    assert saved.summary == "Ann's summary."
    assert saved.what_it_is != "Bob's text."


def test_a_save_after_reloading_goes_through(client):
    draft = ConditionFactory(status="draft")
    client.force_login(make_editor())
    url = admin_url(draft)
    client.post(url, form_from_page(client, url, summary="One."))

    response = client.post(url, form_from_page(client, url, summary="Two."))

    assert response.status_code == 302
    assert Condition.objects.get(pk=draft.pk).summary == "Two."


def test_a_clash_over_a_changed_step_names_the_steps(client):
    from django.test import Client

    from exercises.models import Exercise
    from tests.factories import ExerciseFactory, ExerciseStepFactory

    draft = ExerciseFactory(status="draft")
    ExerciseStepFactory(exercise=draft, number=1, text="Lie on your back.")
    first, second = Client(), Client()
    first.force_login(make_editor("ann"))
    second.force_login(make_editor("bob"))
    url = admin_url(draft)
    first_form, second_form = form_from_page(first, url), form_from_page(second, url)
    first.post(url, {**first_form, "steps-0-text": "Lie flat on your back."})

    response = second.post(url, {**second_form, "summary": "Bob's summary."})

    assert response.status_code == 200
    assert "Exercise steps" in response.content.decode()
    assert Exercise.objects.get(pk=draft.pk).summary != "Bob's summary."
