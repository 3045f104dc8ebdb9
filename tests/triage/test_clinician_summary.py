"""The one-page clinician summary: everything a clinic needs from the result, said as the
result page says it, behind the result's private address."""

import html
import re

import pytest

from conditions.models import Condition
from conditions.urgency import Urgency
from tests.helpers import without_tags
from tests.triage.answers import DISC, EMERGENCY_QUESTIONS
from tests.triage.fhir_export import bundle, resources, stored
from triage.engine import scoring
from triage.live.results import LIKELIHOOD_WORDS, SAFETY_NET
from triage.models import TriageTestCase

pytestmark = pytest.mark.django_db

URGENT = {**DISC, "fever-unwell": "not-sure"}


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """Some tests here look up every shipped case's result page and summary."""
    settings.FAILED_RESULT_LOOKUPS_PER_MINUTE = 0


def summary(client, submission):
    response = client.get(f"{submission.get_absolute_url()}summary/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_summary_states_the_urgency_in_the_urgency_vocabulary(client, seed_live):
    submission = stored(seed_live, URGENT)

    assert str(Urgency.URGENT.label) in without_tags(summary(client, submission))


def test_the_summary_lists_the_red_flag_answers_that_raised_the_urgency(client, seed_live):
    content = summary(client, stored(seed_live, URGENT))

    assert "Do you have a high temperature" in content
    assert "Have you ever had cancer?" not in content  # answered "no"


def test_the_summary_says_when_no_warning_sign_was_raised(client, seed_live):
    assert "None (every warning-sign question answered no)." in summary(
        client, stored(seed_live, DISC)
    )


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


def text_of(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def page_running(page):
    """The verdict and every sentence of the result page's running section, "What to change"
    included, up to "Getting back to running" or the programme's offer."""
    section = page.split("<h2>Running</h2>")[1].split("<h2")[0].split("<h3>Getting back")[0]
    section = section.split('<div class="inset-text programme-offer">')[0]
    return [text_of(part) for part in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", section, re.S)]


def summary_running(content):
    section = content.split('id="summary-running"')[1].split("</section>")[0]
    verdict = text_of(re.search(r"<p><strong>(.*?)</strong></p>", section).group(1))
    return [verdict, *(text_of(li) for li in re.findall(r"<li>(.*?)</li>", section, re.S))]


def bundle_running(exported):
    (advice,) = [
        o
        for o in resources(exported, "Observation")
        if o["code"]["coding"][0]["code"] == "running-advice"
    ]
    verdict = advice["valueCodeableConcept"]["coding"][0]["display"]
    return [verdict, *(note["text"] for note in advice.get("note", []))]


def shipped_cases(seed_live):
    cases = list(TriageTestCase.objects.filter(questionnaire=seed_live))
    assert cases
    return cases


def test_running_advice_is_the_result_pages_in_the_summary_and_the_bundle_for_every_case(
    client, seed_live
):
    for case in shipped_cases(seed_live):
        submission = stored(seed_live, case.answers)
        page = client.get(submission.get_absolute_url()).content.decode()
        said = summary_running(summary(client, submission))

        assert said == bundle_running(bundle(submission)), case.name
        if submission.disposition != scoring.EMERGENCY:  # the emergency page has no section
            assert said == page_running(page), case.name


def test_a_new_mild_pain_keeps_its_first_running_reason_in_the_summary(client, seed_live):
    content = summary(client, stored(seed_live, DISC | {"duration": "under-2-weeks"}))

    assert "Your pain is new. For the first few days, rest from running" in content


def test_an_urgent_summary_says_to_wait_for_a_doctor_before_running(client, seed_live):
    assert "Wait until a doctor has checked you." in summary(client, stored(seed_live, URGENT))


def test_the_summary_gives_the_safety_net_advice_of_the_result_page(client, seed_live):
    seen = set()
    for case in shipped_cases(seed_live):
        submission = stored(seed_live, case.answers)
        if submission.disposition not in SAFETY_NET or submission.disposition in seen:
            continue
        seen.add(submission.disposition)
        advice = html.escape(str(SAFETY_NET[submission.disposition]))
        page = client.get(submission.get_absolute_url()).content.decode()

        assert advice in without_tags(page), case.name
        assert advice in without_tags(summary(client, submission)), case.name
    assert seen == set(SAFETY_NET)


def test_the_summary_lists_every_other_answer_by_a_short_name(client, seed_live):
    content = summary(client, stored(seed_live, DISC))
    answers = text_of(content.split('id="summary-answers"')[1].split("</section>")[0])

    for said in (
        "Age41",
        "Duration2 to 6 weeks",
        "WhereOn one side of my lower back; Down the back of my thigh",
        "SeverityMild",
        "NervePins and needles or tingling",
    ):
        assert said in answers.replace("\n", "")
    assert "Bladder bowel" not in answers  # a plain "no" to a warning sign is summed up once


def test_the_summary_shows_the_age_the_runner_gave_not_its_band(client, seed_live):
    over_50 = {**DISC, "age": 56, "duration": "under-2-weeks", "severity": "severe"}
    content = summary(client, stored(seed_live, over_50))
    flags = content.split('id="summary-red-flags"')[1].split("</section>")[0]

    assert "How old are you? <strong>56</strong>" in flags
    assert "50 to 59" not in content


def test_an_emergency_summary_says_the_questionnaire_stopped_at_that_answer(client, seed_live):
    content = summary(client, stored(seed_live, {"bladder-bowel": "yes"}))

    assert "The questionnaire stopped here: this answer needs emergency care" in content
    assert "No one pattern stands out" not in content
    assert "Not assessed: the questionnaire stopped at the emergency answer." in content


def test_an_emergency_summary_lists_the_warning_signs_answered_no_before_it(client, seed_live):
    """Only the "yes" was listed: the clinician could not tell which signs had been ruled out
    (a fresh-eyes audit)."""
    first, second = EMERGENCY_QUESTIONS[:2]
    submission = stored(seed_live, {first: "no", second: "yes"})

    content = summary(client, submission)
    flags = without_tags(content.split('id="summary-red-flags"')[1].split("</section>")[0])

    asked_first = seed_live.questions.get(code=first).text
    assert "Warning-sign questions asked before it and answered no:" in flags
    assert asked_first in flags


def test_the_summary_labels_what_the_runner_was_told(client, seed_live):
    content = summary(client, stored(seed_live, DISC))
    likely = content.split('id="summary-conditions"')[1].split("</section>")[0]

    assert likely.count("Runner was told:") == len(stored(seed_live, DISC).result["conditions"])
    assert "Runner was told:" in content.split('id="summary-running"')[1]


def test_a_repeated_opening_of_the_urgency_reasons_is_said_once_and_nothing_is_lost(
    client, seed_live
):
    unsure = {
        **DISC,
        **dict.fromkeys(["fever-unwell", "cancer-history", "weight-loss"], "not-sure"),
    }
    submission = stored(seed_live, unsure)
    urgency = summary(client, submission).split('id="summary-urgency"')[1].split("</section>")[0]
    opening = "You were not sure, so to be safe we have treated it as a yes."

    assert urgency.count(opening) == 1
    for reason in submission.result["why"]:
        assert reason.removeprefix(opening).strip() in urgency


def test_a_change_to_make_names_its_running_factor_in_brackets_not_after_a_colon(client, seed_live):
    """An audit read "Build your training up more gradually: Increasing your training too
    quickly" as a contradiction; the factor's name now follows in brackets, linked on the page."""
    from conditions.models import RiskFactor

    submission = stored(seed_live, DISC | {"running": ["load"]})
    factor = RiskFactor.objects.get(slug="load-progression")

    lines = page_running(client.get(submission.get_absolute_url()).content.decode())

    assert f"Build your training up more gradually ({factor.name})" in lines
