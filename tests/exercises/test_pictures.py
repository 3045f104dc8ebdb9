"""Every published exercise of the seed is shown with reviewed pictures: files in the uploads
storage with their alt text and captions in the database, shipped in fixtures/."""

import re

import pytest
from django.core.files.storage import default_storage

from exercises.models import Exercise

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def published_exercises():
    exercises = list(Exercise.objects.published().items().prefetch_related("images"))
    assert len(exercises) >= 17, "the seed content should have its exercises"
    return exercises


def images_in(html, css_class):
    return re.findall(rf'<figure class="{css_class}">\s*<img ([^>]+)>', html)


def test_every_published_exercise_of_the_seed_has_a_start_and_an_end_picture():
    for exercise in published_exercises():
        assert len(exercise.images.all()) >= 2, exercise.slug


def test_every_seed_picture_has_alt_text_a_caption_and_its_file_in_storage():
    for exercise in published_exercises():
        for picture in exercise.images.all():
            assert len(picture.alt_text) >= 30, picture
            assert picture.caption, picture
            assert default_storage.exists(picture.image.name), picture.image.name
            assert default_storage.exists(picture.thumbnail.name), picture.thumbnail.name
            assert (picture.width, picture.height) == (640, 400), picture


def test_every_exercise_page_shows_its_pictures_with_alt_text(client):
    for exercise in published_exercises():
        html = client.get(exercise.get_absolute_url()).content.decode()

        images = images_in(html, "exercise-picture")
        assert len(images) == len(exercise.images.all()), exercise.slug
        for image in images:
            assert re.search(r'src="/media/exercises/[^"]+\.png"', image), image
            assert re.search(r'alt="[^"]{30,}"', image), image
        assert html.count("<figcaption>") == len(images)


def test_pictures_after_the_first_load_lazily(client):
    html = client.get("/exercises/dead-bug/").content.decode()

    images = images_in(html, "exercise-picture")
    assert 'loading="lazy"' not in images[0]
    assert all('loading="lazy"' in image for image in images[1:])


def test_a_seed_picture_and_its_thumbnail_are_served_to_the_public(client):
    picture = published_exercises()[0].images.all()[0]

    assert client.get(picture.image.url)["Content-Type"] == "image/png"
    assert client.get(picture.thumbnail.url)["Content-Type"] == "image/webp"


def test_the_exercise_list_shows_a_small_lazy_thumbnail_beside_each_name(client):
    exercises = published_exercises()

    html = client.get("/exercises/").content.decode()

    thumbnails = re.findall(r'<img class="thumbnail" ([^>]+)>', html)
    assert len(thumbnails) == len(exercises)
    for exercise, thumbnail in zip(exercises, thumbnails, strict=True):
        assert f'src="{exercise.images.all()[0].thumbnail.url}"' in thumbnail
        assert 'alt=""' in thumbnail  # beside the name, which says what it shows
        assert 'loading="lazy"' in thumbnail
        assert re.search(r'width="\d+" height="\d+"', thumbnail)


def test_the_sheet_shows_each_exercises_own_pictures_none_loading_lazily(client):
    exercises = [Exercise.objects.get(slug=slug) for slug in ("dead-bug", "cobra")]

    html = client.get("/exercises/sheet/?e=dead-bug&e=cobra").content.decode()

    images = images_in(html, "exercise-picture")
    expected = [p.image.url for e in exercises for p in e.images.all()]
    assert [re.search(r'src="([^"]+)"', image).group(1) for image in images] == expected
    assert not any('loading="lazy"' in image for image in images)
