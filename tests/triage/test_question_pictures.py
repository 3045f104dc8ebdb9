"""The body map and the figure-four picture on their questions."""

import re

import pytest

from tests.triage.answers import DISC

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


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

    assert re.search(r'<img src="[^"]*triage/figure-four.svg" alt="[^"]{60,}"', html)
