"""Clinicians add or replace an exercise's pictures in admin, next to its steps."""

import pytest

from tests.conditions.clinicians import admin_url, make_editor, make_reviewer
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


def test_exercise_change_page_edits_pictures_inline_with_alt_text(client):
    client.force_login(make_reviewer())

    response = client.get(admin_url(ExerciseFactory()))

    formsets = {
        inline.formset.prefix: inline for inline in response.context["inline_admin_formsets"]
    }
    assert {"steps", "images"} <= set(formsets)
    fields = formsets["images"].formset.form.base_fields
    assert {"image", "alt_text", "caption", "order"} <= set(fields)
    assert "PNG, JPEG or WebP" in str(fields["image"].help_text)


def test_editors_may_add_change_and_remove_pictures():
    editor = make_editor()

    assert editor.has_perms(
        [
            "exercises.add_exerciseimage",
            "exercises.change_exerciseimage",
            "exercises.delete_exerciseimage",
        ]
    )
