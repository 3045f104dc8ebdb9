"""Public pages in Chromium: zero axe-core violations at desktop and phone widths, and print."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/conditions/",
    "/conditions/facet-joint-pain/",
    "/conditions/sacroiliac-joint-dysfunction/",
    "/exercises/?condition=sacroiliac-joint-dysfunction&area=glutes",
    "/exercises/hip-hitch/",
    "/exercises/side-lying-clam/",
    "/search/?q=tingling+leg",
    "/search/?q=can%27t+pee",
    "/search/?q=foam+roller",
    "/search/?q=back&page=2",
    "/search/?q=" + "supercalifragilistic" * 5,
    "/urgent-help/",
    "/exercises/sheet/?e=dead-bug&e=side-plank&e=slump-slider",
    "/running-factors/",
    "/running-factors/downhill-running/",
    "/guides/",
    "/guides/running-with-back-pain/",
    "/privacy/",
    "/accessibility/",
    "/contact/",
    "/check/",
]
WIDTHS = {"desktop": 1280, "phone": 375}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(browser, live_server, content, axe, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + path)

    results = axe.run(page)

    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert csp_errors == []
    context.close()


def test_exercise_sheet_selection_round_trips_through_the_form(page, live_server, content):
    page.goto(live_server.url + "/exercises/sheet/?e=cobra")

    page.get_by_label("Dead bug").check()
    page.get_by_role("button", name="Update my sheet").click()

    expect(page).to_have_url(re.compile(r"e=dead-bug"))

    expect(page).to_have_url(re.compile(r"e=cobra"))
    expect(page.get_by_role("heading", name="Dead bug")).to_be_visible()
    expect(page.get_by_role("heading", name="Cobra stretch")).to_be_visible()


def test_print_stylesheet_hides_navigation_and_the_picker(page, live_server, content):
    page.goto(live_server.url + "/exercises/sheet/?e=dead-bug")

    page.emulate_media(media="print")

    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("button", name="Update my sheet")).to_be_hidden()
    expect(page.get_by_role("heading", name="Dead bug")).to_be_visible()


def test_library_filters_work_without_javascript(browser, live_server, content):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/exercises/")

    page.get_by_label("Equipment").select_option("ball")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"equipment=ball"))
    expect(page.get_by_role("heading", name="1 exercise")).to_be_visible()
    context.close()


@pytest.mark.parametrize(("width", "boxes"), [(375, 1), (1280, 2)])
def test_the_search_page_shows_one_search_box_on_a_phone(
    browser, live_server, content, width, boxes
):
    """Two search boxes filled a phone's first screen (a fresh-eyes audit); a desktop keeps
    the header's."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(live_server.url + "/search/?q=sciatica")

    expect(page.get_by_role("searchbox").locator("visible=true")).to_have_count(boxes)
    page.close()
