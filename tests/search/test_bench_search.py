"""The uncached search scenario of `make bench` asks for pages that work and find something."""

import re
from urllib.parse import unquote_plus

import pytest

from bench import run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def scenario_queries():
    script = run.SCRIPTS[run.UNCACHED_SEARCH].read_text()
    listed = re.search(r"local queries = \{(.*?)\}", script, re.S).group(1)
    return [unquote_plus(query) for query in re.findall(r'"([^"]+)"', listed)]


@pytest.mark.parametrize("query", scenario_queries())
def test_each_uncached_search_of_the_scenario_answers_with_results(client, query):
    response = client.get("/search/", {"q": f"{query} x123456789"})

    assert response.status_code == 200
    assert b'class="panel' in response.content
