"""Pictures keep pages light: every page type, with its images, stays under the budget."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from tests.config.test_page_weight import BUDGET_BYTES

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "/",
    "/conditions/",
    "/conditions/sciatica/",
    "/conditions/piriformis-syndrome/",
    "/exercises/",
    "/exercises/slump-slider/",
    "/exercises/dead-bug/",
    "/exercises/sheet/?e=dead-bug&e=cobra",
    "/running-factors/",
    "/guides/",
    "/guides/running-with-back-pain/",
    "/urgent-help/",
    "/search/?q=plank",
    "/privacy/",
    "/check/",
]


def compressed_size(data):
    return len(gzip.compress(data, 9))


def static_bytes(url):
    return open(finders.find(url.removeprefix("/static/")), "rb").read()


def page_weight(client, path):
    html = client.get(path).content
    text = html.decode()
    assets = re.findall(r'<link rel="stylesheet" href="(/static/[^"]+)"', text)
    assets += re.findall(r'<script[^>]+src="(/static/[^"]+)"', text)
    assets += re.findall(r'<img src="(/static/[^"]+)"', text)
    return compressed_size(html) + sum(compressed_size(static_bytes(url)) for url in assets)


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_with_its_css_and_images_is_under_the_budget(client, path):
    weight = page_weight(client, path)

    assert weight < BUDGET_BYTES, f"{path}: {weight} bytes after gzip"


def test_every_picture_declares_its_size_so_the_page_does_not_jump(client):
    for path in PAGE_TYPES:
        for tag in re.findall(r"<img [^>]+>", client.get(path).content.decode()):
            assert re.search(r'width="\d+" height="\d+"', tag), (path, tag)
