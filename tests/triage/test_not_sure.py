""" "I'm not sure" on the warning-sign questions of the shipped questionnaire: it counts as yes,
the cautious answer, and the result says so; a missing answer is met with the answers to choose
from. Swept over every yes-or-no warning-sign question."""

import pytest
from django.test import Client

from tests.triage.answers import DISC, NO_RED_FLAGS, walk
from triage.engine import scoring
from triage.engine.scoring import assess
from triage.live.forms import AnswerForm
from triage.models import Option, Question

pytestmark = pytest.mark.django_db

WARNING_SECTIONS = {Question.Section.EMERGENCY, Question.Section.URGENT}


def warning_sign_questions(rules):
    """The warning-sign questions answered yes or no (some with more than one kind of yes)."""
    return [
        q
        for q in rules.questions
        if q.section in WARNING_SECTIONS
        and q.kind in (scoring.YES_NO, scoring.SINGLE)
        and "yes" in {choice.code for choice in q.choices}
    ]


def offers_not_sure(question):
    """An "I'm not sure" answer of its own, or (where a follow-up is asked after yes, as for
    the small fall) as part of the yes answer."""
    if "not-sure" in {choice.code for choice in question.choices}:
        return True
    yes = Option.objects.get(
        question__questionnaire__version=1, question__code=question.code, code="yes"
    )
    return "not sure" in yes.label


def test_every_yes_or_no_warning_sign_question_offers_not_sure(seed_rules):
    questions = warning_sign_questions(seed_rules)

    assert len(questions) >= 10
    for question in questions:
        assert offers_not_sure(question), question.code


def test_not_sure_gives_the_same_urgency_and_red_flag_as_yes_on_every_warning_sign(seed_rules):
    for question in warning_sign_questions(seed_rules):
        if "not-sure" not in {choice.code for choice in question.choices}:
            continue  # "not sure" is the yes answer itself
        yes = assess(answers={**NO_RED_FLAGS, question.code: "yes"}, rules=seed_rules)
        unsure = assess(answers={**NO_RED_FLAGS, question.code: "not-sure"}, rules=seed_rules)

        assert unsure.disposition == yes.disposition, question.code
        assert unsure.red_flags == yes.red_flags, question.code
        assert all(reason.startswith("You were not sure") for reason in unsure.why), question.code


def test_not_sure_on_an_emergency_sign_ends_the_questionnaire_at_once(seed_rules):
    question = seed_rules.question("bladder-bowel")

    assert scoring.ends_questionnaire(question=question, value="not-sure")


@pytest.mark.usefixtures("seed")
def test_the_result_says_a_not_sure_answer_was_treated_as_yes():
    client = Client()

    end = walk(client, {**DISC, "fever-unwell": "not-sure"})
    page = client.get(end.url).content.decode()

    assert "You were not sure, so to be safe we have treated it as a yes." in page


@pytest.mark.usefixtures("seed")
def test_a_missing_answer_is_met_with_the_answers_to_choose_from():
    question = Question.objects.get(questionnaire__version=1, code="bladder-bowel")
    options = Option.objects.filter(question=question)
    form = AnswerForm({}, question=question, options=options, action="/")

    assert not form.is_valid()
    assert form.errors["answer"] == ["Choose one answer: Yes, No or I'm not sure."]


def test_not_sure_about_fragile_bones_after_a_small_fall_counts_as_yes(seed_rules):
    after_a_fall = {**NO_RED_FLAGS, "minor-trauma": "yes"}
    yes = assess(answers={**after_a_fall, "bone-health": ["osteoporosis"]}, rules=seed_rules)
    unsure = assess(answers={**after_a_fall, "bone-health": ["not-sure"]}, rules=seed_rules)

    assert unsure.disposition == yes.disposition == scoring.URGENT
    assert unsure.red_flags == yes.red_flags
    assert all(reason.startswith("You were not sure") for reason in unsure.why)
