"""Property tests: whatever the answers, the result is valid and safety always wins."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.triage.answers import EMERGENCY_QUESTIONS
from tests.triage.engine.test_scoring_properties import assert_strong_only_near_the_top
from triage.engine import scoring
from triage.engine.scoring import assess

# The seed rule book is read from the test database once per session.
pytestmark = pytest.mark.django_db

CODES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=12)
JUNK = st.one_of(st.none(), st.booleans(), st.integers(), CODES, st.lists(CODES, max_size=3))


def answer_for(question):
    codes = [choice.code for choice in question.choices]
    if question.kind == scoring.NUMBER:
        return st.one_of(st.integers(min_value=-10, max_value=150), JUNK)
    if question.kind == scoring.MULTIPLE:
        return st.one_of(st.lists(st.sampled_from(codes), unique=True), JUNK)
    return st.one_of(st.sampled_from(codes), JUNK)


def answer_sets(rules):
    """Any subset of the questions with valid or junk answers, plus unknown question codes."""
    known = st.fixed_dictionaries(
        {}, optional={question.code: answer_for(question) for question in rules.questions}
    )
    unknown = st.dictionaries(CODES.map(lambda code: f"x-{code}"), JUNK, max_size=2)
    return st.tuples(known, unknown).map(lambda pair: {**pair[1], **pair[0]})


def assert_valid(result, rules):
    assert result.disposition in scoring.DISPOSITIONS
    assert result.running in (scoring.STOP, scoring.MODIFY, scoring.CONTINUE)
    assert result.phase in (scoring.ACUTE, scoring.RECOVERING)
    assert len(result.conditions) <= 3
    scores = [match.score for match in result.conditions]
    assert scores == sorted(scores, reverse=True)
    assert all(score >= rules.threshold for score in scores)
    assert all(
        match.likelihood in (scoring.STRONG, scoring.POSSIBLE) for match in result.conditions
    )
    assert all(match.reasons for match in result.conditions)
    assert result.leg in scoring.LEG_ORDER


def test_every_answer_combination_gives_a_valid_result(seed_rules):
    @settings(max_examples=300, deadline=None)
    @given(answers=answer_sets(seed_rules))
    def check(answers):
        assert_valid(assess(answers=answers, rules=seed_rules), seed_rules)

    check()


def test_adding_an_emergency_answer_to_any_combination_gives_an_emergency(seed_rules):
    @settings(max_examples=300, deadline=None)
    @given(answers=answer_sets(seed_rules), code=st.sampled_from(EMERGENCY_QUESTIONS))
    def check(answers, code):
        result = assess(answers={**answers, code: "yes"}, rules=seed_rules)
        assert result.disposition == scoring.EMERGENCY

    check()


def test_no_answers_give_self_care_with_no_condition_above_the_threshold(seed_rules):
    result = assess(answers={}, rules=seed_rules)

    assert result.disposition == scoring.SELF_CARE
    assert result.conditions == ()


def test_answers_that_are_not_a_dictionary_give_self_care(seed_rules):
    assert assess(answers=["yes"], rules=seed_rules).disposition == scoring.SELF_CARE


def test_a_clear_leader_in_the_shipped_questionnaire_is_the_only_strong_match(seed_rules):
    @settings(max_examples=300, deadline=None)
    @given(answers=answer_sets(seed_rules))
    def check(answers):
        result = assess(answers=answers, rules=seed_rules)
        assert_strong_only_near_the_top(result.conditions, seed_rules.threshold)

    check()
