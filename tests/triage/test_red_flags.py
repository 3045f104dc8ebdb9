"""The red flags after the review against NICE NG59 and NHS advice: each sign and its
disposition, age asked once and the age-related flag derived from it."""

import pytest

from conditions.models import RedFlag
from tests.triage.answers import DISC, NO_RED_FLAGS
from triage.engine import scoring
from triage.engine.scoring import assess
from triage.models import Question

pytestmark = pytest.mark.django_db


def test_a_serious_accident_is_an_emergency(seed_rules):
    result = assess(answers={**NO_RED_FLAGS, "serious-accident": "yes"}, rules=seed_rules)

    assert result.disposition == scoring.EMERGENCY
    assert result.red_flags == ("serious-accident",)


def test_a_serious_accident_ends_the_questionnaire_at_once(seed_rules):
    question = seed_rules.question("serious-accident")

    assert scoring.ends_questionnaire(question=question, value="yes")


@pytest.mark.parametrize("bone", ["osteoporosis", "steroids"])
def test_a_small_fall_with_fragile_bones_is_urgent(bone, seed_rules):
    answers = {**DISC, "minor-trauma": "yes", "bone-health": [bone]}

    result = assess(answers=answers, rules=seed_rules)

    assert result.disposition == scoring.URGENT
    assert result.red_flags == ("fall-or-accident",)


def test_a_small_fall_without_fragile_bones_is_see_soon_not_urgent(seed_rules):
    answers = {**DISC, "minor-trauma": "yes", "bone-health": ["none"]}

    assert assess(answers=answers, rules=seed_rules).disposition == scoring.SOON


def test_bone_health_is_asked_only_after_a_fall_or_knock(seed_rules):
    asked = [q.code for q in scoring.visible_questions(answers=DISC, rules=seed_rules)]
    after_fall = [
        q.code
        for q in scoring.visible_questions(
            answers={**DISC, "minor-trauma": "yes"}, rules=seed_rules
        )
    ]

    assert "bone-health" not in asked
    assert "bone-health" in after_fall


def test_how_the_pain_started_is_not_asked_again_after_a_fall(seed_rules):
    after_fall = scoring.visible_questions(
        answers={**DISC, "minor-trauma": "yes"}, rules=seed_rules
    )

    assert "onset" not in [q.code for q in after_fall]


def test_a_lump_or_change_in_the_backs_shape_is_urgent(seed_rules):
    result = assess(answers={**DISC, "back-lump": "yes"}, rules=seed_rules)

    assert result.disposition == scoring.URGENT
    assert result.red_flags == ("lump-or-shape-change",)


def test_a_raised_infection_risk_is_urgent(seed_rules):
    result = assess(answers={**DISC, "infection-risk": "yes"}, rules=seed_rules)

    assert result.disposition == scoring.URGENT
    assert result.red_flags == ("infection-risk",)


@pytest.mark.parametrize("code", ["cancer-history", "weight-loss"])
def test_past_cancer_and_unexplained_weight_loss_are_asked_separately_and_each_urgent(
    code, seed_rules
):
    result = assess(answers={**DISC, code: "yes"}, rules=seed_rules)

    assert result.disposition == scoring.URGENT
    assert result.red_flags == ("cancer-weight-loss",)


@pytest.mark.parametrize("age", [14, 19, 50, 57, 72])
def test_severe_pain_under_20_or_from_50_is_urgent(age, seed_rules):
    result = assess(answers={**DISC, "age": age, "severity": "severe"}, rules=seed_rules)

    assert result.disposition == scoring.URGENT
    assert result.red_flags == ("age-new-severe-pain",)


@pytest.mark.parametrize("age", [20, 35, 49])
def test_severe_pain_between_20_and_49_is_not_urgent_by_age(age, seed_rules):
    result = assess(answers={**DISC, "age": age, "severity": "severe"}, rules=seed_rules)

    assert result.disposition == scoring.SOON


@pytest.mark.parametrize("age", [16, 66])
def test_age_alone_without_severe_pain_is_not_urgent(age, seed_rules):
    result = assess(answers={**DISC, "age": age, "severity": "mild"}, rules=seed_rules)

    assert result.disposition == scoring.SOON


def test_age_is_asked_once_as_a_number_before_the_symptom_questions(seed_rules):
    codes = [q.code for q in seed_rules.questions]
    ages = [q for q in seed_rules.questions if q.kind == scoring.NUMBER]

    assert [q.code for q in ages] == ["age"]
    assert codes.index("age") < codes.index("duration")
    assert seed_rules.question("age").section == "urgent"


def test_no_question_asks_about_age_and_pain_together(live_rows):
    assert not [text for text in live_rows if "under 20" in text or "over 50" in text]


@pytest.fixture
def live_rows():
    from triage.models import Question

    return list(Question.objects.filter(questionnaire__version=1).values_list("text", flat=True))


def test_the_bladder_question_names_trouble_starting_and_a_weak_flow(seed_rules):
    question = Question.objects.get(questionnaire__version=1, code="bladder-bowel")

    assert "hard to start peeing" in question.help_text
    assert "weaker flow" in question.help_text


def test_the_saddle_question_names_wiping_and_feeling_during_sex(seed_rules):
    question = Question.objects.get(questionnaire__version=1, code="saddle-numbness")

    assert "when you wipe" in question.help_text
    assert "during sex" in question.help_text


def test_new_pain_down_both_legs_is_an_emergency(seed_rules):
    result = assess(answers={**NO_RED_FLAGS, "both-legs": "yes"}, rules=seed_rules)

    assert result.disposition == scoring.EMERGENCY
    assert scoring.ends_questionnaire(question=seed_rules.question("both-legs"), value="yes")


def test_long_standing_symptoms_in_both_legs_with_walking_are_see_soon_stenosis(seed_rules):
    answers = {**DISC, "age": 63, "both-legs": "long-standing", "worse": ["walking"]}
    answers["eases"] = ["sitting-forward"]

    result = assess(answers=answers, rules=seed_rules)

    assert result.disposition == scoring.SOON
    assert result.top_condition == "spinal-stenosis"
    assert not scoring.ends_questionnaire(
        question=seed_rules.question("both-legs"), value="long-standing"
    )


def test_the_night_pain_question_is_worded_as_the_urgent_help_page(seed_rules):
    question = Question.objects.get(questionnaire__version=1, code="constant-night-pain")
    card = RedFlag.objects.get(slug="constant-night-pain").sign

    for words in ("all the time", "worse at night", "rest, lie down or change position"):
        assert words in question.text and words in card
