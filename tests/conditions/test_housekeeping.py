"""Pages and files a visitor expects: icons, preview image, privacy, accessibility, contact."""

import re

import pytest
from django.urls import reverse

from conditions.models import Condition, Guide, RedFlag

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_a_real_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 200


def test_every_page_links_its_icons_and_social_preview_image(client):
    html = client.get("/").content.decode()

    for href in re.findall(r'<link rel="(?:icon|apple-touch-icon|manifest)" href="([^"]+)"', html):
        assert client.get(href).status_code == 200, href
    image = re.search(r'<meta property="og:image" content="http://testserver([^"]+)"', html)
    assert client.get(image.group(1)).status_code == 200


def test_privacy_notice_gives_retention_in_numbers_from_settings(client, settings):
    settings.TRIAGE_RETENTION_DAYS = 45
    html = client.get(reverse("core:privacy")).content.decode()

    assert "45 days" in html and "2 hours" in html
    assert "Article 9(2)(a)" in html
    assert "triage-run" in html and "sessionid" in html and "csrftoken" in html
    assert f"{settings.LOGIN_RECORD_RETENTION_DAYS} days" in html
    assert "Your rights" in html


def test_contact_address_comes_from_settings(client, settings):
    settings.CONTACT_EMAIL = "help@clinic.example"

    for name in ("core:privacy", "core:accessibility", "core:contact"):
        html = client.get(reverse(name)).content.decode()
        assert 'href="mailto:help@clinic.example"' in html, name


def test_footer_links_the_privacy_accessibility_contact_and_guides_pages(client):
    html = client.get("/").content.decode()

    for name in ("core:privacy", "core:accessibility", "core:contact", "conditions:guides"):
        assert f'href="{reverse(name)}"' in html


@pytest.mark.usefixtures("seed")
def test_guides_page_lists_the_published_guides(client):
    html = client.get("/guides/").content.decode()

    guides = Guide.objects.published()
    assert guides, "the seed content should have its guides"
    for guide in guides:
        assert guide.get_absolute_url() in html


def test_questionnaire_start_page_is_indexable_but_questions_are_not(client):
    start = client.get("/check/").content.decode()
    robots = client.get("/robots.txt").content.decode()

    assert 'name="robots"' not in start
    assert "Allow: /check/$" in robots and "Disallow: /check/" in robots


@pytest.mark.usefixtures("seed")
def test_condition_page_says_symptoms_treatment_and_red_flags_once(client):
    condition = Condition.objects.get(slug="facet-joint-pain")
    html = client.get(condition.get_absolute_url()).content.decode()

    assert "Common symptoms" not in html and "Sometimes symptoms" not in html
    assert html.count("stirred up by leaning backwards") == 1
    for flag in RedFlag.objects.published():
        assert html.count(flag.sign) == 1, flag.sign
    assert html.count('href="#') >= 6  # the contents list
