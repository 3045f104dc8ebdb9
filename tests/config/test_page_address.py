"""A page names its own address (canonical link, share card, print header) from the request
it answers: worked out once a page (``core.context_processors.page``), never kept between
requests."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client, override_settings
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


@pytest.mark.django_db
def test_the_print_header_names_the_day_it_is_printed_each_day():
    """On the exercise sheet, which is never cached because it carries the date."""
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        first = client_page()
    with time_machine.travel(dt.datetime(2026, 12, 8, 12, tzinfo=dt.UTC), tick=False):
        next_day = client_page()

    assert printed_on(first) == "7 December 2026"
    assert printed_on(next_day) == "8 December 2026"


def client_page():
    return Client().get(reverse("exercises:sheet")).content.decode()


def printed_on(html):
    return re.search(r"Printed (\d+ \w+ \d{4})", html).group(1)
