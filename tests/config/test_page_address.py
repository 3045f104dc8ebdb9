"""A page names its own address (canonical link, share card, print header) from the request
it answers: worked out once a page (``core.context_processors.page``), never kept between
requests."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse


def own_addresses(html):
    return {
        "canonical": re.search(r'<link rel="canonical" href="([^"]*)"', html).group(1),
        "og:url": re.search(r'<meta property="og:url" content="([^"]*)"', html).group(1),
        "og:image": re.search(r'<meta property="og:image" content="([^"]*)"', html).group(1),
        "printed from": re.search(r"Runner's Back</strong> · (\S*) ·", html).group(1),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "secure", "origin"),
    [
        ("example.org", False, "http://example.org"),
        ("www.example.com", True, "https://www.example.com"),
    ],
)
@override_settings(ALLOWED_HOSTS=["example.org", "www.example.com"])
def test_each_page_names_the_scheme_and_host_it_was_asked_for(client, host, secure, origin):
    html = client.get(
        reverse("search"), {"q": "plank"}, HTTP_HOST=host, secure=secure
    ).content.decode()

    addresses = own_addresses(html)

    assert addresses["canonical"] == addresses["og:url"] == f"{origin}/search/"
    assert re.fullmatch(
        rf"{re.escape(origin)}/static/icons/social-preview[.\w]*\.png", addresses["og:image"]
    )
    assert addresses["printed from"] == f"{origin}/search/?q=plank"
