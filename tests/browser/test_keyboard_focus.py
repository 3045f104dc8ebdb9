"""Keyboard users see where they are and are taken to what went wrong: a focused answer wears
the site's yellow focus ring (Bootstrap's faint blue one won over it on form controls), and a
page sent back with an error puts focus on its error summary."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

YELLOW = "rgb(255, 235, 59)"  # --rb-focus


@pytest.fixture
def first_question(page, live_server, content):
    page.goto(live_server.url + "/check/")
    page.get_by_role("button", name="Start now").click()
    return page


def test_a_radio_button_reached_by_tab_wears_the_yellow_focus_ring(first_question):
    radio = first_question.get_by_role("radio").first
    radio.focus()
    first_question.keyboard.press("Shift+Tab")
    first_question.keyboard.press("Tab")

    assert radio.evaluate("e => e === document.activeElement")
    assert YELLOW in radio.evaluate("e => getComputedStyle(e).boxShadow")


def test_an_answer_left_out_puts_focus_on_the_error_summary(first_question):
    first_question.get_by_role("button", name="Continue").click()

    # Chromium moves focus to an autofocus element at its next rendering update: wait for it.
    expect(first_question.locator(".error-summary")).to_be_focused()


def test_the_consent_hint_sits_under_its_label_on_a_phone(phone_page, live_server, content):
    phone_page.goto(live_server.url + "/check/")
    label = phone_page.locator("label[for=id_consent]").bounding_box()
    hint = phone_page.locator("#id_consent_helptext").bounding_box()

    assert hint["y"] >= label["y"] + label["height"] - 1
