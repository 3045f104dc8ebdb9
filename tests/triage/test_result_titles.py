"""Each result's page title starts with what to do, so a browser tab or a bookmark says it."""

import re

import pytest

from tests.triage.answers import RESULT_KINDS, finish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

TITLES = {
    "emergency": "Call 999 or go to A&amp;E now – your result – Runner's Back",
    "urgent": "Get help today – your result – Runner's Back",
    "soon": "See a physiotherapist or GP soon – your result – Runner's Back",
    "self_care": "Look after it yourself for now – your result – Runner's Back",
}


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


@pytest.mark.parametrize("kind", RESULT_KINDS)
def test_the_result_page_title_names_the_urgency(client, kind):
    page = client.get(finish(client, RESULT_KINDS[kind])).content.decode()

    assert title_of(page) == TITLES[kind]


def test_the_start_page_warning_box_has_a_999_call_button(client):
    page = client.get("/check/").content.decode()

    box = page.split("Do not use this if you need help now")[1].split("</div>")[0]
    assert 'class="call-button call-button--emergency" href="tel:999"' in box
