"""Plans that obey each exercise's own cautions (its clinician-set suitability)."""

import itertools

import pytest

from conditions.models import Condition
from exercises.models import Exercise
from tests.triage.answers import DISC, NO_RED_FLAGS, finish
from triage import plans, scoring
from triage.models import Submission
from triage.results import plan_candidates

pytestmark = pytest.mark.django_db

LEG_STATES = (scoring.NO_LEG, scoring.LEG_PAIN, scoring.LEG_NERVE)
PHASE_FIELDS = {
    plans.EARLY: "for_early",
    plans.SETTLING: "for_settling",
    plans.STRENGTHENING: "for_strengthening",
}


def excluded(exercise, *, phase, leg):
    """The reasons the exercise's own fields give for leaving it out (read from the row)."""
    reasons = []
    if not getattr(exercise, PHASE_FIELDS[phase]):
        reasons.append(f"not for the {phase} phase")
    if exercise.not_while_nerve_symptoms and leg == scoring.LEG_NERVE:
        reasons.append("not while nerve symptoms are active")
    if exercise.only_with_leg_symptoms and leg == scoring.NO_LEG:
        reasons.append("only for leg symptoms")
    return reasons


def test_no_plan_ever_includes_an_exercise_its_suitability_excludes():
    """Every combination of phase, leg (nerve) symptoms and top condition."""
    conditions = list(Condition.objects.published().values_list("slug", flat=True))
    exercises = {exercise.slug: exercise for exercise in Exercise.objects.all()}
    candidates = plan_candidates(conditions)
    checked = 0
    for phase, leg, top in itertools.product(plans.PLAN_PHASES, LEG_STATES, conditions):
        ranked = [top, *(slug for slug in conditions if slug != top)][: scoring.TOP]
        now, later = plans.plan(candidates=candidates, conditions=ranked, phase=phase, leg=leg)
        for candidate in (*now, *later):
            reasons = excluded(exercises[candidate.exercise], phase=candidate.phase, leg=leg)
            assert not reasons, (phase, leg, top, candidate.exercise, reasons)
            checked += 1
        assert all(c.phase == phase for c in now)
        assert len({c.exercise for c in (*now, *later)}) == len(now) + len(later)
    assert checked > 0


def test_the_sweep_would_see_a_broken_rule():
    """The slump slider is linked to sciatica for settling: without its suitability it
    would be planned for active nerve symptoms, which is what the sweep guards against."""
    candidates = [
        plans.Candidate(
            exercise=c.exercise,
            condition=c.condition,
            phase=c.phase,
            order=c.order,
            suitability=plans.Suitability(phases=frozenset(plans.PLAN_PHASES)),
        )
        for c in plan_candidates(["sciatica"])
    ]

    now, _later = plans.plan(
        candidates=candidates, conditions=["sciatica"], phase=plans.SETTLING, leg=scoring.LEG_NERVE
    )

    assert "slump-slider" in [c.exercise for c in now]


def plan_of(client, answers):
    url = finish(client, answers)
    submission = Submission.objects.get(token=url.rstrip("/").rsplit("/", 1)[-1])
    page = client.get(url).content.decode()
    return submission, page.split("Your exercise plan")[1].split("Warning signs")[0]


def test_active_pins_and_needles_get_neither_the_slump_slider_nor_the_cobra(client):
    submission, plan = plan_of(client, DISC)

    assert submission.result["leg"] == scoring.LEG_NERVE
    assert "Slump slider" not in plan
    assert "Cobra" not in plan
    assert "Glute bridge" in plan


def test_a_muscle_strain_without_leg_symptoms_gets_no_nerve_glide(client):
    strain = {
        **NO_RED_FLAGS,
        "age": 32,
        "duration": "2-to-6-weeks",
        "onset": "sudden",
        "where": ["one-side", "across"],
        "tender": "back-muscle",
        "worse": ["stretch-away", "bending-forward", "sitting"],
        "eases": ["heat", "movement"],
        "nerve": ["none"],
        "severity": "mild",
        "morning-stiffness": "no",
        "running": ["desk"],
    }

    submission, plan = plan_of(client, strain)

    assert submission.result["conditions"][0]["condition"] == "muscular-strain"
    assert "Slump slider" not in plan


def test_early_days_get_no_strength_work_yet(client):
    early = {**DISC, "duration": "under-2-weeks", "nerve": ["none"]}

    submission, plan = plan_of(client, early)
    start_now = plan.split("Add these")[0]

    assert submission.result["phase"] == scoring.ACUTE
    assert "Dead bug" not in start_now


def test_a_result_stored_before_leg_symptoms_were_recorded_is_planned_cautiously():
    result = scoring.Result.from_dict({"disposition": "soon", "phase": "recovering"})

    assert result.leg == scoring.LEG_NERVE
