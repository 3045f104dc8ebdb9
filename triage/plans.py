"""Which exercises go in a result's plan. Pure functions on plain data, no ORM.

Clinicians link exercises to conditions for a part of recovery (early days, recovery,
prevention), and give each exercise its own suitability: the phases it suits, and whether it
is left out while leg nerve symptoms are active or when nothing reaches the leg. A plan takes
the links of the likely conditions, best match first, and never keeps an exercise whose own
suitability excludes the person: its phase, or what they said about their leg.
"""

from dataclasses import dataclass, field

from triage import scoring

EARLY, SETTLING, STRENGTHENING = "early", "settling", "strengthening"
PLAN_PHASES = (EARLY, SETTLING, STRENGTHENING)
# The part of recovery a condition's exercise link names → the plan phase it belongs to.
LINK_PHASES = {"early": EARLY, "recovery": SETTLING, "prevention": STRENGTHENING}
# The phase the person's answers give → where their plan starts.
FROM_PAIN_PHASE = {scoring.ACUTE: EARLY, scoring.RECOVERING: SETTLING}
PLAN_SIZE = 6


@dataclass(frozen=True)
class Suitability:
    phases: frozenset
    not_while_nerve_symptoms: bool = False
    only_with_leg_symptoms: bool = False

    def allows(self, *, phase, leg):
        if phase not in self.phases:
            return False
        if self.not_while_nerve_symptoms and leg == scoring.LEG_NERVE:
            return False
        return not (self.only_with_leg_symptoms and leg == scoring.NO_LEG)


@dataclass(frozen=True)
class Candidate:
    """One condition–exercise link, as the plan sees it."""

    exercise: str
    condition: str
    phase: str
    order: int
    suitability: Suitability
    link: object = field(default=None, compare=False, repr=False)


def next_phase(phase):
    index = PLAN_PHASES.index(phase)
    return PLAN_PHASES[index + 1] if index + 1 < len(PLAN_PHASES) else None


def plan(*, candidates, conditions, phase, leg, size=PLAN_SIZE):
    """(now, later): exercises for this phase and the next, best-matching condition first,
    each exercise once, none that its own suitability excludes."""
    later_phase = next_phase(phase)
    groups = {phase: []}
    if later_phase:
        groups[later_phase] = []
    ranked = sorted(
        (c for c in candidates if c.condition in conditions),
        key=lambda c: (conditions.index(c.condition), c.order),
    )
    seen = set()
    for candidate in ranked:
        group = groups.get(candidate.phase)
        if group is None or candidate.exercise in seen or len(group) >= size:
            continue
        if not candidate.suitability.allows(phase=candidate.phase, leg=leg):
            continue
        seen.add(candidate.exercise)
        group.append(candidate)
    return tuple(groups[phase]), tuple(groups.get(later_phase, ()))
