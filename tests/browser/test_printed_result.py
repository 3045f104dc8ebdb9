"""The printed result in Chromium: at most three A4 pages for each kind of typical result, with
the plan in short (names and doses), the answers, and the private link written out and as a QR
code; headings kept with the text under them."""

import re

import pytest
from django.test import Client

from tests.triage.answers import RESULT_KINDS, finish

pytestmark = pytest.mark.browser

PAGE = re.compile(rb"/Type\s*/Page(?!s)")


def printed(page, live_server, kind):
    """The result of this kind, open in print media; (its address, its pages on A4)."""
    address = live_server.url + finish(Client(), RESULT_KINDS[kind])
    page.goto(address)
    page.emulate_media(media="print")
    return address, len(PAGE.findall(page.pdf(format="A4")))


@pytest.mark.parametrize("kind", RESULT_KINDS)
def test_a_typical_result_prints_on_at_most_three_a4_pages(page, live_server, content, kind):
    _address, pages = printed(page, live_server, kind)

    assert 1 <= pages <= 3


def test_the_printed_plan_names_each_exercise_with_its_dose(page, live_server, content):
    printed(page, live_server, "self_care")

    items = page.locator(".plan-list li")
    assert items.count() >= 3
    for text in items.all_inner_texts():
        assert re.search(r"\((\d+ sets?|hold \d+|\d+ reps?|\d+ holds?)", text), text
    assert page.locator("p", has_text="are on your exercise sheet").is_visible()


def test_the_printed_result_carries_the_answers_and_the_private_link(page, live_server, content):
    address, _pages = printed(page, live_server, "soon")

    assert page.locator(".answers dt").count() >= 10
    assert page.locator(".answers").is_visible()
    assert page.locator(".share__address").inner_text() == address
    code = page.locator(".share__qr svg")
    assert code.is_visible()
    assert code.bounding_box()["width"] >= 80  # 28 mm: big enough for a phone camera


def test_printed_headings_are_kept_with_the_text_under_them(page, live_server, content):
    printed(page, live_server, "soon")

    breaks = page.locator(".result-page h2, .result-page h3").evaluate_all(
        "headings => headings.map(h => getComputedStyle(h).breakAfter)"
    )
    assert breaks and set(breaks) == {"avoid"}
