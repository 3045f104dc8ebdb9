"""The words a runner reads for each decision, its reason and each pain score."""

from django.utils.translation import gettext_lazy as _

from running import progression as p

DECISION_WORDS = {
    p.REPEAT: _("Repeat this stage"),
    p.MOVE_ON: _("Move on to the next stage"),
    p.STEP_BACK: _("Step back a stage"),
    p.STOP: _("Stop the programme and get help"),
}


def decision_words(decision, from_stage):
    """The heading for a decision on a session logged at ``from_stage``: a step back from the
    first stage has no stage to go back to, so the runner stays on it (``progression.decide``);
    a session waiting for its next-morning check is not yet a "repeat" (the morning may move the
    runner on, or back)."""
    if decision.action == p.STEP_BACK and decision.stage == from_stage:
        return _("Stay on the first stage")
    if decision.reason == p.MORNING_DUE:
        return _("Check your back tomorrow morning")
    return DECISION_WORDS[decision.action]


REASON_WORDS = {
    p.RED_FLAG: _("You told us about a warning sign that needs a doctor."),
    p.STOP_LIMIT: _("Your pain reached the level at which the programme stops."),
    p.LEG_WORSE: _(
        "Pain, numbness or tingling in a leg started, got worse or spread further down."
    ),
    p.FLARE_DURING: _("Your pain during the session went over this stage's limit."),
    p.FLARE_AFTER: _("Your pain after the session went over this stage's limit."),
    p.FLARE_MORNING: _("Your back was sorer the next morning than this stage allows."),
    p.MORNING_DUE: _(
        "Check how your back feels the morning after this session, before the next one."
    ),
    p.GOOD_SESSION: _("Your back coped well. Do the same session again next time."),
    p.STAGE_DONE: _("Your back coped well for enough sessions to take the next step."),
    p.FINISHED: _("You have finished the programme: keep building up gently."),
    p.STOPPED: _("The programme stopped after an earlier session."),
    p.FLARED_AGAIN: _(
        "Your back flared up again on the first stage, and there is no easier stage to go back to."
    ),
}

# Plain words for the 0–10 scale, shown beside every pain question.
PAIN_WORDS = {
    0: _("no pain"),
    1: _("barely noticeable"),
    2: _("mild, easy to ignore"),
    3: _("mild, you notice it"),
    4: _("moderate, distracting"),
    5: _("moderate, hard to ignore"),
    6: _("quite bad, hard to keep going"),
    7: _("bad, it stops you doing things"),
    8: _("very bad"),
    9: _("severe"),
    10: _("the worst you can imagine"),
}

# Plain words for the 0–10 difficulty scale of the outcome question on everyday activities.
DIFFICULTY_WORDS = {
    0: _("no trouble at all"),
    1: _("barely any trouble"),
    2: _("a little harder than usual"),
    3: _("harder, but you manage"),
    4: _("quite hard"),
    5: _("hard, you hold back"),
    6: _("very hard, you do much less"),
    7: _("you can do only some of them"),
    8: _("you can barely do them"),
    9: _("you can hardly do them at all"),
    10: _("you cannot do them"),
}
