"""The exercise sheet in Chromium: five exercises print on at most three A4 or Letter pages
with their pictures and cautions; the page passes axe-core and fits a phone; the exercise list's
"Make my exercise sheet" button is in reach on a phone without JavaScript."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import expect

from exercises.models import Exercise
from tests.triage.answers import finish
from tests.triage.test_result_sheet import SPLIT_PLAN

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 375}
PAGE = re.compile(rb"/Type\s*/Page(?!s)")
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/exercise-sheet-shots"))


def heaviest(count):
    """The slugs of the exercises with the most to print: words, then pictures."""

    def weight(exercise):
        words = [exercise.easier, exercise.harder, exercise.cautions]
        words += [step.text for step in exercise.steps.all()]
        return sum(len(text) for text in words)

    exercises = Exercise.objects.published().prefetch_related("steps")
    return [e.slug for e in sorted(exercises, key=weight, reverse=True)[:count]]


def sheet_url(live_server, slugs):
    return live_server.url + "/exercises/sheet/?" + "&".join(f"e={slug}" for slug in slugs)


def printed(page, paper):
    page.emulate_media(media="print")
    return page.pdf(format=paper, print_background=True)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_five_heaviest_exercises_print_on_at_most_three_pages(
    page, live_server, content, paper
):
    page.goto(sheet_url(live_server, heaviest(5)))

    assert len(PAGE.findall(printed(page, paper))) <= 3


def test_the_page_count_sees_a_longer_sheet(page, live_server, content):
    page.goto(sheet_url(live_server, heaviest(10)))

    assert len(PAGE.findall(printed(page, "A4"))) > 3


def test_a_printed_sheet_shows_every_picture_and_every_exercises_cautions(
    page, live_server, content
):
    slugs = heaviest(5)
    page.goto(sheet_url(live_server, slugs))
    page.emulate_media(media="print")

    for slug in slugs:
        exercise = page.locator(f'[aria-labelledby="sheet-{slug}"]')
        pictures = exercise.locator(".exercise-picture img")
        assert pictures.count() >= 1
        assert all(pictures.evaluate_all("all => all.map(i => i.complete && i.naturalWidth > 0)"))
        # A lazy picture below the first screen was blank in a PDF printed straight away.
        assert pictures.evaluate_all("all => all.every(i => i.loading !== 'lazy')")
        expect(pictures.first).to_be_visible()
        expect(exercise.get_by_role("heading", name="Take care")).to_be_visible()
    expect(page.get_by_role("heading", name="When to stop and get help")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_a_sheet_of_picked_exercises_passes_axe_and_fits_the_screen(
    browser, live_server, content, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(sheet_url(live_server, heaviest(5)))

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_a_results_sheet_passes_axe_and_fits_the_screen(browser, live_server, content, width):
    result = finish(Client(), SPLIT_PLAN)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}{result}sheet/")

    expect(page.get_by_role("heading", name="Later, once things have changed")).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_make_my_exercise_sheet_is_in_reach_at_the_top_of_the_list_on_a_phone(
    browser, live_server, content
):
    context = browser.new_context(
        viewport={"width": 375, "height": 667}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/exercises/")
    heading = page.get_by_role("heading", name=re.compile(r"\d+ exercises"))
    page.mouse.wheel(0, heading.bounding_box()["y"])  # the list's top at the top of the screen
    button = page.get_by_role("button", name="Make my exercise sheet")

    expect(heading).to_be_in_viewport()
    expect(button).to_be_in_viewport()
    page.get_by_label("Add Dead bug to my sheet").check()
    button.click()
    expect(page).to_have_url(re.compile(r"/exercises/sheet/\?e=dead-bug$"))
    expect(page.get_by_role("heading", name="Dead bug")).to_be_visible()
    context.close()


def test_the_sheet_is_screenshot_on_screen_and_printed(browser, live_server, content):
    """Pictures to look at (SCREENSHOT_DIR): the screen at both widths and each printed page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    urls = {
        "five": sheet_url(live_server, heaviest(5)),
        "result": f"{live_server.url}{finish(Client(), SPLIT_PLAN)}sheet/",
    }
    for name, url in urls.items():
        for width in WIDTHS.values():
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(url)
            page.screenshot(path=SHOTS / f"sheet-{name}-{width}.png", full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            if width == WIDTHS["desktop"]:
                for paper in ("A4", "Letter"):
                    (SHOTS / f"sheet-{name}-{paper}.pdf").write_bytes(printed(page, paper))
            context.close()


def test_a_printed_sheet_keeps_each_part_heading_and_its_lead_with_the_first_exercise(
    page, live_server, content
):
    """'Later, once things have changed' and its one line once sat alone at a page's foot."""
    result = finish(Client(), SPLIT_PLAN)
    page.goto(f"{live_server.url}{result}sheet/")
    page.emulate_media(media="print")

    breaks = page.locator(".sheet-part__heading, .sheet-part__lead").evaluate_all(
        "parts => parts.map(p => getComputedStyle(p).breakAfter)"
    )

    assert len(breaks) == 4
    assert set(breaks) == {"avoid"}
