"""The questionnaire in Chromium: clicking through case C4, check-your-answers, Back and
refresh after a result and after an error, the emergency stop, print, and axe-core."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AGE = "How old are you?"
# Case C4, as the labels a person clicks, in asking order; AGE means "type 41".
DISC_CLICKS = [
    *[["No"]] * 5,
    AGE,
    *[["No"]] * 7,
    ["2 to 6 weeks"],
    ["I'm not sure"],
    ["On one side of my lower back", "Down the back of my thigh"],
    ["No, or I'm not sure"],
    ["Bending forwards", "Sitting for a long time", "Coughing or sneezing"],
    ["Lying down and resting"],
    ["Pins and needles or tingling"],
    ["Mild: I can get on with everyday things such as walking, working and sleeping"],
    ["No"],
    ["I sit for long hours, for example at a desk or driving"],
]


@pytest.fixture
def started(page, live_server, content):
    page.goto(live_server.url + "/check/")
    page.get_by_role("button", name="Start now").click()
    return page


def answer(page, labels):
    if labels == AGE:
        page.get_by_label(AGE).fill("41")
    else:
        for label in labels:
            page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def answer_all(page):
    for labels in DISC_CLICKS:
        assert page.locator("h1").count() == 1
        answer(page, labels)
    expect(page).to_have_url(re.compile(r"/check/answers/$"))


def get_result(page):
    answer_all(page)
    page.get_by_role("button", name="Get your result").click()
    expect(page).to_have_url(re.compile(r"/check/result/"))
    page.wait_for_load_state()


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_completing_case_c4_by_clicking_gives_see_soon_and_disc(started):
    page = started
    answer(page, DISC_CLICKS[0])
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.get_by_label("No", exact=True).is_checked()
    page.get_by_role("button", name="Continue").click()
    for labels in DISC_CLICKS[1:]:
        answer(page, labels)
    page.get_by_role("button", name="Get your result").click()

    expect(page).to_have_url(re.compile(r"/check/result/"))
    expect(page.get_by_role("heading", name="See a physiotherapist or GP soon")).to_be_visible()
    matches = page.locator(".match h3")
    assert matches.first.inner_text() == "Disc bulge or herniation (slipped disc)"
    expect(page.get_by_text("Stop running for now.", exact=True)).to_be_visible()
    expect(page.locator(".care-card__running")).to_have_text("Running: Stop running for now.")


def test_changing_an_answer_on_check_your_answers_comes_back_to_it(started):
    page = started
    answer_all(page)

    page.get_by_role("link", name="Change your answer to: How old are you?").click()
    page.get_by_label(AGE).fill("42")
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(re.compile(r"/check/answers/#answer-age$"))
    expect(page.locator(".summary-list__value", has_text="42")).to_be_in_viewport()


def test_on_a_phone_a_changed_answer_near_the_end_is_on_screen_when_it_comes_back(
    phone_page, live_server, content
):
    page = phone_page
    page.goto(live_server.url + "/check/")
    page.get_by_role("button", name="Start now").click()
    answer_all(page)

    page.get_by_role("link", name="Change your answer to: What eases the pain?").click()
    page.get_by_label("Lying down and resting", exact=True).uncheck()
    page.get_by_label("Gentle movement", exact=True).check()
    page.get_by_role("button", name="Continue").click()

    row = page.locator(".summary-list__row", has_text="Gentle movement")
    expect(row).to_be_in_viewport()


def test_on_a_phone_a_question_page_drops_search_and_sections_so_the_answers_show_first(
    phone_page, live_server, content
):
    page = phone_page
    page.goto(live_server.url + "/check/")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()  # not a question page
    page.get_by_role("button", name="Start now").click()

    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("search")).to_be_hidden()
    expect(page.get_by_role("link", name="Need urgent help?")).to_be_visible()
    for answer in ("Yes", "No", "I'm not sure"):
        expect(page.get_by_label(answer, exact=True)).to_be_in_viewport()


def test_back_from_the_result_goes_to_check_your_answers_without_resubmitting(started):
    page = started
    get_result(page)

    page.go_back()

    expect(page).to_have_url(re.compile(r"/check/answers/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers"
    expect(page.get_by_role("link", name="your result for these answers")).to_be_visible()


def test_back_and_refresh_after_an_error_never_ask_to_resend_a_form(started):
    page = started
    answer(page, DISC_CLICKS[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.reload()
    heading_after_refresh = page.get_by_role("heading", level=1).inner_text()
    page.go_back()

    assert dialogs == []
    assert "genitals" in heading_after_refresh
    expect(page).to_have_url(re.compile(r"/check/q/saddle-numbness/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.go_back()
    expect(page).to_have_url(re.compile(r"/check/q/bladder-bowel/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_back_past_a_refused_answer_shows_the_answer_given_after_it(started):
    """Chromium would restore the refused question's form as it was left (empty) when Back
    reaches it again; the form's autocomplete="off" leaves the kept answer showing."""
    page = started
    answer(page, DISC_CLICKS[0])
    page.get_by_role("button", name="Continue").click()  # no answer: refused
    expect(page.get_by_text("There is a problem")).to_be_visible()
    answer(page, DISC_CLICKS[1])

    page.go_back()
    page.go_back()

    expect(page).to_have_url(re.compile(r"/check/q/saddle-numbness/$"))
    expect(page.get_by_label("No", exact=True)).to_be_checked()


def test_first_emergency_answer_stops_the_questionnaire(started):
    page = started
    answer(page, ["Yes"])

    expect(page).to_have_url(re.compile(r"/check/result/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Call 999 or go to A&E now"


def test_a_printed_result_shows_the_warning_signs_answers_date_and_address(started):
    page = started
    get_result(page)

    page.emulate_media(media="print")

    expect(page.get_by_role("heading", name="Warning signs: get help quickly")).to_be_visible()
    expect(page.get_by_text("Back pain after a serious accident").first).to_be_visible()
    expect(page.locator(".answers").get_by_text("Pins and needles or tingling")).to_be_visible()
    expect(page.locator(".result-meta").get_by_text("Result from")).to_be_visible()
    expect(page.get_by_text(page.url).first).to_be_visible()
    expect(page.get_by_role("link", name="Change your answers")).to_be_hidden()


def test_question_page_has_no_axe_violations(started):
    assert_no_axe_violations(started)


def test_question_page_with_an_error_has_no_axe_violations(started):
    started.get_by_role("button", name="Continue").click()

    expect(started.get_by_text("There is a problem")).to_be_visible()
    assert_no_axe_violations(started)


def test_check_your_answers_page_has_no_axe_violations(started):
    answer_all(started)

    assert_no_axe_violations(started)


def test_emergency_page_has_no_axe_violations(started):
    answer(started, ["Yes"])

    assert_no_axe_violations(started)


def test_result_page_has_no_axe_violations(started):
    get_result(started)

    assert_no_axe_violations(started)


def test_printed_result_has_no_axe_violations(started):
    get_result(started)
    started.emulate_media(media="print")

    assert_no_axe_violations(started)


def test_question_page_fits_a_320_pixel_screen(browser, live_server, content):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/check/")
    page.get_by_role("button", name="Start now").click()

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_long_checkbox_labels_sit_beside_their_boxes(browser, live_server, content, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/check/")
    page.get_by_role("button", name="Start now").click()
    for labels in DISC_CLICKS[:17]:
        answer(page, labels)
    expect(page).to_have_url(re.compile(r"/check/q/worse/$"))

    boxes = page.locator(".form-check-input").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().left)"
    )
    labels = page.locator(".form-check-label").evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().left, e.getBoundingClientRect().right])"
    )
    context.close()

    assert len(set(boxes)) == 1
    assert len({left for left, _ in labels}) == 1
    assert all(left > boxes[0] and right <= width for left, right in labels)
