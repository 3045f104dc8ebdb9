"""The one-page clinician summary in Chromium: printed on A4 it is one page, whatever the
result; on screen it passes axe-core and fits a phone."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from tests.triage.answers import DISC, URGENT_QUESTIONS, finish

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 375}
# A4's width less the summary's print margins (triage.css), in CSS pixels.
A4_CONTENT_WIDTH = 718
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/fix24-shots"))
# Every option of every "choose all that apply" symptom question, and the answers that point
# to the most causes at once: the longest answer list, reasons and running changes.
EVERYTHING = {
    "duration": "under-2-weeks",
    "onset": "sudden",
    "where": ["one-side", "across", "buttock", "thigh", "below-knee"],
    "tender": "upper-buttock",
    "worse": [
        "bending-forward",
        "leaning-back",
        "sitting",
        "standing",
        "sit-to-stand",
        "downhill",
        "cough-sneeze",
        "walking",
        "stretch-away",
        "squatting",
    ],
    "eases": ["sitting-forward", "movement", "heat", "rest"],
    "figure-four": "yes",
    "nerve": ["pins-needles", "numbness", "burning", "weakness"],
    "severity": "severe",
    "morning-stiffness": "yes",
    "running": ["load", "hills", "surface", "shoes", "desk", "no-warm-up"],
}
# The longest summaries: every warning sign at once, the most likely causes and exercises.
RESULTS = {
    "soon, disc": DISC,
    "urgent, every warning sign unsure": {
        **DISC,
        **dict.fromkeys(URGENT_QUESTIONS, "not-sure"),
        "age": 72,
    },
    "urgent, every warning sign unsure, every symptom": {
        **DISC,
        **dict.fromkeys(URGENT_QUESTIONS, "not-sure"),
        "minor-trauma": "yes",
        "bone-health": ["not-sure"],
        "age": 72,
        **EVERYTHING,
    },
    "longest plan, every symptom": {
        **DISC,
        **EVERYTHING,
        "duration": "2-to-6-weeks",
        "severity": "moderate",
    },
    "longest plan, recovering, every running factor": {
        **DISC,
        "duration": "over-6-weeks",
        "onset": "sudden",
        "where": ["one-side", "buttock", "thigh"],
        "worse": ["leaning-back", "standing", "downhill", "sit-to-stand", "stretch-away"],
        "eases": ["movement", "heat"],
        "figure-four": "yes",
        "nerve": ["none"],
        "running": EVERYTHING["running"],
    },
    "emergency": {**DISC, "bladder-bowel": "yes"},
    "emergency after every other sign": {**DISC, "worsening-weakness": "not-sure"},
}
PAGE = re.compile(rb"/Type\s*/Page(?!s)")


def printed_pages(page, url):
    page.goto(url)
    page.emulate_media(media="print")
    return len(PAGE.findall(page.pdf(format="A4", print_background=True)))


@pytest.mark.parametrize("answers", RESULTS.values(), ids=RESULTS.keys())
def test_the_clinician_summary_prints_on_one_a4_page(page, live_server, content, answers):
    result = finish(Client(), answers)

    assert "/check/result/" in result
    assert printed_pages(page, f"{live_server.url}{result}summary/") == 1


@pytest.mark.parametrize(
    "name",
    [
        "urgent, every warning sign unsure, every symptom",
        "longest plan, every symptom",
        "emergency",
    ],
)
def test_the_heaviest_summaries_are_screenshot_on_screen_and_in_print(
    browser, live_server, content, name
):
    """Screenshots to look at (SCREENSHOT_DIR, /tmp/fix24-shots by default)."""
    result = finish(Client(), RESULTS[name])
    SHOTS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z]+", "-", name)
    for width in WIDTHS.values():
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}{result}summary/")
        page.screenshot(path=SHOTS / f"summary-{slug}-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if width == WIDTHS["desktop"]:
            page.emulate_media(media="print")
            page.pdf(path=SHOTS / f"summary-{slug}.pdf", format="A4", print_background=True)
            page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 900})
            page.screenshot(path=SHOTS / f"summary-{slug}-print.png", full_page=True)
        context.close()


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
