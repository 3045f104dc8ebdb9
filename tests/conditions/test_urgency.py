"""The urgent help page says each thing once, and 999 and 111 are one tap away."""

import re

import pytest
from django.urls import reverse

from conditions.models import RedFlag
from conditions.urgency import split_shared

pytestmark = pytest.mark.django_db


def test_sentences_shared_by_several_texts_are_said_once():
    shared, own = split_shared(
        ["**Call now.** Do not wait. It hurts when you sit.", "**Call now.** Do not wait. Legs."]
    )

    assert shared == "**Call now.** Do not wait."
    assert own == ["It hurts when you sit.", "Legs."]


def test_a_single_text_is_left_whole():
    assert split_shared(["Only one. Whole."]) == ("", ["Only one. Whole."])


@pytest.mark.usefixtures("seed")
def test_urgent_help_says_the_cauda_equina_explanation_once(client):
    html = client.get(reverse("conditions:urgent_help")).content.decode()

    assert html.count("Doctors call this cauda equina syndrome") == 1
    assert html.count("Do not wait to see if it gets better") == 1
    assert html.count("If you also notice any of the emergency signs") == 1


@pytest.mark.usefixtures("seed")
def test_urgent_help_still_gives_each_sign_its_own_advice(client):
    html = client.get(reverse("conditions:urgent_help")).content.decode()

    for flag in RedFlag.objects.published():
        assert f'id="flag-{flag.slug}"' in html
    assert "when you wipe after going to the toilet" in html
    assert "osteoporosis" in html


@pytest.mark.usefixtures("seed")
def test_urgent_help_shows_review_dates_and_sources(client):
    html = client.get(reverse("conditions:urgent_help")).content.decode()

    assert "Page last reviewed:" in html and "Next review due:" in html
    assert 'id="sources"' in html
    assert "Runner&#x27;s World" in html


@pytest.mark.parametrize("url", ["/", "/urgent-help/", "/conditions/sciatica/"])
def test_999_and_111_are_tel_links_on_pages_with_care_cards(client, url):
    html = client.get(url).content.decode()

    assert 'href="tel:999"' in html and 'href="tel:111"' in html


def test_the_999_card_looks_different_from_the_111_card(client):
    html = client.get("/urgent-help/").content.decode()

    emergency = re.search(r'care-card--emergency">\s*<h2[^>]*>(.*?)</h2>', html, re.S).group(1)
    urgent = re.search(r'care-card--urgent">\s*<h2[^>]*>(.*?)</h2>', html, re.S).group(1)
    assert "Emergency" in emergency and "999" in emergency
    assert "Urgent" in urgent and "111" in urgent
    assert "care-card__icon" in emergency and "care-card__icon" in urgent
