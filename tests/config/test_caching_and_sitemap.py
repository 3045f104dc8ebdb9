import re

import pytest

from conditions.models import Condition, Status
from tests.factories import ConditionFactory, ExerciseFactory, GuideFactory

pytestmark = pytest.mark.django_db


def test_a_clinicians_edit_appears_on_the_next_request(client):
    condition = ConditionFactory()
    client.get(condition.get_absolute_url())

    condition.summary = "A freshly edited summary."
    condition.save()

    assert "A freshly edited summary." in client.get(condition.get_absolute_url()).content.decode()


def test_publishing_a_draft_shows_it_on_the_cached_home_page(client):
    draft = ConditionFactory(status=Status.DRAFT, name="Newly published condition")
    assert draft.name not in client.get("/").content.decode()

    draft.status = Status.PUBLISHED
    draft.save()

    assert draft.name in client.get("/").content.decode()


def test_cached_page_is_served_without_queries(client, django_assert_num_queries):
    url = ConditionFactory().get_absolute_url()
    client.get(url)

    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_repeat_visit_with_the_etag_gets_304(client):
    url = ConditionFactory().get_absolute_url()
    first = client.get(url)

    repeat = client.get(url, headers={"if-none-match": first["ETag"]})

    assert first["ETag"]
    assert repeat.status_code == 304
    assert repeat.content == b""


@pytest.mark.usefixtures("seed")
def test_sitemap_lists_only_published_urls_with_lastmod(client):
    draft = ConditionFactory(status=Status.DRAFT)
    exercise, guide = ExerciseFactory(), GuideFactory()

    xml = client.get("/sitemap.xml").content.decode()

    assert draft.get_absolute_url() not in xml
    for condition in Condition.objects.published():
        assert f"http://testserver{condition.get_absolute_url()}" in xml
    assert exercise.get_absolute_url() in xml
    assert guide.get_absolute_url() in xml
    assert len(re.findall("<lastmod>", xml)) >= 8


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    text = client.get("/robots.txt").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
