"""Ranking that respects what clinicians know: age-typical conditions and the nerve picture."""

import pytest

from tests.triage.answers import NO_RED_FLAGS
from triage.scoring import assess

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
