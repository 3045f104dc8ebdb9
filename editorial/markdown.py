"""Markdown written by clinicians, rendered to HTML that cannot carry script."""

import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "li",
    "ol", "p", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


# The UK's emergency (999) and urgent-care (111) numbers, standing alone: not part of a longer
# number, a word, an address or a web address such as 111.nhs.uk.
CALL_NUMBER = re.compile(r"(?<![\w/:.-])(999|111)(?![\w/-]|\.\w)")


class CallNumberLinks(InlineProcessor):
    """Each call number in the text becomes a ``tel:`` link, except inside a link already."""

    ANCESTOR_EXCLUDES = ("a",)

    def handleMatch(self, match, data):
        link = etree.Element("a", {"href": f"tel:{match.group(1)}"})
        link.text = match.group(1)
        return link, match.start(0), match.end(0)


class CallNumbers(Extension):
    def extendMarkdown(self, md):
        # Below every built-in inline pattern, so links and code are found first.
        md.inlinePatterns.register(CallNumberLinks(CALL_NUMBER.pattern, md), "call-numbers", 5)


def call_links(text):
    """Plain text, escaped, with each call number as a ``tel:`` link (safe HTML)."""
    escaped = str(conditional_escape(text))
    return mark_safe(CALL_NUMBER.sub(r'<a href="tel:\1">\1</a>', escaped))  # noqa: S308


@lru_cache(maxsize=2048)
def render_markdown(text):
    """Markdown source to sanitised HTML (a plain str; mark it safe where it is shown). A call
    number such as 999 becomes a link a phone can call."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists", "tables", CallNumbers()])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
