import re
from pathlib import Path

import pytest

BASE_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "base.html"


@pytest.fixture
def home(client, db):
    return client.get("/", secure=True)


def test_page_sends_strict_transport_security_over_https(home):
    assert "max-age=31536000" in home["Strict-Transport-Security"]


def test_page_forbids_content_sniffing(home):
    assert home["X-Content-Type-Options"] == "nosniff"


def test_page_sends_a_referrer_policy(home):
    assert home["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_page_denies_framing(home):
    assert home["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in home["Content-Security-Policy"]


def test_page_isolates_its_browsing_context(home):
    assert home["Cross-Origin-Opener-Policy"] == "same-origin"


def test_content_security_policy_allows_only_own_scripts(home):
    policy = home["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "default-src 'self'" in policy


def test_base_template_has_no_inline_script_style_or_handler():
    html = BASE_TEMPLATE.read_text()

    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert "<style" not in html
    assert "style=" not in html


def test_rendered_page_has_no_inline_script(home):
    html = home.content.decode()

    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag


def test_plain_http_is_redirected_to_https_in_production(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_forwarded_https_from_the_proxy_is_served_with_hsts_not_redirected(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/", headers={"x-forwarded-proto": "https"})

    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]
