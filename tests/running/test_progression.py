"""The progression engine: examples of each decision, and properties that must always hold."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conditions.vocabulary import EMERGENCY, URGENT
from running import progression as p
from running.progression import Rules, Session, Stage, progress
from running.words import decision_words

WALK = Stage("Walk", 2, 3, 3, 2)
INTERVALS = Stage("Walk-run", 3, 4, 4, 2)
EASY = Stage("Easy runs", 3, 4, 4, 2)
RULES = Rules(stages=(WALK, INTERVALS, EASY), stop_pain=8)
GOOD = Session(pain_during=1, pain_after=2, next_morning=1)


def decisions(sessions, rules=RULES):
    return [(d.action, d.stage) for d in progress(rules=rules, sessions=sessions).decisions]


def test_good_sessions_repeat_a_stage_until_enough_then_move_on():
    assert decisions([GOOD, GOOD, GOOD]) == [(p.REPEAT, 1), (p.MOVE_ON, 2), (p.REPEAT, 2)]


def test_a_session_without_its_morning_check_does_not_count_toward_moving_on():
    waiting = Session(pain_during=1, pain_after=1)
    result = progress(rules=RULES, sessions=[waiting, GOOD])
    assert [(d.action, d.reason) for d in result.decisions] == [
        (p.REPEAT, p.MORNING_DUE),
        (p.REPEAT, p.GOOD_SESSION),
    ]


def test_next_morning_pain_over_the_limit_steps_back_one_stage():
    worse = Session(pain_during=1, pain_after=2, next_morning=4)
    result = progress(rules=RULES, sessions=[GOOD, GOOD, worse])
    assert (result.decision.action, result.decision.reason, result.stage) == (
        p.STEP_BACK,
        p.FLARE_MORNING,
        1,
    )


@pytest.mark.parametrize("on_flare", [p.FLARE_STEP_BACK, p.FLARE_STOP])
def test_leg_symptoms_that_spread_or_got_worse_stop_with_see_someone_soon_however_low_the_pain(
    on_flare,
):
    rules = Rules(stages=RULES.stages, on_flare=on_flare)
    leg = Session(pain_during=1, pain_after=1, next_morning=0, leg_worse=True)
    result = progress(rules=rules, sessions=[GOOD, GOOD, leg])
    assert (result.decision.action, result.decision.reason, result.decision.urgency) == (
        p.STOP,
        p.LEG_WORSE,
        p.SOON,
    )


def test_a_leg_answer_that_is_not_yes_or_no_is_refused():
    with pytest.raises(ValueError):
        Session(pain_during=1, pain_after=1, leg_worse="no")


def test_a_flare_stops_the_programme_when_its_rule_says_see_a_clinician():
    rules = Rules(stages=RULES.stages, on_flare=p.FLARE_STOP)
    result = progress(rules=rules, sessions=[Session(pain_during=5, pain_after=1)])
    assert (result.decision.action, result.decision.urgency) == (p.STOP, p.SOON)


def test_pain_at_the_stop_limit_stops_with_see_someone_soon():
    result = progress(rules=RULES, sessions=[Session(pain_during=8, pain_after=3)])
    assert (result.decision.action, result.decision.reason, result.decision.urgency) == (
        p.STOP,
        p.STOP_LIMIT,
        p.SOON,
    )


def test_the_last_stage_done_finishes_the_programme():
    result = progress(rules=RULES, sessions=[GOOD] * 8)
    assert result.finished and result.stage == 3


def test_a_stopped_programme_stays_stopped_whatever_is_logged_next():
    stop = Session(pain_during=9, pain_after=9)
    assert decisions([stop, GOOD, GOOD, GOOD])[-1] == (p.STOP, 1)


def test_pain_outside_nought_to_ten_is_refused():
    for bad in (-1, 11, 2.5, True, "3"):
        with pytest.raises(ValueError):
            Session(pain_during=bad, pain_after=0)


def test_a_red_flag_needs_no_pain_scores_and_stops_but_a_session_without_one_does():
    result = progress(rules=RULES, sessions=[Session(None, None, red_flag=URGENT)])
    assert (result.decision.action, result.decision.urgency) == (p.STOP, URGENT)
    with pytest.raises(ValueError):
        Session(pain_during=None, pain_after=2)


# Properties -----------------------------------------------------------------------------------

pain = st.integers(min_value=0, max_value=10)
sessions = st.builds(
    Session,
    pain_during=pain,
    pain_after=pain,
    next_morning=st.one_of(st.none(), pain),
    red_flag=st.sampled_from(["", "", "", EMERGENCY, URGENT]),
    leg_worse=st.booleans(),
)
stages = st.builds(
    Stage,
    name=st.just("stage"),
    sessions_to_move_on=st.integers(min_value=1, max_value=4),
    max_pain_during=pain,
    max_pain_after=pain,
    max_pain_next_morning=pain,
)
rules = st.builds(
    Rules,
    stages=st.lists(stages, min_size=1, max_size=5).map(tuple),
    stop_pain=pain,
    on_flare=st.sampled_from([p.FLARE_STEP_BACK, p.FLARE_STOP]),
)


def steps(rules, logged):
    """(stage before, session, decision) for each logged session."""
    found = progress(rules=rules, sessions=logged).decisions
    before = [1, *(d.stage for d in found)][: len(found)]
    return zip(before, logged, found, strict=True)


@given(rules, st.lists(sessions, max_size=20))
def test_pain_above_the_next_morning_limit_never_advances(rules, logged):
    for stage, session, decision in steps(rules, logged):
        limit = rules.stages[stage - 1].max_pain_next_morning
        if session.next_morning is not None and session.next_morning > limit:
            assert decision.action != p.MOVE_ON
            assert decision.stage <= stage


@given(rules, st.data())
def test_leg_symptoms_that_spread_or_got_worse_always_stop_with_see_someone_soon_or_sooner(
    rules, data
):
    stage = data.draw(st.integers(min_value=1, max_value=len(rules.stages)), label="stage")
    good = data.draw(st.integers(min_value=0, max_value=3), label="good sessions")
    session = Session(
        pain_during=data.draw(pain, label="during"),
        pain_after=data.draw(pain, label="after"),
        next_morning=data.draw(st.one_of(st.none(), pain), label="morning"),
        leg_worse=True,
    )
    decision = p.decide(rules=rules, standing=p.Standing(stage, good), session=session)
    assert decision.action == p.STOP
    assert p.URGENCIES.index(decision.urgency) <= p.URGENCIES.index(p.SOON)
    assert decision.stage == stage


@given(rules, st.lists(sessions, max_size=20))
def test_a_red_flag_answer_always_stops_with_the_emergency_or_urgent_card(rules, logged):
    for _stage, session, decision in steps(rules, logged):
        if session.red_flag:
            assert decision.action == p.STOP
            assert decision.urgency in p.RED_FLAG_LEVELS
            assert p.URGENCIES.index(decision.urgency) <= p.URGENCIES.index(session.red_flag)


@given(rules, st.lists(sessions, max_size=20))
def test_a_step_back_never_goes_below_stage_one_nor_past_the_last(rules, logged):
    for stage, _session, decision in steps(rules, logged):
        assert 1 <= decision.stage <= len(rules.stages)
        if decision.action == p.STEP_BACK:
            assert decision.stage == max(1, stage - 1)


@given(rules, st.lists(sessions, max_size=20))
def test_moving_on_is_one_stage_at_a_time_and_only_after_a_morning_check(rules, logged):
    for stage, session, decision in steps(rules, logged):
        if decision.stage > stage:
            assert decision.action == p.MOVE_ON
            assert decision.stage == stage + 1
            assert session.next_morning is not None


@given(rules, st.lists(sessions, min_size=1, max_size=20))
def test_deciding_from_the_standing_before_a_session_gives_the_whole_historys_decision(
    rules, logged
):
    before = progress(rules=rules, sessions=logged[:-1]).standing
    last = p.decide(rules=rules, standing=before, session=logged[-1])
    assert last == progress(rules=rules, sessions=logged).decision


@given(rules, st.lists(sessions, max_size=20))
def test_a_second_flare_in_a_row_on_the_first_stage_always_stops_with_see_someone_soon_or_sooner(
    rules, logged
):
    """An audit logged six flares in a row on the walking stage and was told each time to stay
    on it: with no easier stage to go back to, the second one stops the programme."""
    found = progress(rules=rules, sessions=logged).decisions
    for before, decision in zip((None, *found), found, strict=False):
        if before is not None and before.action == p.STEP_BACK and before.stage == 1:
            assert decision.action != p.STEP_BACK
            if decision.reason in (p.FLARED_AGAIN, p.FLARE_DURING, p.FLARE_AFTER, p.FLARE_MORNING):
                assert decision.action == p.STOP
                assert p.URGENCIES.index(decision.urgency) <= p.URGENCIES.index(p.SOON)


def test_a_flare_on_the_first_stage_after_a_step_back_stops_the_programme():
    flare = Session(pain_during=5, pain_after=2, next_morning=1)

    assert decisions([flare, flare]) == [(p.STEP_BACK, 1), (p.STOP, 1)]
    assert progress(rules=RULES, sessions=[flare, flare]).decision.reason == p.FLARED_AGAIN


def test_a_good_session_between_two_first_stage_flares_lets_the_second_step_back_again():
    flare = Session(pain_during=5, pain_after=2, next_morning=1)

    assert decisions([flare, GOOD, flare])[-1] == (p.STEP_BACK, 1)


@pytest.mark.parametrize(
    ("from_stage", "to_stage", "words"),
    [(1, 1, "Stay on the first stage"), (2, 1, "Step back a stage"), (3, 2, "Step back a stage")],
)
def test_a_step_back_is_worded_by_whether_there_was_a_stage_to_go_back_to(
    from_stage, to_stage, words
):
    decision = p.Decision(p.STEP_BACK, p.FLARE_DURING, to_stage)

    assert str(decision_words(decision, from_stage)) == words


@given(rules, st.lists(sessions, min_size=1, max_size=20), st.data())
def test_decisions_already_given_stand_and_the_rest_follow_from_them(rules, logged, data):
    other_rules = data.draw(globals()["rules"])  # the programme as revised since
    given = [
        p.decide(rules=other_rules, standing=p.Standing(), session=s)
        if data.draw(st.booleans())
        else None
        for s in logged
    ]

    found = progress(rules=rules, sessions=logged, given=given).decisions

    assert progress(rules=rules, sessions=logged, given=[None] * len(logged)) == progress(
        rules=rules, sessions=logged
    )
    for index, kept in enumerate(given):
        before = p.Standing.after(found[index - 1] if index else None)
        if kept and (kept.stops or not before.stopped):
            assert found[index] == kept
        else:
            assert found[index] == p.decide(rules=rules, standing=before, session=logged[index])
        if index and found[index - 1].stops:
            assert found[index].stops, "a stop given is never undone"
        assert 1 <= found[index].stage
