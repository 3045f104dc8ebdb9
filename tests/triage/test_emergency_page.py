"""The emergency page says once what to tell the people answering the call."""

import pytest
from django.template.loader import render_to_string

from conditions.models import RedFlag
from conditions.urgency import Urgency
from tests.helpers import without_tags
from tests.triage.fhir_export import stored

pytestmark = pytest.mark.django_db

EMERGENCY_SIGNS = [
    "bladder-bowel-change",
    "saddle-numbness",
    "both-legs-weak-numb",
    "worsening-leg-weakness",
    "serious-accident",
]


def test_every_emergency_sign_is_shipped_so_the_list_below_is_complete(seed_live):
    shipped = set(RedFlag.objects.live().filter(level="emergency").values_list("slug", flat=True))

    assert shipped == set(EMERGENCY_SIGNS)


@pytest.mark.parametrize("slug", EMERGENCY_SIGNS)
def test_an_emergency_page_gives_what_to_tell_them_once_in_the_signs_own_words(
    client, seed_live, slug
):
    flag = RedFlag.objects.live().get(slug=slug)
    question = seed_live.questions.filter(options__rules__red_flag=flag).distinct().get()
    submission = stored(seed_live, {question.code: "yes"})

    page = without_tags(client.get(submission.get_absolute_url()).content.decode())

    assert submission.disposition == Urgency.EMERGENCY
    assert "What to tell them" not in page
    assert page.count("Tell them") + page.count("Tell the call handler") == 1


def test_an_emergency_without_a_warning_sign_of_its_own_still_says_what_to_tell_them():
    result = {"why": ["A reason a clinician wrote."]}
    context = {"result": result, "red_flags": [], "unsaved": True, "walk": {"start": "/check/"}}

    page = without_tags(render_to_string("triage/emergency.html", context))

    assert "What to tell them" in page
    assert "that you have back pain" in page


@pytest.mark.parametrize("slug", EMERGENCY_SIGNS)
def test_an_emergency_page_says_do_not_wait_and_how_rare_it_is_once(client, seed_live, slug):
    flag = RedFlag.objects.live().get(slug=slug)
    question = seed_live.questions.filter(options__rules__red_flag=flag).distinct().get()
    submission = stored(seed_live, {question.code: "yes"})

    page = without_tags(client.get(submission.get_absolute_url()).content.decode()).lower()

    assert page.count("do not wait to see if it gets better") == 1
    assert page.count("rare") <= 1


def test_an_emergency_without_a_warning_sign_of_its_own_keeps_the_cards_lines():
    result = {"why": ["A reason a clinician wrote."]}
    context = {"result": result, "red_flags": [], "unsaved": True, "walk": {"start": "/check/"}}

    page = without_tags(render_to_string("triage/emergency.html", context))

    assert "Do not wait to see if it gets better" in page
    assert "This is rare" in page
