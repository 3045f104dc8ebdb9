"""triage/scoring.py spells the models' choice values without importing the ORM; these keep
the two the same, so a value renamed in one place fails here rather than silently scoring
nothing."""

from conditions.models import RedFlag
from conditions.urgency import Urgency
from triage import scoring
from triage.models import FORCEABLE, LegSymptoms, PainPhase, Question, Rule, RunningEffect


def test_scoring_dispositions_are_the_urgency_values_most_urgent_first():
    assert scoring.DISPOSITIONS == tuple(Urgency.values)
    assert (scoring.EMERGENCY, scoring.URGENT, scoring.SOON, scoring.SELF_CARE) == (
        Urgency.EMERGENCY,
        Urgency.URGENT,
        Urgency.SOON,
        Urgency.SELF_CARE,
    )


def test_red_flag_levels_and_forced_dispositions_come_from_the_same_urgency_choices():
    levels = RedFlag._meta.get_field("level").choices
    forceable = Rule._meta.get_field("forced_disposition").choices

    assert levels == [choice for choice in Urgency.choices if choice in levels]
    assert [value for value, _label in levels] == [scoring.EMERGENCY, scoring.URGENT]
    assert forceable == FORCEABLE
    assert set(forceable) < set(Urgency.choices)


def test_scoring_question_kinds_are_the_model_kinds():
    scoring_kinds = {scoring.SINGLE, scoring.MULTIPLE, scoring.YES_NO, scoring.NUMBER}

    assert scoring_kinds == set(Question.Kind.values)


def test_scoring_pain_phases_are_the_model_phases():
    assert {scoring.ACUTE, scoring.RECOVERING} == set(PainPhase.values)


def test_scoring_running_effects_are_the_model_effects():
    assert {scoring.STOP, scoring.MODIFY} == set(RunningEffect.values)
    assert scoring.CONTINUE not in RunningEffect.values  # the advice when no rule says otherwise


def test_scoring_leg_order_is_no_leg_then_the_model_leg_symptoms_least_to_most():
    assert scoring.LEG_ORDER == (scoring.NO_LEG, *LegSymptoms.values)
    assert scoring.NO_LEG == ""  # an option that says nothing about the leg is left blank


def test_the_default_section_of_a_scoring_question_is_a_model_section():
    assert scoring.Ask(code="q", kind=scoring.SINGLE).section == Question.Section.SYMPTOMS
