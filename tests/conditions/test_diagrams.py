"""A labelled anatomy diagram on every condition page; the body map and the figure-four
picture on their questions."""

import re

import pytest
from django.conf import settings

from conditions.anatomy import DRAWINGS_ALL, diagram_for
from conditions.models import Condition
from tests.triage.answers import DISC

pytestmark = pytest.mark.django_db


def test_every_published_condition_has_a_labelled_diagram():
    for condition in Condition.objects.published():
        diagram = diagram_for(condition.slug)
        assert diagram is not None, condition.slug
        assert diagram.svg().count("<text") >= 2, condition.slug


def test_every_condition_page_shows_its_diagram_with_alt_text(client):
    for condition in Condition.objects.published():
        html = client.get(condition.get_absolute_url()).content.decode()

        image = re.search(r'<figure class="diagram">\s*<img ([^>]+)>', html).group(1)
        assert f"diagrams/{condition.slug}.svg" in image
        assert re.search(r'alt="[^"]{40,}"', image)


def test_committed_diagram_files_are_what_the_code_draws_now():
    for diagram in DRAWINGS_ALL:
        path = settings.BASE_DIR / "static" / diagram.filename
        assert path.read_text(encoding="utf-8") == diagram.svg(), "run manage.py draw_diagrams"


def walk_to(client, code, answers=DISC):
    response = client.post("/check/", {})
    while response.status_code == 302 and "/q/" in response.url:
        if response.url.rstrip("/").endswith(f"/{code}"):
            return client.get(response.url).content.decode()
        current = response.url.rstrip("/").split("/")[-1]
        response = client.post(response.url, {"answer": answers.get(current, "no")})
    raise AssertionError(f"never reached {code}")


def test_where_question_shows_the_body_map_above_its_checkboxes(client):
    html = walk_to(client, "where")

    assert re.search(r'<img src="[^"]*body-map.svg" alt="[^"]{60,}"', html)
    assert html.index("body-map.svg") < html.index('type="checkbox"')
    assert html.count('type="checkbox"') >= 5


def test_figure_four_question_shows_the_figure_four_picture(client):
    html = walk_to(client, "figure-four", {**DISC, "where": ["buttock"]})

    assert "exercises/figure-four-stretch-1.svg" in html
