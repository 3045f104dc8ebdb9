"""A result on the first screen of a phone (375 × 667): the call button of an urgent or an
emergency result is there without scrolling."""

import pytest
from django.test import Client

from tests.triage.answers import RESULT_KINDS, finish

pytestmark = pytest.mark.browser

FIRST_SCREEN = {"width": 375, "height": 667}
CALL_BUTTONS = {"urgent": "Call 111", "emergency": "Call 999"}


@pytest.mark.parametrize("kind", CALL_BUTTONS)
def test_the_call_button_is_on_the_first_phone_screen(browser, live_server, content, kind):
    result = finish(Client(), RESULT_KINDS[kind])
    context = browser.new_context(viewport=FIRST_SCREEN, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + result)

    button = page.locator(".call-button", has_text=CALL_BUTTONS[kind]).first
    box = button.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= FIRST_SCREEN["height"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= FIRST_SCREEN["width"]
    assert button.get_attribute("href") == CALL_BUTTONS[kind].replace("Call ", "tel:")
    context.close()
