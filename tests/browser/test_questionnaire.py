"""The questionnaire in Chromium: clicking through case C4, the emergency stop, and axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

# Case C4 from issue 5, as the labels a person clicks, in asking order.
RED_FLAGS_NO = [["No"]] * 9
DISC_CLICKS = [
    *RED_FLAGS_NO,
    ["2 to 6 weeks"],
    ["I'm not sure"],
    ["On one side of my lower back", "Down the back of my thigh"],
    ["No, or I'm not sure"],
    ["Bending forwards", "Sitting for a long time", "Coughing or sneezing"],
    ["Lying down and resting"],
    ["Pins and needles or tingling"],
    ["No"],
    ["I sit for long hours, for example at a desk or driving"],
]


@pytest.fixture
def started(page, live_server, content):
    page.goto(live_server.url + "/check/")
    page.get_by_role("button", name="Start now").click()
    return page


def answer(page, labels):
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Continue").click()


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_completing_case_c4_by_clicking_gives_see_soon_and_disc(started):
    page = started
    answer(page, DISC_CLICKS[0])
    answer(page, DISC_CLICKS[1])
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.get_by_label("No", exact=True).is_checked()
    page.get_by_role("button", name="Continue").click()
    for labels in DISC_CLICKS[2:]:
        assert page.locator("h1").count() == 1
        answer(page, labels)
    page.get_by_label("How old are you?").fill("41")
    page.get_by_role("button", name="Continue").click()

    assert "/check/result/" in page.url
    assert page.get_by_role("heading", name="See a physiotherapist or GP soon").is_visible()
    matches = page.locator(".match h3")
    assert matches.first.inner_text() == "Disc bulge or herniation (slipped disc)"
    assert page.get_by_text("Stop running for now.").is_visible()


def test_first_emergency_answer_stops_the_questionnaire(started):
    page = started
    answer(page, ["Yes"])

    assert "/check/result/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Call 999 or go to A&E now"


def test_question_page_has_no_axe_violations(started):
    assert_no_axe_violations(started)


def test_question_page_with_an_error_has_no_axe_violations(started):
    started.get_by_role("button", name="Continue").click()

    assert started.get_by_text("There is a problem").is_visible()
    assert_no_axe_violations(started)


def test_emergency_page_has_no_axe_violations(started):
    answer(started, ["Yes"])

    assert_no_axe_violations(started)


def test_result_page_has_no_axe_violations(started):
    page = started
    for labels in DISC_CLICKS:
        answer(page, labels)
    page.get_by_label("How old are you?").fill("41")
    page.get_by_role("button", name="Continue").click()

    assert "/check/result/" in page.url
    assert_no_axe_violations(page)


def test_question_page_fits_a_320_pixel_screen(browser, live_server, content):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/check/")
    page.get_by_role("button", name="Start now").click()

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
