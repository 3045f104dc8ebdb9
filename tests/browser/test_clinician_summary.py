"""The one-page clinician summary in Chromium: printed on A4 it is one page, whatever the
result; on screen it passes axe-core and fits a phone."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from tests.triage.answers import DISC, finish

WIDTHS = {"desktop": 1280, "phone": 375}
# The longest summaries: the most likely causes and exercises, and every warning sign at once.
RESULTS = {
    "soon, disc": DISC,
    "urgent, every warning sign unsure": {
        **DISC,
        **dict.fromkeys(
            [
                "fever-unwell",
                "cancer-history",
                "weight-loss",
                "constant-night-pain",
                "infection-risk",
                "back-lump",
            ],
            "not-sure",
        ),
        "age": 72,
    },
    "emergency": {**DISC, "bladder-bowel": "yes"},
}
PAGE = re.compile(rb"/Type\s*/Page(?!s)")


def printed_pages(page, url):
    page.goto(url)
    page.emulate_media(media="print")
    return len(PAGE.findall(page.pdf(format="A4", print_background=True)))


@pytest.mark.parametrize("answers", RESULTS.values(), ids=RESULTS.keys())
def test_the_clinician_summary_prints_on_one_a4_page(page, live_server, content, answers):
    result = finish(Client(), answers)

    assert printed_pages(page, f"{live_server.url}{result}summary/") == 1


def test_the_page_count_sees_a_longer_printout(page, live_server, content):
    result = finish(Client(), DISC)

    assert printed_pages(page, f"{live_server.url}{result}") > 1


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_clinician_summary_passes_axe_and_fits_the_screen(browser, live_server, content, width):
    result = finish(Client(), DISC)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}{result}summary/")

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
