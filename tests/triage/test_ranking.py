"""Ranking that respects what clinicians know: age-typical conditions and the nerve picture."""

import pytest

from tests.triage.answers import NO_RED_FLAGS
from triage.engine.scoring import STRONG, assess

pytestmark = pytest.mark.django_db

ROUTINE = {**NO_RED_FLAGS, "severity": "mild", "morning-stiffness": "no", "running": ["none"]}


def top_three(answers, rules):
    return [match.condition for match in assess(answers=answers, rules=rules).conditions]


def test_a_teenager_with_pain_bending_backwards_gets_spondylolisthesis_not_stenosis(seed_rules):
    answers = {
        **ROUTINE,
        "age": 16,
        "duration": "2-to-6-weeks",
        "onset": "gradual",
        "where": ["across"],
        "tender": "no",
        "worse": ["leaning-back", "standing"],
        "eases": ["rest"],
        "nerve": ["none"],
    }

    ranked = top_three(answers, seed_rules)

    assert ranked[0] == "spondylolisthesis"
    assert "spinal-stenosis" not in ranked


def test_the_same_picture_at_66_puts_spinal_stenosis_in_the_top_three(seed_rules):
    answers = {
        **ROUTINE,
        "age": 66,
        "duration": "over-6-weeks",
        "onset": "gradual",
        "where": ["across", "thigh"],
        "tender": "no",
        "worse": ["walking", "standing"],
        "eases": ["sitting-forward"],
        "nerve": ["none"],
    }

    assert "spinal-stenosis" in top_three(answers, seed_rules)


@pytest.mark.parametrize(
    "where, nerve, worse",
    [
        (["below-knee"], ["numbness", "burning"], ["sitting"]),
        (["one-side", "buttock", "thigh", "below-knee"], ["numbness", "burning"], ["sitting"]),
        (["one-side", "below-knee"], ["pins-needles"], ["bending-forward", "sitting"]),
        (["buttock", "thigh", "below-knee"], ["burning"], ["sitting", "squatting"]),
    ],
)
def test_a_below_knee_nerve_picture_puts_sciatica_in_the_top_three(where, nerve, worse, seed_rules):
    answers = {
        **ROUTINE,
        "age": 38,
        "duration": "2-to-6-weeks",
        "onset": "gradual",
        "where": where,
        "tender": "no",
        "worse": worse,
        "eases": ["movement"],
        "figure-four": "no",
        "nerve": nerve,
    }

    assert "sciatica" in top_three(answers, seed_rules)


SPRINTER = {
    **ROUTINE,
    "age": 16,
    "duration": "2-to-6-weeks",
    "onset": "gradual",
    "where": ["across"],
    "tender": "no",
    "worse": ["leaning-back", "standing", "downhill"],
    "eases": ["rest"],
    "nerve": ["none"],
    "severity": "moderate",
}


def test_a_16_year_old_sprinter_with_pain_leaning_back_and_downhill_gets_spondylolisthesis_first(
    seed_rules,
):
    assert top_three(SPRINTER, seed_rules)[0] == "spondylolisthesis"


def test_spinal_stenosis_is_ruled_out_under_20_however_typical_the_other_answers(seed_rules):
    stenosis_picture = {
        **ROUTINE,
        "age": 17,
        "duration": "over-6-weeks",
        "onset": "gradual",
        "where": ["across", "below-knee"],
        "tender": "no",
        "worse": ["walking", "standing"],
        "eases": ["sitting-forward"],
        "nerve": ["none"],
    }

    assert "spinal-stenosis" not in top_three(stenosis_picture, seed_rules)
    assert "spinal-stenosis" in top_three({**stenosis_picture, "age": 66}, seed_rules)


def test_burning_and_numbness_below_the_knee_rank_sciatica_above_piriformis(seed_rules):
    answers = {
        **ROUTINE,
        "age": 35,
        "duration": "2-to-6-weeks",
        "onset": "gradual",
        "where": ["buttock", "thigh", "below-knee"],
        "tender": "no",
        "worse": ["sitting"],
        "eases": ["movement"],
        "figure-four": "yes",
        "nerve": ["burning", "numbness"],
    }

    ranked = top_three(answers, seed_rules)

    assert ranked.index("sciatica") < ranked.index("piriformis-syndrome")


def test_a_clear_muscle_strain_is_the_only_strong_match(seed_rules, seed_cases):
    conditions = assess(answers=seed_cases["C26"], rules=seed_rules).conditions

    assert [m.condition for m in conditions if m.likelihood == STRONG] == ["muscular-strain"]
    assert len(conditions) > 1


def test_a_teenager_with_pain_leaning_back_is_told_to_stop_running_until_checked(
    seed_rules, seed_cases
):
    result = assess(answers=seed_cases["C24"], rules=seed_rules)

    assert result.running == "stop"
    assert any("stress fracture" in reason for reason in result.running_reasons)
