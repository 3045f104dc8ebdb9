"""Wherever a page names 999 or 111, the number is a ``tel:`` link a phone can call: a sweep over
every kind of page and every published content page. Titles, metadata and addresses are not
page text; a link to NHS 111 online (111.nhs.uk) names the service it goes to."""

import re
from html.parser import HTMLParser

import pytest

from tests.pages import content_pages, every_page_type

NUMBER = re.compile(r"(?<![\w/-])(?:999|111)(?![\w/-])")
NOT_TEXT = {"head", "title", "script", "style", "svg"}
ONLINE_SERVICE = "https://111.nhs.uk/"


class CallNumberSweep(HTMLParser):
    """Collects text that names a call number outside a ``tel:`` link."""

    def __init__(self):
        super().__init__()
        self.open = []  # (tag, href) of the elements the text is in
        self.uncallable = []

    def handle_starttag(self, tag, attrs):
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "path"}:
            self.open.append((tag, dict(attrs).get("href") or ""))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if not NUMBER.search(data) or any(tag in NOT_TEXT for tag, _href in self.open):
            return
        links = [href for tag, href in self.open if tag == "a"]
        if links and (links[-1].startswith("tel:") or links[-1] == ONLINE_SERVICE):
            return
        self.uncallable.append(" ".join(data.split()))


def uncallable_numbers(html):
    sweep = CallNumberSweep()
    sweep.feed(html)
    return sweep.uncallable


@pytest.mark.usefixtures("seed")
@pytest.mark.django_db
def test_every_kind_of_page_names_999_and_111_only_as_call_links():
    found = {name: uncallable_numbers(html) for name, html in every_page_type().items()}

    assert {name: texts for name, texts in found.items() if texts} == {}


@pytest.mark.django_db
def test_every_published_content_page_names_999_and_111_only_as_call_links():
    found = {address: uncallable_numbers(html) for address, html in content_pages().items()}

    assert {address: texts for address, texts in found.items() if texts} == {}


def test_the_sweep_finds_a_number_that_is_not_a_call_link():
    html = (
        '<html><head><title>Call 999</title></head><body><p>Call <a href="tel:999">999</a>, '
        '<a href="https://111.nhs.uk/">NHS 111 online</a>, 0303 123 1113, result/ab-999-x. '
        "<strong>Or call 111 now.</strong></p></body></html>"
    )

    assert uncallable_numbers(html) == ["Or call 111 now."]
