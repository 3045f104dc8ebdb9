"""Every sentence that sends a runner to 999 names the same emergency signs, from one place
(``templates/_emergency_signs.html``): the print footer of every page, the site footer, the
exercise sheet, the questionnaire's start page and a result that could not be kept. (The
printed footer once left out leg weakness that is getting worse.)"""

import pytest

from tests.helpers import PROJECT_DIR

pytestmark = pytest.mark.django_db

WORSENING_WEAKNESS = "weakness in a leg that is getting worse"
SNIPPET = PROJECT_DIR / "templates" / "_emergency_signs.html"
STANDALONE = {"503.html"}  # renders without the database, its own list of the signs


@pytest.mark.parametrize("url", ["/", "/check/", "/exercises/sheet/"])
def test_the_pages_that_send_runners_to_999_name_worsening_leg_weakness(client, url):
    page = client.get(url).content.decode()

    assert page.count(WORSENING_WEAKNESS) >= (2 if url == "/" else 1)


def test_no_template_but_the_snippet_spells_out_the_emergency_signs():
    spelled = [
        path.relative_to(PROJECT_DIR / "templates").as_posix()
        for path in (PROJECT_DIR / "templates").rglob("*.html")
        if "numbness in both legs" in path.read_text() and path != SNIPPET
    ]

    assert sorted(set(spelled) - STANDALONE) == []
