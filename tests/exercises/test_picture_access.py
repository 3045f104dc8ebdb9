"""Uploaded pictures go live with their exercise: runners fetch only those of live exercises,
staff also those of drafts (for previews), and nobody a file that no row references."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from editorial import workflow
from exercises.models import ExerciseImage
from tests.editorial.clinicians import make_editor, make_reviewer, publish_as
from tests.exercises.test_uploads import add_picture, image_file
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def staff_client(client):
    client.force_login(make_editor())
    return client


def picture_on_working_draft(live):
    draft = workflow.open_working_draft(live, by=make_editor("drafter"))
    return add_picture(draft)


def body(response):
    return b"".join(response.streaming_content)


def test_a_picture_of_a_live_exercise_is_served_to_the_public_cached_for_a_day(client):
    picture = add_picture()

    response = client.get(picture.image.url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"
    assert body(response) == picture.image.open("rb").read()


def test_a_picture_of_a_new_unpublished_exercise_is_not_found_for_the_public(client):
    picture = add_picture(ExerciseFactory(status="draft"))

    assert client.get(picture.image.url).status_code == 404


def test_staff_see_a_picture_of_an_unpublished_exercise_never_cached(staff_client):
    picture = add_picture(ExerciseFactory(status="draft"))

    response = staff_client.get(picture.image.url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_new_picture_on_a_live_exercises_working_draft_is_not_found_for_the_public(client):
    picture = picture_on_working_draft(ExerciseFactory())

    assert client.get(picture.image.url).status_code == 404


def test_staff_see_a_new_picture_on_a_working_draft(staff_client):
    picture = picture_on_working_draft(ExerciseFactory())

    assert staff_client.get(picture.image.url).status_code == 200


def test_a_picture_goes_public_when_its_draft_is_published(client):
    picture = picture_on_working_draft(ExerciseFactory())

    publish_as(make_reviewer(), picture.exercise)

    assert client.get(picture.image.url).status_code == 200


def test_a_picture_of_an_exercise_taken_off_the_site_is_not_found_for_the_public(client):
    picture = add_picture()

    workflow.unpublish(picture.exercise, by=make_reviewer(), reason="Wrong picture")

    assert client.get(picture.image.url).status_code == 404


def test_a_file_no_row_references_is_not_found_even_for_staff(staff_client):
    name = default_storage.save("exercises/left-behind.png", ContentFile(image_file().read()))

    assert staff_client.get(default_storage.url(name)).status_code == 404


def stored_before_names_were_checked(name, **kwargs):
    """A live picture whose file name does not match its content (uploads are now refused
    unless they match, but older files may be stored so)."""
    stored = default_storage.save(f"exercises/{name}", ContentFile(image_file(**kwargs).read()))
    return ExerciseImage.objects.create(exercise=ExerciseFactory(), image=stored, alt_text="Old.")


def test_a_png_saved_under_a_pdf_name_is_served_as_png(client):
    picture = stored_before_names_were_checked("x.pdf")

    response = client.get(picture.image.url)

    assert picture.image.name.endswith(".pdf")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Disposition" not in response


def test_a_jpeg_is_served_as_jpeg(client):
    picture = stored_before_names_were_checked("x.png", image_format="JPEG")

    assert client.get(picture.image.url)["Content-Type"] == "image/jpeg"


def test_a_live_row_pointing_at_a_file_that_is_not_a_picture_is_not_served(client):
    name = default_storage.save("exercises/page.html", ContentFile(b"<script>alert(1)</script>"))
    ExerciseImage.objects.create(exercise=ExerciseFactory(), image=name, alt_text="Not one.")

    assert client.get(default_storage.url(name)).status_code == 404


def test_a_path_that_climbs_out_of_the_uploads_is_not_found(client):
    add_picture()

    assert client.get("/media/exercises/../../config/settings.py").status_code == 404


@pytest.fixture
def behind_nginx(settings):
    settings.MEDIA_ACCEL_REDIRECT = "/_uploads/"


def test_behind_nginx_a_live_picture_is_handed_to_nginx_with_its_type_and_caching(
    client, behind_nginx
):
    picture = add_picture()

    response = client.get(picture.image.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_uploads/{picture.image.name}"
    assert response.content == b""
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=86400"


def test_behind_nginx_an_unpublished_picture_is_never_handed_to_nginx_for_the_public(
    client, behind_nginx
):
    picture = add_picture(ExerciseFactory(status="draft"))

    response = client.get(picture.image.url)

    assert response.status_code == 404
    assert not response.has_header("X-Accel-Redirect")


def test_behind_nginx_staff_get_a_draft_picture_from_nginx_never_cached(staff_client, behind_nginx):
    picture = add_picture(ExerciseFactory(status="draft"))

    response = staff_client.get(picture.image.url)

    assert response["X-Accel-Redirect"] == f"/_uploads/{picture.image.name}"
    assert response["Cache-Control"] == "private, no-store"
