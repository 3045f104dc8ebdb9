"""The shipped questionnaire as a runner walks it: seed content, kept on the seed data on purpose.
How the pages behave is tested on a small factory-built questionnaire in ``test_views.py``."""

import pytest

from conditions.models import RedFlag
from tests.triage.answers import DISC, walk
from triage.engine import scoring
from triage.models import Rule, Submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def test_the_shipped_questionnaire_asks_about_bladder_and_bowels_first(client):
    response = client.post("/check/", {})

    assert response.url == "/check/q/bladder-bowel/"


def test_a_bladder_or_bowel_change_in_the_shipped_questionnaire_shows_the_cauda_equina_advice(
    client,
):
    client.post("/check/", {})

    response = client.post("/check/q/bladder-bowel/", {"answer": "yes"})

    assert b"cauda equina" in client.get(response.url).content


def test_case_c4_walked_through_the_shipped_pages_gives_the_disc_result(client):
    page = client.get(walk(client, DISC).url).content.decode()

    assert Submission.objects.get().result["conditions"][0]["condition"] == "disc-herniation"
    assert 'href="/conditions/disc-herniation/">Disc bulge' in page


def test_the_warning_sign_page_and_the_questionnaire_give_one_weak_leg_the_same_urgency():
    """A weak leg that is not getting worse: the questionnaire sends the runner to a GP or
    physiotherapist soon (issue 5's case C3), and the worsening-weakness warning sign says the
    same, not "today"."""
    rule = Rule.objects.exclude(forced_disposition="").get(
        option__question__code="nerve",
        option__code="weakness",
        option__question__questionnaire__status="published",
    )
    flag = RedFlag.objects.live().get(slug="worsening-leg-weakness")
    one_leg = next(line for line in flag.what_to_do.splitlines() if "one leg only" in line)

    assert rule.forced_disposition == scoring.SOON
    assert "soon" in one_leg
    assert "today" not in one_leg


def test_no_two_shipped_questions_share_a_heading():
    """The answers page and the result list questions by their text: two questions asked as
    "Do any of these apply to you?" read as one asked twice (found by an audit)."""
    from collections import Counter

    from triage.models import Question

    texts = Counter(
        Question.objects.filter(questionnaire__version=1).values_list("text", flat=True)
    )

    assert [text for text, count in texts.items() if count > 1] == []
