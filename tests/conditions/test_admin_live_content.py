"""Live content changes only with a reviewer: editors may read it and change drafts."""

import pytest

from conditions.models import Status
from tests.conditions.clinicians import admin_url, form_data, make_editor, make_reviewer
from tests.factories import ConditionFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


def test_editor_sees_a_published_condition_read_only(client):
    condition = ConditionFactory(status=Status.PUBLISHED)
    client.force_login(make_editor())

    response = client.get(admin_url(condition))

    assert response.status_code == 200
    assert b'name="_save"' not in response.content


def test_editor_cannot_post_changes_to_a_published_condition(client):
    condition = ConditionFactory(status=Status.PUBLISHED, summary="Checked by a reviewer.")
    client.force_login(make_editor())

    response = client.post(admin_url(condition), form_data(condition, summary="Unreviewed."))

    assert response.status_code == 403
    condition.refresh_from_db()
    assert condition.summary == "Checked by a reviewer."


def test_editor_cannot_revert_a_published_condition_from_history(client):
    condition = ConditionFactory(status=Status.PUBLISHED, summary="First.")
    condition.summary = "Second."
    condition.save()
    first = condition.history.earliest()
    client.force_login(make_editor())

    response = client.post(admin_url(condition, "simple_history", first.history_id), {})

    assert response.status_code == 403
    condition.refresh_from_db()
    assert condition.summary == "Second."


def test_editor_can_change_a_draft_exercise(client):
    exercise = ExerciseFactory(status=Status.DRAFT)
    client.force_login(make_editor())

    response = client.get(admin_url(exercise))

    assert b'name="_save"' in response.content


def test_reviewer_can_change_a_published_condition(client):
    condition = ConditionFactory(status=Status.PUBLISHED)
    client.force_login(make_reviewer())

    response = client.get(admin_url(condition))

    assert b'name="_save"' in response.content
