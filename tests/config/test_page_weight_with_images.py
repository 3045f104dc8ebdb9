"""Pictures keep pages light: every page type, with what it loads before the runner scrolls
(its CSS, scripts and the images not marked to load lazily), stays under the budget, and each
lazily loaded picture (the list thumbnails, an exercise's later positions) is small."""

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


def uploaded_bytes(client, url):
    """A picture from the uploads storage, as the site serves it to runners."""
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def image_bytes(client, url):
    return static_bytes(url) if url.startswith("/static/") else uploaded_bytes(client, url)


def images(text, *, lazy):
    """The addresses of the page's images that load lazily, or of those that do not."""
    tags = re.findall(r"<img [^>]+>", text)
    return {
        re.search(r'src="([^"]+)"', tag).group(1)
        for tag in tags
        if ('loading="lazy"' in tag) == lazy
    }


def page_weight(client, path):
    html = client.get(path).content
    text = html.decode()
    assets = re.findall(r'<link rel="stylesheet" href="(/static/[^"]+)"', text)
    assets += re.findall(r'<script[^>]+src="(/static/[^"]+)"', text)
    return (
        compressed_size(html)
        + sum(compressed_size(static_bytes(url)) for url in assets)
        + sum(compressed_size(image_bytes(client, url)) for url in images(text, lazy=False))
    )


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_with_its_css_and_images_is_under_the_budget(client, path):
    weight = page_weight(client, path)

    assert weight < BUDGET_BYTES, f"{path}: {weight} bytes after gzip"


LAZY_PICTURE_BYTES = 16 * 1024


@pytest.mark.usefixtures("seed")
def test_every_lazily_loaded_picture_is_small(client):
    checked = 0
    for path in PAGE_TYPES:
        for url in images(client.get(path).content.decode(), lazy=True):
            size = compressed_size(image_bytes(client, url))
            assert size < LAZY_PICTURE_BYTES, f"{path}: {url} is {size} bytes after gzip"
            checked += 1
    assert checked >= 17  # the exercise list's thumbnails at least


def test_every_picture_declares_its_size_so_the_page_does_not_jump(client):
    for path in PAGE_TYPES:
        for tag in re.findall(r"<img [^>]+>", client.get(path).content.decode()):
            assert re.search(r'width="\d+" height="\d+"', tag), (path, tag)
