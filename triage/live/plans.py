"""Which exercises go in a result's plan. Pure functions on plain data, no ORM.

Clinicians link exercises to conditions for a part of recovery (early days, recovery,
prevention: ``conditions.vocabulary.PHASES``, which are the plan's phases too) and may mark a
link first-line for its condition. Each exercise has its own suitability: the phases it suits,
and its cautions, each naming a trait of the person (``conditions.traits``) that keeps it out of
"Do these now" until something has changed, or out of the plan altogether.

A plan takes the links of the likely conditions, best match first, each exercise once. "Now"
holds exercises for this phase that no caution holds back, the top condition's first-line ones
first, up to the clinicians' cap. "Later" holds, up to the same cap, the next phase's exercises
and every one a caution holds back, each with what to wait for. The top condition's first-line
exercises are always in one or the other, unless a caution leaves them out or they suit no
phase from here on. When the top condition asks for an assessment first, nothing is "now", and
every exercise waits for that check before anything else it waits for.
"""

from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from conditions.traits import Trait
from conditions.vocabulary import EARLY, PHASES, PREVENTION, RECOVERY
from triage.engine import scoring

# The phase the person's answers give → where their plan starts.
FROM_PAIN_PHASE = {scoring.ACUTE: EARLY, scoring.RECOVERING: RECOVERY}
PLAN_SIZE = 5
# What an exercise for a later phase waits for.
PHASE_UNTIL = {
    RECOVERY: _("everyday movement is comfortable again"),
    PREVENTION: _("you are getting back to running"),
}
ASSESSED = _("a GP or physiotherapist has checked your back")
AND_THEN = _("{checked}, and {until}")
LEG_TRAITS = {
    scoring.NO_LEG: {Trait.NO_LEG_SYMPTOMS},
    scoring.LEG_PAIN: {Trait.LEG_PAIN},
    scoring.LEG_NERVE: {Trait.LEG_PAIN, Trait.NERVE_SYMPTOMS},
}


@dataclass(frozen=True)
class Caution:
    """A trait that holds the exercise back: until ``until`` (words that follow "once"), or,
    with no ``until``, out of the plan altogether."""

    trait: str
    until: str = ""


@dataclass(frozen=True)
class Suitability:
    phases: frozenset
    cautions: tuple[Caution, ...] = ()

    def caution_for(self, traits):
        return next((caution for caution in self.cautions if caution.trait in traits), None)


@dataclass(frozen=True)
class Candidate:
    """One condition–exercise link, as the plan sees it."""

    exercise: str
    condition: str
    phase: str
    order: int
    suitability: Suitability
    first_line: bool = False
    link: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Planned:
    """A candidate in a plan; ``until`` is empty under "now", else what it waits for."""

    candidate: Candidate
    until: str = ""

    @property
    def exercise(self):
        return self.candidate.exercise

    @property
    def link(self):
        return self.candidate.link


def next_phase(phase):
    index = PHASES.index(phase)
    return PHASES[index + 1] if index + 1 < len(PHASES) else None


def person_traits(traits, leg):
    """The traits from the answers, with those that what they said about the leg gives."""
    return frozenset(traits) | LEG_TRAITS.get(leg, set())


def placing(candidate, *, phase, traits, first_line):
    """ "" for now, what it waits for, or None when it is not in this plan."""
    phases = candidate.suitability.phases
    if candidate.phase == phase and phase in phases:
        target = phase
    elif first_line:
        target = next((p for p in PHASES[PHASES.index(phase) :] if p in phases), None)
    elif candidate.phase == next_phase(phase) and candidate.phase in phases:
        target = candidate.phase
    else:
        target = None
    if target is None:
        return None
    caution = candidate.suitability.caution_for(traits)
    if caution:
        return caution.until or None
    return "" if target == phase else PHASE_UNTIL[target]


def plan(*, candidates, conditions, phase, traits=frozenset(), size=PLAN_SIZE, assess_first=False):
    """(now, later) as tuples of ``Planned``; see the module's docstring."""
    top = conditions[0] if conditions else None

    def first_line(candidate):
        return candidate.first_line and candidate.condition == top

    placed = []
    for candidate in candidates:
        if candidate.condition not in conditions:
            continue
        first = first_line(candidate)
        until = placing(candidate, phase=phase, traits=traits, first_line=first)
        if until is None:
            continue
        if assess_first:  # the check comes first, whatever else the exercise waits for
            until = format_lazy(AND_THEN, checked=ASSESSED, until=until) if until else ASSESSED
        rank = (not first, until != "", conditions.index(candidate.condition), candidate.order)
        placed.append((rank, candidate, until))
    now, later, seen = [], [], set()
    for _rank, candidate, until in sorted(placed, key=lambda item: item[0]):
        group = later if until else now
        if candidate.exercise in seen or len(group) >= size:
            continue
        seen.add(candidate.exercise)
        group.append(Planned(candidate, until))
    return tuple(now), tuple(later)
