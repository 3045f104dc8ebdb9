"""The one-page clinician summary: everything a clinic needs from the result, said as the
result page says it, behind the result's private address."""

import pytest

from conditions.models import Condition
from conditions.urgency import Urgency
from tests.triage.answers import DISC
from tests.triage.fhir_export import stored
from triage.results import LIKELIHOOD_WORDS

pytestmark = pytest.mark.django_db

URGENT = {**DISC, "fever-unwell": "not-sure"}


def summary(client, submission):
    response = client.get(f"{submission.get_absolute_url()}summary/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_summary_states_the_urgency_in_the_urgency_vocabulary(client, seed_live):
    submission = stored(seed_live, URGENT)

    assert str(Urgency.URGENT.label) in summary(client, submission)


def test_the_summary_lists_the_red_flag_answers_that_raised_the_urgency(client, seed_live):
    content = summary(client, stored(seed_live, URGENT))

    assert "Do you have a high temperature" in content
    assert "Have you ever had cancer?" not in content  # answered "no"


def test_the_summary_says_when_no_warning_sign_was_raised(client, seed_live):
    assert "None: every warning-sign question" in summary(client, stored(seed_live, DISC))


def test_the_summary_lists_the_likely_conditions_with_their_words_and_reasons(client, seed_live):
    submission = stored(seed_live, DISC)
    content = summary(client, submission)

    for match in submission.result["conditions"]:
        name = Condition.objects.live().get(slug=match["condition"]).name
        assert f"<strong>{name}</strong> · {LIKELIHOOD_WORDS[match['likelihood']]}" in content
        assert match["reasons"][0].replace("'", "&#x27;") in content


def test_the_summary_gives_the_plan_running_advice_version_date_and_address(client, seed_live):
    submission = stored(seed_live, DISC)
    content = summary(client, submission)

    assert "Now: " in content and "Later: " in content
    assert "Stop running for now." in content
    assert "Back, version 1" in content
    assert f"{submission.created:%-d %B %Y}" in content
    assert f"http://testserver{submission.get_absolute_url()}" in content


def test_the_summary_never_claims_a_diagnosis(client, seed_live):
    assert "it is not a diagnosis" in summary(client, stored(seed_live, DISC))


def test_the_summary_is_never_stored_by_a_cache(client, seed_live):
    response = client.get(f"{stored(seed_live, DISC).get_absolute_url()}summary/")

    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
