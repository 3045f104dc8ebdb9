"""The scoring engine: the clinician cases, the safety order, ranking and explanations."""

import pytest

from tests.triage.answers import DISC, EMERGENCY_QUESTIONS, NO_RED_FLAGS, URGENT_QUESTIONS
from triage.engine import scoring
from triage.engine.scoring import assess, check_case

# The seed rule book is read from the test database once per session.
pytestmark = pytest.mark.django_db

# The table in issue 5: case → (acceptable dispositions, top condition or "" for none).
EXPECTED = {
    "C1": ({"self_care"}, "muscular-strain"),
    "C2": ({"self_care", "soon"}, "facet-joint-pain"),
    "C3": ({"soon"}, "sacroiliac-joint-dysfunction"),
    "C4": ({"soon"}, "disc-herniation"),
    "C5": ({"emergency"}, ""),
    "C6": ({"self_care", "soon"}, "piriformis-syndrome"),
    "C7": ({"soon"}, "spinal-stenosis"),
    "C8": ({"urgent"}, ""),
    # One case per red flag added after the NICE NG59 / NHS review, and the ranking fixes.
    "C9": ({"emergency"}, ""),
    "C10": ({"urgent"}, "sacroiliac-joint-dysfunction"),
    "C11": ({"urgent"}, "sacroiliac-joint-dysfunction"),
    "C12": ({"urgent"}, ""),
    "C13": ({"urgent"}, ""),
    "C14": ({"urgent"}, ""),
    "C15": ({"urgent"}, ""),
    "C16": ({"urgent"}, "spondylolisthesis"),
    "C17": ({"urgent"}, "muscular-strain"),
    "C18": ({"soon"}, "facet-joint-pain"),
    "C19": ({"soon"}, "sciatica"),
    # "I'm not sure" on a warning sign counts as yes.
    "C20": ({"emergency"}, ""),
    "C21": ({"urgent"}, "sciatica"),
    # Red flags as people describe them: a long-standing pattern is not an emergency.
    "C22": ({"soon"}, "spinal-stenosis"),
    "C23": ({"emergency"}, ""),
    # Ranking that respects age and symptom site (issue 20, point 5).
    "C24": ({"soon"}, "spondylolisthesis"),
    "C25": ({"soon"}, "sciatica"),
    "C26": ({"self_care"}, "muscular-strain"),
    # Warning signs in the words people use (issue 20, point 2).
    "C27": ({"emergency"}, ""),
    "C28": ({"emergency"}, ""),
    "C29": ({"emergency"}, ""),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_clinician_case_gives_the_expected_disposition(case, seed_rules, seed_cases):
    result = assess(answers=seed_cases[case], rules=seed_rules)

    assert result.disposition in EXPECTED[case][0]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_clinician_case_gives_the_expected_top_condition(case, seed_rules, seed_cases):
    result = assess(answers=seed_cases[case], rules=seed_rules)

    assert result.top_condition == EXPECTED[case][1]


@pytest.mark.parametrize("code", EMERGENCY_QUESTIONS)
def test_each_emergency_sign_alone_gives_an_emergency(code, seed_rules):
    result = assess(answers={code: "yes"}, rules=seed_rules)

    assert result.disposition == "emergency"
    assert result.red_flags


@pytest.mark.parametrize("code", URGENT_QUESTIONS)
def test_each_urgent_sign_gives_urgent_even_with_routine_answers(code, seed_rules):
    result = assess(answers={**DISC, code: "yes"}, rules=seed_rules)

    assert result.disposition == "urgent"


def test_urgent_result_still_lists_the_likely_conditions(seed_rules):
    result = assess(answers={**DISC, "fever-unwell": "yes"}, rules=seed_rules)

    assert result.top_condition == "disc-herniation"


def test_emergency_result_shows_no_conditions_and_says_stop_running(seed_rules):
    result = assess(answers={**DISC, "saddle-numbness": "yes"}, rules=seed_rules)

    assert result.conditions == ()
    assert result.running == "stop"


def test_reasons_come_from_the_persons_own_answers(seed_rules):
    result = assess(answers=DISC, rules=seed_rules)

    disc = result.conditions[0]
    assert any("cough" in reason.lower() for reason in disc.reasons)
    assert all("leaning" not in reason.lower() for reason in disc.reasons)


def test_likelihood_is_given_in_words_not_percentages(seed_rules):
    result = assess(answers=DISC, rules=seed_rules)

    assert [match.likelihood for match in result.conditions] == ["strong", "possible", "possible"]
    assert not hasattr(result.conditions[0], "percent")


def test_answer_to_a_hidden_question_is_ignored(seed_rules):
    without_buttock = {**DISC, "figure-four": "yes"}

    assert assess(answers=without_buttock, rules=seed_rules) == assess(
        answers=DISC, rules=seed_rules
    )


def test_number_answer_scores_through_its_band(seed_rules):
    result = assess(answers={"age": 70}, rules=seed_rules)

    assert result.disposition == "soon"


def test_number_outside_the_allowed_range_is_ignored(seed_rules):
    result = assess(answers={"age": 400}, rules=seed_rules)

    assert result.disposition == "self_care"


def test_nerve_symptoms_mean_stop_running(seed_rules):
    result = assess(answers=DISC, rules=seed_rules)

    assert result.running == "stop"
    assert result.running_reasons


def test_running_factors_give_modify_with_what_to_change(seed_rules):
    answers = {**NO_RED_FLAGS, "duration": "2-to-6-weeks", "running": ["hills", "shoes"]}

    result = assess(answers=answers, rules=seed_rules)

    assert result.running == "modify"
    assert [slug for _, slug in result.changes] == ["downhill-running", "worn-shoes"]


def test_settling_pain_without_warning_signs_may_keep_running(seed_rules):
    answers = {**NO_RED_FLAGS, "duration": "2-to-6-weeks", "running": ["none"]}

    assert assess(answers=answers, rules=seed_rules).running == "continue"


def test_new_pain_is_the_acute_phase(seed_rules):
    result = assess(answers={"duration": "under-2-weeks"}, rules=seed_rules)

    assert result.phase == "acute"


def test_pain_for_weeks_is_the_recovering_phase(seed_rules):
    result = assess(answers={"duration": "2-to-6-weeks"}, rules=seed_rules)

    assert result.phase == "recovering"


def test_result_survives_a_round_trip_through_its_json_snapshot(seed_rules):
    result = assess(answers=DISC, rules=seed_rules)

    assert scoring.Result.from_dict(result.as_dict()) == result


def test_check_case_names_what_differs(seed_rules):
    outcome = check_case(
        answers=DISC, rules=seed_rules, dispositions=("self_care",), top_condition="sciatica"
    )

    assert not outcome.passed
    assert len(outcome.problems) == 2


def test_check_case_refuses_a_condition_outside_the_acceptable_top_three(seed_rules):
    outcome = check_case(
        answers=DISC,
        rules=seed_rules,
        dispositions=("soon",),
        top_condition="disc-herniation",
        acceptable=("sciatica",),
    )

    assert not outcome.passed
