"""Every published condition of the seed is shown with its reviewed diagram, and the list of
conditions with a thumbnail of each."""

import re

import pytest
from django.core.files.storage import default_storage

from conditions.models import Condition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def published_conditions():
    conditions = list(Condition.objects.published().items().prefetch_related("images"))
    assert len(conditions) >= 8, "the seed content should have its conditions"
    return conditions


def test_every_published_condition_of_the_seed_has_a_picture_with_alt_text_in_storage():
    for condition in published_conditions():
        pictures = condition.images.all()
        assert pictures, condition.slug
        for picture in pictures:
            assert len(picture.alt_text) >= 40, picture
            assert default_storage.exists(picture.image.name), picture.image.name


def test_every_condition_page_shows_its_diagram_with_alt_text(client):
    for condition in published_conditions():
        html = client.get(condition.get_absolute_url()).content.decode()

        image = re.search(r'<figure class="diagram">\s*<img ([^>]+)>', html).group(1)
        assert f'src="/media/conditions/{condition.slug}.png"' in image
        assert re.search(r'alt="[^"]{40,}"', image)


def test_the_condition_list_shows_a_small_lazy_thumbnail_beside_each_name(client):
    conditions = published_conditions()

    html = client.get("/conditions/").content.decode()

    thumbnails = re.findall(r'<img class="thumbnail" ([^>]+)>', html)
    assert len(thumbnails) == len(conditions)
    assert all('alt=""' in t and 'loading="lazy"' in t for t in thumbnails)
