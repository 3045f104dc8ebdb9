"""Sharing a result in Chromium: the private link is a plain link without JavaScript; with it,
a "Copy link" button copies the address and says so. "Change your answers" on a device that
never walked the questionnaire opens the answers."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.triage.answers import DISC, finish

pytestmark = pytest.mark.browser


def test_the_copy_button_copies_the_private_link(browser, live_server, content):
    address = live_server.url + finish(Client(), DISC)
    context = browser.new_context(viewport={"width": 375, "height": 740})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(address)

    page.get_by_role("button", name="Copy link").click()

    expect(page.get_by_role("status").filter(has_text="Link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address
    context.close()


def test_without_javascript_the_private_link_is_a_plain_link(browser, live_server, content):
    address = live_server.url + finish(Client(), DISC)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(address)

    expect(page.get_by_role("link", name=address)).to_be_visible()
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    context.close()


def test_change_your_answers_works_on_a_device_that_never_walked(page, live_server, content):
    page.goto(live_server.url + finish(Client(), DISC))

    page.get_by_role("button", name="Change your answers").click()

    expect(page).to_have_url(live_server.url + "/check/answers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text("Your session has ended")).to_have_count(0)
