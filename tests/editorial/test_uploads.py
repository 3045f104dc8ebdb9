"""Which stored files belong to a live item (editorial.uploads), and preview uploads discarded."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from conditions.models import ConditionImage
from editorial import uploads, workflow
from exercises.models import ExerciseImage
from tests.editorial.clinicians import make_editor
from tests.exercises.test_uploads import add_picture, image_file
from tests.factories import ConditionFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_every_file_field_of_the_pictures_of_exercises_and_conditions_is_known():
    assert {(model, f.name) for model, f, _lookup in uploads.file_holders()} == {
        (ExerciseImage, "image"),
        (ExerciseImage, "thumbnail"),
        (ConditionImage, "image"),
        (ConditionImage, "thumbnail"),
    }


def test_a_picture_of_a_live_exercise_is_public():
    picture = add_picture()

    assert uploads.is_public(picture.image.name)


def test_a_picture_of_a_new_exercise_is_referenced_but_not_public():
    picture = add_picture(ExerciseFactory(status="draft"))

    assert uploads.is_referenced(picture.image.name)
    assert not uploads.is_public(picture.image.name)


def test_a_new_picture_on_a_working_draft_is_not_public():
    draft = workflow.open_working_draft(ExerciseFactory(), by=make_editor())
    picture = add_picture(draft)

    assert uploads.references(picture.image.name) == [False]


def test_a_picture_shared_by_a_live_exercise_and_its_working_draft_is_public():
    live = add_picture().exercise
    draft = workflow.open_working_draft(live, by=make_editor())

    name = draft.images.get().image.name
    assert sorted(uploads.references(name)) == [False, True]
    assert uploads.is_public(name)


def test_a_file_no_row_references_is_neither_public_nor_referenced():
    name = default_storage.save("exercises/left-behind.png", ContentFile(b"png"))

    assert uploads.references(name) == []


def test_a_picture_of_a_live_condition_is_public_and_of_a_draft_one_is_not():
    live, draft = (
        ConditionImage.objects.create(condition=condition, image=image_file(), alt_text="A.")
        for condition in (ConditionFactory(), ConditionFactory(status="draft"))
    )

    assert uploads.is_public(live.image.name)
    assert not uploads.is_public(draft.image.name)


def test_the_answer_for_a_file_takes_one_query(django_assert_num_queries):
    name = add_picture().image.name

    with django_assert_num_queries(1):
        uploads.references(name)


def test_files_stored_by_a_rolled_back_save_are_deleted(media_root):
    with uploads.discarding_unreferenced_uploads(), transaction.atomic():
        picture = add_picture(ExerciseFactory(status="draft"))
        transaction.set_rollback(True)

    assert picture.image.name
    assert not (media_root / picture.image.name).exists()


def test_files_stored_by_a_committed_save_are_kept(media_root):
    with uploads.discarding_unreferenced_uploads():
        picture = add_picture(ExerciseFactory(status="draft"))

    assert (media_root / picture.image.name).exists()
