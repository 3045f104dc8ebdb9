"""Each stored result as a FHIR R4 Bundle: valid, built from what the result page shows, and
naming nobody; downloaded from the result page behind its private token."""

import datetime
import json
import re

import pytest
from django.utils import timezone
from hypothesis import given, settings

from conditions.urgency import Urgency
from core.retention import ADVICE_DAYS
from tests.triage import fhir_validation
from tests.triage.answers import DISC
from tests.triage.fhir_export import (
    BASE,
    bundle,
    link_ids,
    resources,
    served_questionnaire,
    stored,
    unsaved,
)
from tests.triage.test_scoring_properties import answer_sets
from triage.live.results import LIKELIHOOD_WORDS, PublishedContent
from triage.models import TriageTestCase

pytestmark = pytest.mark.django_db


def every_key(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from every_key(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from every_key(inner)


@pytest.mark.slow
def test_every_shipped_test_case_result_exports_as_valid_fhir_r4(seed_live):
    found = {}
    for case in TriageTestCase.objects.filter(questionnaire=seed_live):
        exported = bundle(stored(seed_live, case.answers))
        found[case.name] = fhir_validation.problems(exported)

    assert len(found) == seed_live.test_cases.count() > 0
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_every_answer_of_a_shipped_case_links_to_a_question_of_its_served_version(seed_live):
    served = link_ids(served_questionnaire(seed_live)["item"])
    cases = TriageTestCase.objects.filter(questionnaire=seed_live)

    assert cases, "the seed content should have its clinician test cases"
    for case in cases:
        (response,) = resources(bundle(stored(seed_live, case.answers)), "QuestionnaireResponse")
        assert link_ids(response["item"]) <= served, case.name


def test_a_sample_of_any_answer_sets_exports_as_valid_fhir_r4(seed_live, seed_rules):
    content = PublishedContent.read()

    @settings(max_examples=30, deadline=None)
    @given(answers=answer_sets(seed_rules))
    def check(answers):
        assert fhir_validation.problems(bundle(unsaved(seed_live, answers), content)) == []

    check()


def test_a_sample_of_any_answer_sets_links_only_to_questions_of_the_served_version(
    seed_live, seed_rules
):
    content = PublishedContent.read()
    served = link_ids(served_questionnaire(seed_live)["item"])

    @settings(max_examples=30, deadline=None)
    @given(answers=answer_sets(seed_rules))
    def check(answers):
        exported = bundle(unsaved(seed_live, answers), content)
        (response,) = resources(exported, "QuestionnaireResponse")
        assert link_ids(response.get("item", [])) <= served

    check()


def test_the_bundle_is_a_collection_of_one_response_and_observations(seed_live):
    exported = bundle(stored(seed_live, DISC))
    kinds = [entry["resource"]["resourceType"] for entry in exported["entry"]]

    assert exported["type"] == "collection"
    assert kinds[0] == "QuestionnaireResponse"
    assert set(kinds[1:]) == {"Observation"}


def test_the_bundle_names_nobody_and_says_so(seed_live):
    exported = bundle(stored(seed_live, DISC))
    (response,) = resources(exported, "QuestionnaireResponse")

    assert "subject" not in set(every_key(exported))
    assert "no subject" in response["text"]["div"]


def test_the_bundle_holds_no_token(seed_live):
    submission = stored(seed_live, DISC)

    assert submission.token not in json.dumps(bundle(submission))


def test_the_response_names_the_questionnaire_canonical_and_version(seed_live):
    (response,) = resources(bundle(stored(seed_live, DISC)), "QuestionnaireResponse")

    assert response["questionnaire"] == f"{served_questionnaire(seed_live)['url']}|1"
    assert response["status"] == "completed"


def test_the_response_holds_every_stored_answer(seed_live):
    submission = stored(seed_live, DISC)
    (response,) = resources(bundle(submission), "QuestionnaireResponse")

    assert [item["linkId"] for item in response["item"]] == list(submission.answers)


def test_every_observation_is_derived_from_the_response(seed_live):
    exported = bundle(stored(seed_live, DISC))
    response_url = exported["entry"][0]["fullUrl"]

    for observation in resources(exported, "Observation"):
        assert observation["derivedFrom"] == [{"reference": response_url}]


def observations(exported, code):
    return [o for o in resources(exported, "Observation") if o["code"]["coding"][0]["code"] == code]


def test_the_urgency_is_one_of_the_urgency_choices(seed_live):
    submission = stored(seed_live, DISC)
    (urgency,) = observations(bundle(submission), "urgency")
    (coding,) = urgency["valueCodeableConcept"]["coding"]

    assert coding["code"] == f"urgency.{submission.disposition}"
    assert coding["display"] == Urgency(submission.disposition).label


def test_likely_conditions_say_what_the_result_page_says(client, seed_live):
    submission = stored(seed_live, DISC)
    page = client.get(submission.get_absolute_url()).content.decode()
    likely = observations(bundle(submission), "likely-condition")
    result = submission.result

    assert [o["valueCodeableConcept"]["coding"][0]["code"] for o in likely] == [
        f"condition.{match['condition']}" for match in result["conditions"]
    ]
    for observation, match in zip(likely, result["conditions"], strict=True):
        words = observation["component"][0]["valueCodeableConcept"]["coding"][0]["display"]
        assert words == LIKELIHOOD_WORDS[match["likelihood"]]
        assert words in page
        notes = [note["text"] for note in observation["note"]]
        assert notes[1:] == list(match["reasons"])
        assert "not a diagnosis" in notes[0]


def test_the_exercise_plan_is_the_result_pages_plan(client, seed_live):
    submission = stored(seed_live, DISC)
    page = client.get(submission.get_absolute_url()).content.decode()
    shown = re.findall(r'<ul class="plan-list">(.*?)</ul>', page, re.S)
    on_page = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', "".join(shown))
    exported = bundle(submission)
    planned = observations(exported, "exercise-now") + observations(exported, "exercise-later")

    assert on_page
    assert [o["valueCodeableConcept"]["coding"][0]["display"] for o in planned] == on_page


def test_an_emergency_result_exports_its_urgency_without_a_plan(seed_live):
    submission = stored(seed_live, {"bladder-bowel": "yes"})
    exported = bundle(submission)

    assert submission.disposition == Urgency.EMERGENCY
    assert observations(exported, "urgency")
    assert not observations(exported, "exercise-now")
    assert fhir_validation.problems(exported) == []


# Downloading it


def test_the_download_is_fhir_json_never_cached_and_a_file(client, seed_live):
    submission = stored(seed_live, DISC)

    response = client.get(f"{submission.get_absolute_url()}fhir/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["Content-Disposition"].startswith("attachment;")
    assert submission.token not in response["Content-Disposition"]


def test_the_download_is_the_bundle_built_from_the_result(client, seed_live):
    submission = stored(seed_live, DISC)

    downloaded = client.get(f"{submission.get_absolute_url()}fhir/").json()

    def said(exported):
        return [
            (r.get("linkId"), r.get("answer"), r.get("code"), r.get("valueCodeableConcept"))
            for r in [
                *resources(exported, "QuestionnaireResponse")[0]["item"],
                *resources(exported, "Observation"),
            ]
        ]

    assert fhir_validation.problems(downloaded) == []
    assert json.dumps(said(downloaded)) == json.dumps(said(bundle(submission))).replace(
        BASE, "http://testserver"
    )


def test_the_result_page_links_to_the_download_and_the_summary(client, seed_live):
    submission = stored(seed_live, DISC)

    page = client.get(submission.get_absolute_url()).content.decode()

    assert f'href="{submission.get_absolute_url()}fhir/"' in page
    assert "Download for your clinician (FHIR)" in page
    assert f'href="{submission.get_absolute_url()}summary/"' in page


@pytest.mark.parametrize("suffix", ["", "fhir/", "summary/"])
def test_an_unknown_token_answers_404(client, seed_live, suffix):
    assert client.get(f"/check/result/no-such-result/{suffix}").status_code == 404


def test_an_unknown_token_at_the_fhir_address_answers_a_fhir_operation_outcome(client, seed_live):
    response = client.get("/check/result/no-such-result/fhir/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response.json()["resourceType"] == "OperationOutcome"
    assert response.json()["issue"][0]["code"] == "not-found"
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    assert fhir_validation.problems(response.json()) == []


def test_an_expired_result_at_the_fhir_address_answers_410_as_a_fhir_operation_outcome(
    client, seed_live
):
    old = stored(
        seed_live, DISC, created=timezone.now() - datetime.timedelta(days=ADVICE_DAYS + 400)
    )

    response = client.get(f"{old.get_absolute_url()}fhir/")

    assert response.status_code == 410
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response.json()["issue"][0]["code"] == "deleted"


def test_the_result_download_is_for_this_site_only(client, seed_live):
    response = client.get(f"{stored(seed_live, DISC).get_absolute_url()}fhir/")

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


# The FHIR address answers 410 in FHIR JSON (above); the pages answer it in HTML.
@pytest.mark.parametrize("suffix", ["", "summary/"])
def test_an_expired_result_answers_410_with_a_plain_page(client, seed_live, suffix):
    old = stored(
        seed_live, DISC, created=timezone.now() - datetime.timedelta(days=ADVICE_DAYS + 400)
    )

    response = client.get(f"{old.get_absolute_url()}{suffix}")

    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    assert "has been deleted" in response.content.decode()


def test_the_emergency_page_links_to_the_download_and_the_summary_below_the_999_action(
    client, seed_live
):
    submission = stored(seed_live, {"bladder-bowel": "yes"})

    page = client.get(submission.get_absolute_url()).content.decode()

    assert submission.disposition == Urgency.EMERGENCY
    call = page.index('href="tel:999"')
    assert call < page.index("Tell them")  # the emergency card comes first
    assert call < page.index(f'href="{submission.get_absolute_url()}summary/"')
    assert call < page.index(f'href="{submission.get_absolute_url()}fhir/"')
    assert page.index("For your physiotherapist or doctor") > call
