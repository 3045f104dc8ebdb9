"""A cached public page goes to a browser that accepts gzip compressed once per process copy,
not on every request (``core.caching.LocalCopy``): the same page, the same headers, a weak
ETag and ``Vary: Accept-Encoding``. Swept over every public page the sitemap lists."""

import gzip

import pytest
from django.test import Client

from core import caching
from tests.config.test_early_page_cache import COMPARED, early_hit, public_pages

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}  # as Chromium asks
SAME_IN_BOTH = [name for name in COMPARED if name != "ETag"]


def compressed_hits(client, url):
    """(the plain page, the first compressed answer, a compressed early hit)."""
    plain, _ = early_hit(client, url)
    first = client.get(url, secure=True, **GZIP)
    again = client.get(url, secure=True, **GZIP)
    return plain, first, again


def faults(plain, packed):
    """What is wrong with ``packed`` as the gzip encoding of ``plain`` (empty when nothing)."""
    found = []
    if packed.status_code != plain.status_code:
        found.append(f"status {packed.status_code}")
    if packed.get("Content-Encoding") != "gzip":
        return [*found, "not compressed"]
    if gzip.decompress(packed.content) != plain.content:
        found.append("another page inside")
    if packed["Content-Length"] != str(len(packed.content)):
        found.append("wrong Content-Length")
    if packed["ETag"] != "W/" + plain["ETag"]:
        found.append(f"ETag {packed['ETag']} for {plain['ETag']}")
    for response in (plain, packed):
        if "Accept-Encoding" not in response.get("Vary", ""):
            found.append("no Vary: Accept-Encoding")
    found += [name for name in SAME_IN_BOTH if plain.get(name) != packed.get(name)]
    return found


def sweep(client):
    """{url: faults} over every public page that is worth compressing."""
    found = {}
    for url in public_pages(client):
        plain, first, again = compressed_hits(client, url)
        if len(plain.content) < caching.SMALLEST_COMPRESSED:
            continue
        for packed in (first, again):
            if problems := faults(plain, packed):
                found[url] = problems
    return found


@pytest.mark.usefixtures("seed")
def test_every_cached_public_page_is_sent_compressed_to_a_browser_that_accepts_gzip():
    client = Client()

    assert len(public_pages(client)) > 20
    assert sweep(client) == {}


@pytest.mark.usefixtures("seed")
def test_the_sweep_sees_a_compressed_copy_of_another_body(monkeypatch):
    monkeypatch.setattr(caching, "compress_string", lambda body: gzip.compress(body + b"!"))

    found = sweep(Client())

    assert found and all("another page inside" in problems for problems in found.values())


@pytest.mark.usefixtures("seed")
def test_a_page_is_compressed_once_however_often_it_is_served(client, monkeypatch):
    calls = []
    real = caching.compress_string
    monkeypatch.setattr(caching, "compress_string", lambda body: calls.append(1) or real(body))

    for _ in range(5):
        assert client.get("/conditions/", **GZIP)["Content-Encoding"] == "gzip"

    assert len(calls) == 1


@pytest.mark.usefixtures("seed")
def test_a_browser_without_gzip_gets_the_page_as_it_is(client):
    client.get("/conditions/", **GZIP)

    response = client.get("/conditions/", HTTP_ACCEPT_ENCODING="identity")

    assert not response.has_header("Content-Encoding")
    assert b"</html>" in response.content


@pytest.mark.usefixtures("seed")
def test_an_unchanged_compressed_page_is_answered_with_a_304(client):
    etag = client.get("/conditions/", **GZIP)["ETag"]

    response = client.get("/conditions/", HTTP_IF_NONE_MATCH=etag, **GZIP)

    assert etag.startswith('W/"')
    assert response.status_code == 304


@pytest.mark.usefixtures("seed")
def test_a_page_too_small_to_gain_is_sent_as_it_is_without_a_vary(client):
    client.get("/robots.txt", **GZIP)

    response = client.get("/robots.txt", **GZIP)

    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" not in response.get("Vary", "")


@pytest.mark.usefixtures("seed")
def test_the_first_request_for_a_page_is_compressed_as_well(client):
    plain = Client().get("/conditions/")  # another process's view of the page, stored
    caching.forget_local_pages()

    first = client.get("/guides/", **GZIP)
    stored = client.get("/conditions/", **GZIP)

    assert first["Content-Encoding"] == stored["Content-Encoding"] == "gzip"
    assert gzip.decompress(stored.content) == plain.content


@pytest.mark.parametrize(
    ("header", "takes_gzip"),
    [
        ("gzip", True),
        ("gzip, deflate, br, zstd", True),
        ("GZIP", True),
        ("deflate, gzip;q=0.5", True),
        ("br ; q=1, gzip ; q=0.001", True),
        ("gzip;q=0", False),
        ("gzip; q=0.000, identity", False),
        ("x-gzip", False),
        ("br, deflate", False),
        ("identity", False),
        ("*", False),
        ("", False),
    ],
)
def test_gzip_is_taken_when_named_without_a_weight_of_zero(rf, header, takes_gzip):
    assert caching.accepts_gzip(rf.get("/", HTTP_ACCEPT_ENCODING=header)) is takes_gzip


@pytest.mark.usefixtures("seed")
def test_a_browser_refusing_gzip_with_a_weight_of_zero_gets_the_plain_page(client):
    client.get("/conditions/", **GZIP)

    response = client.get("/conditions/", HTTP_ACCEPT_ENCODING="gzip;q=0, identity")

    assert not response.has_header("Content-Encoding")


@pytest.mark.usefixtures("seed")
def test_a_search_asked_for_once_and_not_stored_still_says_it_varies_on_the_encoding(client):
    response = client.get("/search/?q=hamstring+tightness", **GZIP)

    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]
