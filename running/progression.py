"""Progression: a programme's rules and a runner's logged sessions in, what to do next out.

Pure functions on plain data, no request, no ORM, so every rule is tested without HTTP.

Pain is monitored the way physiotherapists load a sore back or tendon: pain during and just
after a session up to the stage's limits is acceptable, and the back must be no worse than the
limit the next morning. A session counts toward moving on only once its next-morning check is in
and every pain score is within the limits. Safety order, most urgent first: a red-flag answer
stops the programme with its urgency (emergency or urgent) whatever else was logged; pain at or
above the programme's stop limit stops it with "see someone soon", and so do leg symptoms that
spread or got worse (the exercises' stop rule, "pain spreads into your leg or further down it,
or numbness or tingling appear or get worse", holds for running too: nerve symptoms moving down
the leg need a clinician's look, whatever the pain score); pain over a stage's limit is a flare,
handled by the programme's flare rule, and a second flare in a row on the first stage (there
is no easier stage to step back to) stops it with "see someone soon"; only then do good
sessions count.
"""

from dataclasses import dataclass

from conditions.vocabulary import RED_FLAG_LEVELS, SOON, URGENCIES

REPEAT, MOVE_ON, STEP_BACK, STOP = "repeat", "move_on", "step_back", "stop"
ACTIONS = (REPEAT, MOVE_ON, STEP_BACK, STOP)
# What a flare does: step back one stage, or stop and see a clinician.
FLARE_STEP_BACK, FLARE_STOP = "step_back", "stop"
# Why the decision was made, for the words the runner reads.
RED_FLAG = "red_flag"
STOP_LIMIT = "stop_limit"
FLARE_DURING, FLARE_AFTER, FLARE_MORNING = "flare_during", "flare_after", "flare_morning"
LEG_WORSE = "leg_worse"  # pain, numbness or tingling in a leg started, got worse or spread
MORNING_DUE = "morning_due"
GOOD_SESSION = "good_session"
STAGE_DONE = "stage_done"
FINISHED = "finished"
STOPPED = "stopped"
FLARED_AGAIN = "flared_again"  # a second flare in a row on the first stage
PAIN = range(0, 11)


def check_pain(value, name):
    if value is not None and (isinstance(value, bool) or value not in PAIN):
        raise ValueError(f"{name} must be a whole number from 0 to 10, not {value!r}")


@dataclass(frozen=True)
class Stage:
    """One rung of the ladder: how many good sessions move a runner on, and the pain limits."""

    name: str
    sessions_to_move_on: int
    max_pain_during: int
    max_pain_after: int
    max_pain_next_morning: int

    def __post_init__(self):
        if self.sessions_to_move_on < 1:
            raise ValueError("a stage needs at least one session to move on")
        for name in ("max_pain_during", "max_pain_after", "max_pain_next_morning"):
            check_pain(getattr(self, name), name)


@dataclass(frozen=True)
class Rules:
    """A programme's rules: its stages in order, the pain that stops it, what a flare does."""

    stages: tuple[Stage, ...]
    stop_pain: int = 8
    on_flare: str = FLARE_STEP_BACK

    def __post_init__(self):
        if not self.stages:
            raise ValueError("a programme needs at least one stage")
        check_pain(self.stop_pain, "stop_pain")
        if self.on_flare not in (FLARE_STEP_BACK, FLARE_STOP):
            raise ValueError(f"unknown flare rule {self.on_flare!r}")


@dataclass(frozen=True)
class Session:
    """One logged session: pain during and after it, the next morning's pain once it is
    checked (None until then), the red-flag answer ("" when none, else its urgency), and
    whether pain, numbness or tingling in a leg started, got worse or spread further down,
    during the session or by the next morning. A red flag ends the questions, so
    its session may have no pain scores at all."""

    pain_during: int | None
    pain_after: int | None
    next_morning: int | None = None
    red_flag: str = ""
    leg_worse: bool = False

    def __post_init__(self):
        check_pain(self.pain_during, "pain_during")
        check_pain(self.pain_after, "pain_after")
        check_pain(self.next_morning, "next_morning")
        if self.red_flag not in ("", *RED_FLAG_LEVELS):
            raise ValueError(f"unknown red-flag level {self.red_flag!r}")
        if not isinstance(self.leg_worse, bool):
            raise ValueError(f"leg_worse must be True or False, not {self.leg_worse!r}")
        if not self.red_flag and None in (self.pain_during, self.pain_after):
            raise ValueError("pain during and after are needed unless a red flag was reported")

    @property
    def highest_pain(self):
        return max(
            p for p in (self.pain_during, self.pain_after, self.next_morning) if p is not None
        )


@dataclass(frozen=True)
class Decision:
    """What to do after a session: the action, why, the stage (1 = first) to do next, the
    good sessions counted in it so far, and for a stop how urgently to get help."""

    action: str
    reason: str
    stage: int
    good_sessions: int = 0
    urgency: str = ""

    @property
    def stops(self):
        return self.action == STOP


@dataclass(frozen=True)
class Progress:
    """Every session's decision in order; the last one is what to do now."""

    decisions: tuple[Decision, ...]
    first_stage: int = 1

    @property
    def decision(self):
        return self.decisions[-1] if self.decisions else None

    @property
    def stage(self):
        return self.decision.stage if self.decisions else self.first_stage

    @property
    def stopped(self):
        return self.decision is not None and self.decision.action == STOP

    @property
    def standing(self):
        return Standing.after(self.decision)

    @property
    def finished(self):
        return self.decision is not None and self.decision.reason == FINISHED


def more_urgent(a, b):
    return min((u for u in (a, b) if u), key=URGENCIES.index, default="")


def flare_reason(stage, session):
    if session.pain_during > stage.max_pain_during:
        return FLARE_DURING
    if session.pain_after > stage.max_pain_after:
        return FLARE_AFTER
    if session.next_morning is not None and session.next_morning > stage.max_pain_next_morning:
        return FLARE_MORNING
    return ""


@dataclass(frozen=True)
class Standing:
    """Where a runner stands before a session: the stage (1 = first), the good sessions
    counted in it, the urgency of an earlier stop ("" for none), and whether the session
    before was a flare that sent them back (or kept them on the first stage)."""

    stage: int = 1
    good: int = 0
    stopped: str = ""
    after_flare: bool = False

    @classmethod
    def after(cls, decision):
        """Where a runner stands after a decision (None: before any). A stop is never undone:
        every decision after one is a stop carrying its urgency."""
        if decision is None:
            return cls()
        stopped = decision.urgency if decision.action == STOP else ""
        return cls(decision.stage, decision.good_sessions, stopped, decision.action == STEP_BACK)


def stage_within(number, stages):
    """Stage ``number``, or the last stage when a revision left the programme fewer."""
    return min(number, len(stages))


def decide(*, rules, standing, session):
    """The decision after one session, given where the runner stood before it (on the last
    stage when the programme has since lost the stage they stood on)."""
    stage, good, stopped = (
        stage_within(standing.stage, rules.stages),
        standing.good,
        standing.stopped,
    )
    if session.red_flag:
        return Decision(STOP, RED_FLAG, stage, good, more_urgent(session.red_flag, stopped))
    if stopped:
        return Decision(STOP, STOPPED, stage, good, stopped)
    if session.highest_pain >= rules.stop_pain:
        return Decision(STOP, STOP_LIMIT, stage, good, SOON)
    if session.leg_worse:
        return Decision(STOP, LEG_WORSE, stage, good, SOON)
    current = rules.stages[stage - 1]
    flare = flare_reason(current, session)
    if flare and rules.on_flare == FLARE_STOP:
        return Decision(STOP, flare, stage, good, SOON)
    if flare and stage == 1 and standing.after_flare:
        # Walking, the easiest stage, flared twice in a row: there is nowhere easier to go,
        # so the back needs a clinician's look rather than the same stage again.
        return Decision(STOP, FLARED_AGAIN, stage, good, SOON)
    if flare:
        return Decision(STEP_BACK, flare, max(1, stage - 1), 0)
    if session.next_morning is None:
        return Decision(REPEAT, MORNING_DUE, stage, good)
    good += 1
    if good < current.sessions_to_move_on:
        return Decision(REPEAT, GOOD_SESSION, stage, good)
    if stage == len(rules.stages):
        return Decision(MOVE_ON, FINISHED, stage, good)
    return Decision(MOVE_ON, STAGE_DONE, stage + 1, 0)


def progress(*, rules, sessions, given=None):
    """Each logged session's decision, in order, from stage one. ``given`` (one a session, or
    None) are decisions already given to the runner: each stands as it was, whatever the rules
    say now (a revised programme never rewrites the advice given, nor undoes a stop), and a
    session with none is decided from the one before, as is one that would carry on after a
    stop (a session saved before decisions were kept, decided now, may stop)."""
    decisions = []
    for session, kept in zip(sessions, given or [None] * len(sessions), strict=True):
        standing = Standing.after(decisions[-1] if decisions else None)
        if kept is None or (standing.stopped and not kept.stops):
            kept = decide(rules=rules, standing=standing, session=session)
        decisions.append(kept)
    return Progress(decisions=tuple(decisions))
