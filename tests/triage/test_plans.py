"""Plans that obey each exercise's own cautions: its phases and its rules (who should wait)."""

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conditions.models import Condition
from conditions.traits import Trait
from exercises.models import Exercise, ExerciseRule
from tests.triage.answers import DISC, NO_RED_FLAGS, finish
from tests.triage.test_scoring_properties import answer_sets
from triage.engine import scoring
from triage.live import plans
from triage.live.results import plan_candidates
from triage.models import Submission

pytestmark = pytest.mark.django_db

LEG_STATES = (scoring.NO_LEG, scoring.LEG_PAIN, scoring.LEG_NERVE)
ANSWER_TRAITS = (Trait.LEANING_BACK_HURTS, Trait.BENDING_FORWARD_HURTS, Trait.LEG_WEAKNESS)
PHASE_FIELDS = {
    plans.EARLY: "for_early",
    plans.RECOVERY: "for_settling",
    plans.PREVENTION: "for_strengthening",
}
STRAIN = {
    **NO_RED_FLAGS,
    "age": 32,
    "duration": "2-to-6-weeks",
    "onset": "sudden",
    "where": ["one-side", "across"],
    "tender": "back-muscle",
    "worse": ["stretch-away", "sitting"],
    "eases": ["heat", "movement"],
    "nerve": ["none"],
    "severity": "mild",
    "morning-stiffness": "no",
    "running": ["desk"],
}


def broken_rules(exercise, *, phase, traits):
    """What the exercise's own rows say against doing it now (read from the rows)."""
    problems = []
    if not getattr(exercise, PHASE_FIELDS[phase]):
        problems.append(f"not for the {phase} phase")
    problems += [f"not while {rule.trait}" for rule in exercise.rules.all() if rule.trait in traits]
    return problems


def check_plan(now, later, *, exercises, phase, traits, size):
    for planned in now:
        problems = broken_rules(exercises[planned.exercise], phase=phase, traits=traits)
        assert not problems, (planned.exercise, problems)
    for planned in later:
        assert planned.until, planned.exercise
    assert len(now) <= size and len(later) <= size
    assert len({p.exercise for p in (*now, *later)}) == len(now) + len(later)


@pytest.fixture
def shipped(seed):
    """The shipped conditions, exercises and the plan candidates of those conditions."""
    conditions = list(Condition.objects.published().values_list("slug", flat=True))
    exercises = {e.slug: e for e in Exercise.objects.prefetch_related("rules")}
    return conditions, exercises, plan_candidates(conditions)


def test_no_plan_puts_an_exercise_under_now_that_its_rules_hold_back(shipped):
    """Every phase, leg state, combination of answer traits and top condition."""
    conditions, exercises, candidates = shipped
    checked = 0
    for phase, leg, top in itertools.product(plans.PHASES, LEG_STATES, conditions):
        for count in range(len(ANSWER_TRAITS) + 1):
            for answered in itertools.combinations(ANSWER_TRAITS, count):
                traits = plans.person_traits(answered, leg)
                ranked = [top, *(slug for slug in conditions if slug != top)][: scoring.TOP]
                now, later = plans.plan(
                    candidates=candidates, conditions=ranked, phase=phase, traits=traits
                )
                check_plan(now, later, exercises=exercises, phase=phase, traits=traits, size=5)
                checked += len(now)
    assert checked > 0


def test_the_sweep_sees_a_plan_that_ignores_the_rules(shipped):
    """Planted violation: the same plan worked out as if the person had no traits."""
    _conditions, exercises, candidates = shipped
    traits = plans.person_traits([Trait.LEANING_BACK_HURTS], scoring.LEG_NERVE)
    now, later = plans.plan(
        candidates=candidates, conditions=["facet-joint-pain"], phase=plans.RECOVERY
    )

    with pytest.raises(AssertionError):
        check_plan(now, later, exercises=exercises, phase=plans.RECOVERY, traits=traits, size=5)


def test_for_any_answers_no_exercise_whose_rule_they_trigger_is_ever_now(seed_rules, shipped):
    """Property: the whole path from answers to plan, over the shipped questionnaire."""
    conditions, exercises, candidates = shipped

    @settings(max_examples=300, deadline=None)
    @given(answers=answer_sets(seed_rules), phase=st.sampled_from(plans.PHASES))
    def check(answers, phase):
        result = scoring.assess(answers=answers, rules=seed_rules)
        traits = plans.person_traits(result.traits, result.leg)
        slugs = [match.condition for match in result.conditions]
        now, later = plans.plan(candidates=candidates, conditions=slugs, phase=phase, traits=traits)
        check_plan(now, later, exercises=exercises, phase=phase, traits=traits, size=5)

    check()


def test_every_rule_an_answer_can_trigger_keeps_its_exercise_out_of_now(shipped):
    """For each shipped rule: a plan for the trait never has that exercise now, and lists
    it later with the rule's own words whenever it would otherwise have been now."""
    conditions, _exercises, candidates = shipped
    rules = list(ExerciseRule.objects.select_related("exercise"))
    assert rules, "the seed content should have its exercise rules"
    for rule in rules:
        for phase, top in itertools.product(plans.PHASES, conditions):
            free, _ = plans.plan(candidates=candidates, conditions=[top], phase=phase)
            leg = scoring.NO_LEG if rule.trait == Trait.NO_LEG_SYMPTOMS else scoring.LEG_NERVE
            if rule.trait == Trait.NERVE_SYMPTOMS:
                traits = plans.person_traits((), scoring.LEG_NERVE)
            else:
                traits = plans.person_traits([rule.trait], leg)
            now, later = plans.plan(
                candidates=candidates, conditions=[top], phase=phase, traits=traits
            )
            assert rule.exercise.slug not in [p.exercise for p in now]
            if rule.until and rule.exercise.slug in [p.exercise for p in free]:
                waiting = {p.exercise: p.until for p in later}
                assert rule.exercise.slug in waiting, (rule, phase, top)


def test_the_top_conditions_first_line_exercise_is_now_even_when_its_link_is_for_early_days():
    figure_four = plans.Candidate(
        exercise="figure-four",
        condition="piriformis",
        phase=plans.EARLY,
        order=1,
        suitability=plans.Suitability(phases=frozenset(plans.PHASES)),
        first_line=True,
    )

    now, _later = plans.plan(
        candidates=[figure_four], conditions=["piriformis"], phase=plans.RECOVERY
    )

    assert [p.exercise for p in now] == ["figure-four"]


def test_a_first_line_exercise_a_rule_holds_back_is_listed_later_with_why():
    cobra = plans.Candidate(
        exercise="cobra",
        condition="disc",
        phase=plans.RECOVERY,
        order=1,
        suitability=plans.Suitability(
            phases=frozenset(plans.PHASES),
            cautions=(plans.Caution(Trait.LEANING_BACK_HURTS, "leaning back no longer hurts"),),
        ),
        first_line=True,
    )

    now, later = plans.plan(
        candidates=[cobra],
        conditions=["disc"],
        phase=plans.RECOVERY,
        traits={Trait.LEANING_BACK_HURTS},
    )

    assert now == ()
    assert [(p.exercise, p.until) for p in later] == [("cobra", "leaning back no longer hurts")]


def test_a_rule_without_an_until_leaves_the_exercise_out_altogether():
    glide = plans.Candidate(
        exercise="slump-slider",
        condition="sciatica",
        phase=plans.RECOVERY,
        order=1,
        suitability=plans.Suitability(
            phases=frozenset(plans.PHASES),
            cautions=(plans.Caution(Trait.NO_LEG_SYMPTOMS),),
        ),
        first_line=True,
    )

    now, later = plans.plan(
        candidates=[glide],
        conditions=["sciatica"],
        phase=plans.RECOVERY,
        traits=plans.person_traits((), scoring.NO_LEG),
    )

    assert now == later == ()


def test_when_the_top_condition_asks_for_an_assessment_nothing_is_now():
    knee_hugs = plans.Candidate(
        exercise="knee-hugs",
        condition="spondylolisthesis",
        phase=plans.EARLY,
        order=1,
        suitability=plans.Suitability(phases=frozenset(plans.PHASES)),
    )

    now, later = plans.plan(
        candidates=[knee_hugs],
        conditions=["spondylolisthesis"],
        phase=plans.EARLY,
        assess_first=True,
    )

    assert now == ()
    assert [p.until for p in later] == [plans.ASSESSED]


def test_with_an_assessment_first_an_exercise_that_waits_for_more_waits_for_the_check_too():
    """A teenager told to get checked for a stress fracture first read 'Start once you can
    bend forwards and lean back without pain' under the dead bug (a fresh-eyes audit)."""
    dead_bug = plans.Candidate(
        exercise="dead-bug",
        condition="spondylolisthesis",
        phase=plans.EARLY,
        order=1,
        suitability=plans.Suitability(
            phases=frozenset(plans.PHASES),
            cautions=(plans.Caution(Trait.LEANING_BACK_HURTS, "leaning back no longer hurts"),),
        ),
    )

    _now, later = plans.plan(
        candidates=[dead_bug],
        conditions=["spondylolisthesis"],
        phase=plans.EARLY,
        traits={Trait.LEANING_BACK_HURTS},
        assess_first=True,
    )

    assert [str(p.until) for p in later] == [
        "a GP or physiotherapist has checked your back, and leaning back no longer hurts"
    ]


def plan_of(client, answers):
    url = finish(client, answers)
    submission = Submission.objects.get(token=url.rstrip("/").rsplit("/", 1)[-1])
    page = client.get(url).content.decode()
    return submission, page.split("Your exercise plan")[1].split("Warning signs")[0]


def section(plan, heading):
    """The list under a plan heading ("now" is the first list, "later" the one after 'Later')."""
    if heading == "later":
        return plan.split("<h3>Later</h3>")[1] if "<h3>Later</h3>" in plan else ""
    return plan.split("<h3>Later</h3>")[0]


@pytest.mark.usefixtures("seed")
def test_active_pins_and_needles_move_the_slump_slider_and_the_cobra_to_later(client):
    submission, plan = plan_of(client, DISC)

    assert submission.result["leg"] == scoring.LEG_NERVE
    assert "Slump slider" not in section(plan, "now")
    assert "Cobra" not in section(plan, "now")
    assert "Start once the tingling, numbness, burning or weakness in your leg has settled" in (
        section(plan, "later")
    )


@pytest.mark.usefixtures("seed")
def test_a_muscle_strain_without_leg_symptoms_gets_no_nerve_glide(client):
    submission, plan = plan_of(client, STRAIN)

    assert submission.result["conditions"][0]["condition"] == "muscular-strain"
    assert "Slump slider" not in plan


@pytest.mark.usefixtures("seed")
def test_a_self_care_muscle_strain_gets_at_most_five_exercises_now(client):
    submission, plan = plan_of(client, STRAIN)

    assert submission.questionnaire.plan_size == 5
    assert 0 < section(plan, "now").count("<li>") <= 5


@pytest.mark.usefixtures("seed")
def test_pain_bending_forwards_holds_strength_work_back_until_it_has_eased(client):
    submission, plan = plan_of(client, {**STRAIN, "worse": ["stretch-away", "bending-forward"]})

    assert Trait.BENDING_FORWARD_HURTS in submission.result["traits"]
    assert "Glute bridge" not in section(plan, "now")
    assert "Start once you can bend forwards and lean back without pain." in section(plan, "later")


@pytest.mark.usefixtures("seed")
def test_a_weak_leg_holds_back_standing_on_it_until_it_has_been_checked(client):
    """The result says a weak leg must be checked before running; the plan put the hip hitch,
    standing on that leg on a step, under "Do these now" (a fresh-eyes audit)."""
    weak_leg = {
        **STRAIN,
        "onset": "gradual",
        "where": ["one-side", "thigh", "below-knee"],
        "worse": ["sitting"],
        "nerve": ["weakness"],
    }

    submission, plan = plan_of(client, weak_leg)

    assert Trait.LEG_WEAKNESS in submission.result["traits"]
    assert "Hip hitch" not in section(plan, "now")
    assert "Start once a GP or physiotherapist has checked the weakness in your leg." in section(
        plan, "later"
    )


@pytest.mark.usefixtures("seed")
def test_early_days_get_no_strength_work_yet(client):
    early = {**DISC, "duration": "under-2-weeks", "nerve": ["none"]}

    submission, plan = plan_of(client, early)

    assert submission.result["phase"] == scoring.ACUTE
    assert "Dead bug" not in section(plan, "now")


def test_a_result_stored_before_leg_symptoms_were_recorded_is_planned_cautiously():
    result = scoring.Result.from_dict({"disposition": "soon", "phase": "recovering"})

    assert result.leg == scoring.LEG_NERVE
    assert Trait.NERVE_SYMPTOMS in plans.person_traits(result.traits, result.leg)


@pytest.mark.usefixtures("seed")
def test_a_teenager_whose_likeliest_cause_is_a_spine_stress_fracture_is_asked_to_get_checked_first(
    client,
):
    teenager = {
        **STRAIN,
        "age": 16,
        "onset": "gradual",
        "where": ["across"],
        "tender": "no",
        "worse": ["leaning-back", "standing", "walking"],
        "eases": ["rest"],
    }

    submission, plan = plan_of(client, teenager)

    assert submission.result["conditions"][0]["condition"] == "spondylolisthesis"
    assert "Get checked before you start a plan." in plan
    assert "Do these now" not in plan
    assert "Start once a GP or physiotherapist has checked your back." in section(plan, "later")


def test_the_top_conditions_first_line_exercises_are_always_in_the_plan_or_left_out_by_a_rule(
    shipped,
):
    """Every condition as the top match, every phase, leg state and answer trait."""
    conditions, _exercises, candidates = shipped
    checked = 0
    for phase, leg, top in itertools.product(plans.PHASES, LEG_STATES, conditions):
        for count in range(len(ANSWER_TRAITS) + 1):
            for answered in itertools.combinations(ANSWER_TRAITS, count):
                traits = plans.person_traits(answered, leg)
                now, later = plans.plan(
                    candidates=candidates, conditions=[top], phase=phase, traits=traits
                )
                planned = {p.exercise for p in (*now, *later)}
                for first in (c for c in candidates if c.condition == top and c.first_line):
                    caution = first.suitability.caution_for(traits)
                    left_out = caution is not None and not caution.until
                    later_phases = plans.PHASES[plans.PHASES.index(phase) :]
                    no_phase = not any(p in first.suitability.phases for p in later_phases)
                    assert first.exercise in planned or left_out or no_phase, (top, phase)
                    checked += 1
    assert checked > 0


@pytest.mark.usefixtures("seed")
def test_a_teenager_with_a_stress_fracture_second_on_the_list_is_still_asked_to_get_checked(
    client,
):
    """The audit's sprinter: two everyday extra answers put facet joint pain first."""
    teenager = {
        **STRAIN,
        "age": 16,
        "onset": "gradual",
        "where": ["across"],
        "tender": "no",
        "worse": ["leaning-back", "standing", "downhill"],
        "eases": ["sitting-forward"],
        "severity": "moderate",
        "running": ["load"],
    }

    submission, plan = plan_of(client, teenager)

    ranked = [match["condition"] for match in submission.result["conditions"]]
    assert "spondylolisthesis" in ranked
    assert "Get checked before you start a plan." in plan
    assert "Do these now" not in plan and "Start with these" not in plan


@pytest.mark.usefixtures("seed")
def test_the_results_sheet_gives_tick_boxes_to_the_exercises_to_do_now_only(client):
    submission, plan = plan_of(client, {**STRAIN, "worse": ["stretch-away", "bending-forward"]})

    sheet_url = re.search(r'href="(/check/result/[^"]+/sheet/)"', plan)[1]
    sheet = client.get(sheet_url).content.decode()
    now, later = sheet.split('id="sheet-later"')
    assert 'id="sheet-lower-back-rotation-stretch"' in now and "☐" in now
    assert 'id="sheet-glute-bridge"' in later and "☐" not in later
    assert "Start once" in later


@pytest.mark.usefixtures("seed")
def test_pain_below_the_knee_without_nerve_symptoms_keeps_the_nerve_glide_for_later(client):
    leg_pain = {
        **STRAIN,
        "age": 40,
        "where": ["buttock", "thigh", "below-knee"],
        "figure-four": "no",
        "tender": "no",
        "worse": ["sitting"],
        "eases": ["movement"],
        "nerve": ["none"],
    }

    submission, plan = plan_of(client, leg_pain)

    assert submission.result["leg"] == scoring.LEG_PAIN
    assert "Slump slider" not in section(plan, "now")


def test_a_long_standing_stenosis_pattern_gets_its_first_line_forward_bend_now(client, seed_cases):
    submission, plan = plan_of(client, seed_cases["C22"])

    assert submission.result["conditions"][0]["condition"] == "spinal-stenosis"
    assert "Knee hugs" in section(plan, "now")


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(("answers", "noted"), [(STRAIN, True), (DISC, False)])
def test_a_self_care_plan_says_a_check_an_exercise_waits_for_is_only_for_that_exercise(
    client, answers, noted
):
    """ "You do not need to see anyone" above "Start once a GP or physiotherapist has checked
    the cause of your leg symptoms" read as two answers (a fresh-eyes audit)."""
    submission, plan = plan_of(client, answers)

    assert section(plan, "later"), "the plan has exercises for later"
    assert (submission.result["disposition"] == scoring.SELF_CARE) is noted
    assert ("you need it only before that exercise" in section(plan, "later")) is noted
