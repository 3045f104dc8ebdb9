"""Printed pages in Chromium: browsers print without backgrounds unless asked, so no text may
be light in print (white on a coloured band turns into white on white: "When to stop and get
help" on the exercise sheet did)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.factories import SubmissionFactory
from tests.triage.answers import DISC, finish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIGHT_TEXT = """() => {
  const luminance = (colour) => {
    const [r, g, b, a = 1] = colour.match(/[\\d.]+/g).map(Number);
    return a === 0 ? 0 : (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  const light = [];
  for (const element of document.querySelectorAll("body *")) {
    const ownText = [...element.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    const style = getComputedStyle(element);
    if (!ownText || !element.getClientRects().length || style.visibility === "hidden") continue;
    if (luminance(style.color) > 0.6) {
      light.push(`${element.tagName}.${element.className}: ${element.textContent.trim().slice(0, 50)}`);
    }
  }
  return light;
}"""


def light_text_in_print(page, url):
    page.goto(url)
    page.emulate_media(media="print")
    return page.evaluate(LIGHT_TEXT)


@pytest.mark.parametrize(
    "path",
    [
        "/exercises/sheet/?e=cobra&e=dead-bug",
        "/conditions/sciatica/",
        "/urgent-help/",
        "/exercises/cobra/",
    ],
)
def test_no_text_is_light_on_printed_pages(page, live_server, content, path):
    assert light_text_in_print(page, live_server.url + path) == []


@pytest.mark.parametrize(
    "answers",
    [DISC, {**DISC, "bladder-bowel": "yes"}, {**DISC, "fever-unwell": "yes"}],
    ids=["soon", "emergency", "urgent"],
)
def test_no_text_is_light_on_printed_results(page, live_server, content, answers):
    url = live_server.url + finish(Client(), answers)

    assert light_text_in_print(page, url) == []


def test_no_text_is_light_on_the_printed_programme(page, live_server, content):
    submission = SubmissionFactory()
    page.goto(live_server.url + submission.get_absolute_url() + "programme/")
    page.get_by_role("button", name="Start the programme").click()
    expect(page.get_by_role("heading", name="Your return to running", level=1)).to_be_visible()

    light = light_text_in_print(
        page, live_server.url + submission.get_absolute_url() + "programme/print/"
    )

    assert light == []


def test_the_check_sees_white_text_on_a_band_that_does_not_print(page, live_server, content):
    page.goto(live_server.url + "/conditions/sciatica/")
    # Styled through the CSSOM: the site's CSP refuses inline style attributes.
    page.evaluate(
        """() => {
          const planted = document.createElement("p");
          planted.textContent = "Planted";
          planted.style.color = "#fff";
          planted.style.background = "#005eb8";
          document.querySelector("main").append(planted);
        }"""
    )
    page.emulate_media(media="print")

    assert page.evaluate(LIGHT_TEXT) == ["P.: Planted"]
