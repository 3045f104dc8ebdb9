"""Clinicians' pictures: validated, stored (disk or S3), and shown in place of the drawings."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from editorial.images import validate_image_file
from exercises.models import ExerciseImage
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


def image_file(name="bridge.png", size=(400, 300), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 94, 184)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


def add_picture(exercise=None, **kwargs):
    exercise = exercise or ExerciseFactory()
    picture = ExerciseImage(
        exercise=exercise, image=image_file(**kwargs), alt_text="A runner holding a glute bridge."
    )
    picture.full_clean()
    picture.save()
    return picture


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_an_uploaded_picture_is_written_under_media_root_not_the_code(media_root):
    picture = add_picture()

    assert (media_root / picture.image.name).exists()
    assert picture.image.name.startswith("exercises/")
    assert (picture.width, picture.height) == (400, 300)


def test_a_stored_picture_saved_again_is_not_read_back_from_storage(media_root):
    picture = ExerciseImage.objects.get(pk=add_picture().pk)
    picture.image = picture.image  # as an admin form does; the dimension update closes the file

    picture.full_clean()

    assert picture.image.closed


def test_an_uploaded_picture_is_shown_on_its_exercise_page_and_served(client, media_root):
    picture = add_picture()

    html = client.get(picture.exercise.get_absolute_url()).content.decode()
    images = re.findall(r"<img [^>]+>", html)
    assert len(images) == 1
    assert f'src="/media/{picture.image.name}"' in images[0]
    assert 'width="400" height="300"' in images[0]
    assert 'alt="A runner holding a glute bridge."' in images[0]

    served = client.get(f"/media/{picture.image.name}")
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == (media_root / picture.image.name).read_bytes()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.png", b"not an image at all"), "not an image"),
        (image_file(name="x.gif", image_format="GIF"), "PNG, JPEG or WebP"),
        (image_file(size=(120, 90)), "between 200 and 4000"),
        (image_file(size=(5000, 300)), "between 200 and 4000"),
        (image_file(name="x.pdf"), "This is a PNG image, but its name ends differently"),
        (image_file(name="x.jpg"), "rename it .png"),
    ],
    ids=["not-an-image", "gif", "too-small", "too-wide", "png-named-pdf", "png-named-jpg"],
)
def test_unsuitable_uploads_are_refused_with_a_clear_message(upload, message):
    with pytest.raises(ValidationError, match=message):
        validate_image_file(upload)


def test_uploads_over_two_megabytes_are_refused():
    upload = image_file()
    upload.size = 3 * 1024 * 1024

    with pytest.raises(ValidationError, match="larger than 2 MB"):
        validate_image_file(upload)


def test_jpeg_and_webp_pictures_are_accepted():
    validate_image_file(image_file(name="a.jpg", image_format="JPEG"))
    validate_image_file(image_file(name="a.webp", image_format="WEBP"))
