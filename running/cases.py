"""Programme test cases: a simulated runner's sessions and the decisions a clinician expects.

A case is written one session a line, ``during after morning [leg] [red flag] expected``, e.g.
``2 3 1 repeat``, ``1 1 1 leg stop`` (leg symptoms started, got worse or spread) or
``1 1 - urgent stop`` ('-' for a next-morning check not yet done). Parsing and checking are
pure; ``refusals`` is what the publication workflow asks before a programme goes live: its cases
pass, and its introduction names no pain score that none of its rules uses.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from running import progression

# A pain score written in words a runner reads: "3 out of 10", "7/10".
PAIN_SCORE = re.compile(r"\b(\d{1,2})\s*(?:out of|/)\s*10\b", re.IGNORECASE)
SCALE_ENDS = {0, 10}  # "0 out of 10 is no pain": the scale's words, not a rule
LEG = "leg"  # a session at which pain, numbness or tingling in a leg started, got worse or spread


class BadStep(ValueError):
    pass


@dataclass(frozen=True)
class Step:
    session: progression.Session
    expected: str


@dataclass(frozen=True)
class Outcome:
    """What the engine decided at each step, and the steps where it differs from the case."""

    decisions: tuple
    mismatches: tuple  # (line number, expected, decided)

    @property
    def passed(self):
        return not self.mismatches


def pain(word, line):
    if word == "-":
        return None
    try:
        value = int(word)
    except ValueError:
        raise BadStep(_("Line %(line)s: '%(word)s' is not a pain score.") % locals()) from None
    if value not in progression.PAIN:
        raise BadStep(_("Line %(line)s: pain must be from 0 to 10, not %(value)s.") % locals())
    return value


def spoken(action):
    """A decision as a clinician writes it: 'move on' for ``move_on``."""
    return action.replace("_", " ")


def as_written(raw):
    """The line with each decision written with a space ('move on', 'Step back') in the
    engine's own spelling, so it reads as one word."""
    for action in progression.ACTIONS:
        raw = re.sub(rf"\b{re.escape(spoken(action))}\b", action, raw, flags=re.IGNORECASE)
    return raw


def parse(text):
    """The case's steps, or BadStep saying which line is wrong and why."""
    steps = []
    for line, raw in enumerate(text.strip().splitlines(), start=1):
        words = as_written(raw).split()
        if not words:
            continue
        leg_worse = LEG in (word.lower() for word in words)
        words = [word for word in words if word.lower() != LEG]
        if len(words) not in (4, 5):
            raise BadStep(
                _(
                    "Line %(line)s: write pain during, after and next morning (- if not yet "
                    "checked), 'leg' if leg symptoms started, got worse or spread, 'emergency' or "
                    "'urgent' if a warning sign was reported, then the decision (%(actions)s), "
                    "for example '2 3 1 repeat'."
                )
                % {"line": line, "actions": ", ".join(spoken(a) for a in progression.ACTIONS)}
            )
        red_flag = words[3] if len(words) == 5 else ""
        if red_flag not in ("", *progression.RED_FLAG_LEVELS):
            raise BadStep(
                _("Line %(line)s: '%(word)s' is not 'leg', 'emergency' or 'urgent'.")
                % {"line": line, "word": red_flag}
            )
        expected = words[-1]
        if expected not in progression.ACTIONS:
            raise BadStep(
                _("Line %(line)s: the decision is one of %(actions)s.")
                % {"line": line, "actions": ", ".join(spoken(a) for a in progression.ACTIONS)}
            )
        if words[0] == "-" or words[1] == "-":
            raise BadStep(_("Line %(line)s: pain during and after are needed.") % {"line": line})
        session = progression.Session(
            pain_during=pain(words[0], line),
            pain_after=pain(words[1], line),
            next_morning=pain(words[2], line),
            red_flag=red_flag,
            leg_worse=leg_worse,
        )
        steps.append(Step(session=session, expected=expected))
    if not steps:
        raise BadStep(_("A case needs at least one session."))
    return steps


def run(rules, steps):
    decisions = progression.progress(rules=rules, sessions=[s.session for s in steps]).decisions
    mismatches = tuple(
        (number, step.expected, decision.action)
        for number, (step, decision) in enumerate(zip(steps, decisions, strict=True), start=1)
        if step.expected != decision.action
    )
    return Outcome(decisions=decisions, mismatches=mismatches)


def case_problems(rules, case):
    """Why one case fails, in words, or [] when it passes."""
    try:
        outcome = run(rules, parse(case.steps))
    except BadStep as error:
        return [str(error)]
    return [
        _("session %(number)s expected %(expected)s, got %(decided)s")
        % {"number": number, "expected": spoken(expected), "decided": spoken(decided)}
        for number, expected, decided in outcome.mismatches
    ]


def case_results(programme, stages):
    """Each of the programme's test cases with why it fails under these stages' rules ([]
    when it passes): what publishing checks, and what the review page shows."""
    rules = programme.rules(stages)
    return [(case, case_problems(rules, case)) for case in programme.test_cases.all()]


def pain_limits(programme, stages):
    """Every pain score the programme's rules act on: each stage's limits and the stop score."""
    return {programme.stop_pain} | {
        limit
        for stage in stages
        for limit in (stage.max_pain_during, stage.max_pain_after, stage.max_pain_next_morning)
    }


def scores_no_rule_uses(text, limits):
    """The pain scores ``text`` names ("3 out of 10", "7/10") that are none of ``limits``, in
    the order written: a runner reading "up to 5 out of 10 is fine" beside rules that step back
    at 4 is told two things."""
    named = dict.fromkeys(int(found) for found in PAIN_SCORE.findall(text))
    return [score for score in named if score not in limits | SCALE_ENDS]


def refusals(programme):
    """Why the programme cannot go live: no stages; else, all at once, an introduction naming a
    pain score no rule uses, and no test cases or failing ones."""
    stages = list(programme.stages.all())
    if not stages:
        return [_("“%(name)s” has no stages: add them before publishing.") % {"name": programme}]
    problems = []
    limits = pain_limits(programme, stages)
    if stray := scores_no_rule_uses(programme.introduction, limits):
        problems.append(
            _(
                "The introduction of “%(name)s” speaks of pain of %(scores)s out of 10, which no "
                "stage limit and no stop score uses (they are %(limits)s): make the words say "
                "what the rules do before publishing."
            )
            % {
                "name": programme,
                "scores": ", ".join(map(str, stray)),
                "limits": ", ".join(map(str, sorted(limits))),
            }
        )
    results = case_results(programme, stages)
    if not results:
        return [
            *problems,
            _("“%(name)s” has no test cases: add some before publishing.") % {"name": programme},
        ]
    failing = [(case, reasons) for case, reasons in results if reasons]
    if failing:
        problems.append(
            _("“%(name)s” cannot be published because test cases fail: %(cases)s.")
            % {
                "name": programme,
                "cases": "; ".join(
                    f"{case.name} ({'; '.join(reasons)})" for case, reasons in failing
                ),
            }
        )
    return problems
