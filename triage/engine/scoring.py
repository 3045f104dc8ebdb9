"""Scoring: answers + rules in, a result out. Pure functions on plain data, no request, no ORM.

Answers are keyed by question code: an option code (single choice, yes/no), a list of option
codes (multiple choice) or a whole number (number questions, matched to the options' bands).
Answers that do not fit the rules (unknown codes, hidden questions, numbers in no band) are
ignored, so any input gives a valid result.

Safety order: a forced emergency beats everything (and stops the scoring); urgent beats
"see someone soon", which beats self-care. Conditions are ranked by the sum of the weights that
fired, ties broken by slug, and shown only at or above the questionnaire's threshold, with the
likelihood in words (never a percentage: the weights are a clinician's judgement, not odds).
A rule that rules a condition out (an age at which it does not happen, say) keeps it from being
shown whatever its score. The words follow the gap: one condition clearly ahead is the only
"strong" match.

A rule may fire only together with an answer to another question (``only_with``), so that, for
example, severe pain is an urgent sign only at the ages where it is one.
"""

from dataclasses import asdict, dataclass, field

from conditions.vocabulary import EMERGENCY, RED_FLAG_LEVELS, SELF_CARE, SOON, URGENCIES, URGENT

# The questionnaire's vocabularies, labelled by the choices in ``triage.models``.
DISPOSITIONS = URGENCIES  # a result's disposition is any urgency, most urgent first
ACUTE, RECOVERING = "acute", "recovering"
STOP, MODIFY, CONTINUE = "stop", "modify", "continue"  # a rule may say the first two
SINGLE, MULTIPLE, YES_NO, NUMBER = "single", "multiple", "yes_no", "number"
# A question's section: the red-flag sections, named by their urgency and asked first, then
# the rest.
SYMPTOMS = "symptoms"
SECTIONS = (*RED_FLAG_LEVELS, SYMPTOMS)
TOP = 3
STRONG, POSSIBLE = "strong", "possible"
NO_LEG, LEG_PAIN, LEG_NERVE = "", "pain", "nerve"
LEG_ORDER = (NO_LEG, LEG_PAIN, LEG_NERVE)  # least to most


@dataclass(frozen=True)
class Effect:
    """One rule: a weight toward a condition, a forced disposition, or running advice."""

    reason: str
    condition: str = ""
    weight: int = 0
    disposition: str = ""
    red_flag: str = ""
    running: str = ""
    risk_factor: str = ""
    only_with: tuple[str, str] | None = None  # (question code, option code)
    rules_out: bool = False  # the condition is not shown, whatever its score


@dataclass(frozen=True)
class Choice:
    code: str
    effects: tuple[Effect, ...] = ()
    exclusive: bool = False
    low: int | None = None
    high: int | None = None
    phase: str = ""
    leg: str = NO_LEG
    trait: str = ""  # what the answer says about the person for exercise plans

    def covers(self, number):
        return (self.low is None or number >= self.low) and (
            self.high is None or number <= self.high
        )


@dataclass(frozen=True)
class Ask:
    """A question as the scoring sees it."""

    code: str
    kind: str
    choices: tuple[Choice, ...] = ()
    section: str = SYMPTOMS
    show_if: tuple[str, str] | None = None  # (question code, option code)
    low: int | None = None
    high: int | None = None

    def choice(self, code):
        return next((choice for choice in self.choices if choice.code == code), None)


@dataclass(frozen=True)
class RuleBook:
    """Everything one questionnaire version needs to score, in asking order."""

    version: int
    questions: tuple[Ask, ...]
    threshold: int = 4
    by_code: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.by_code.update({question.code: question for question in self.questions})

    def question(self, code):
        return self.by_code.get(code)


@dataclass(frozen=True)
class Match:
    condition: str
    score: int
    likelihood: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    disposition: str
    why: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    conditions: tuple[Match, ...] = ()
    phase: str = ACUTE
    running: str = STOP
    running_reasons: tuple[str, ...] = ()
    changes: tuple[tuple[str, str], ...] = ()  # (reason, running factor slug)
    leg: str = NO_LEG
    traits: tuple[str, ...] = ()

    @property
    def top_condition(self):
        return self.conditions[0].condition if self.conditions else ""

    def as_dict(self):
        """JSON-ready snapshot, stored with the submission."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        # Results stored before leg symptoms were recorded: assume the cautious case.
        data.setdefault("leg", LEG_NERVE)
        data["conditions"] = tuple(
            Match(
                condition=match["condition"],
                score=match["score"],
                likelihood=match.get("likelihood") or likelihood(match["score"], threshold=4),
                reasons=tuple(match["reasons"]),
            )
            for match in data.get("conditions", ())
        )
        data["changes"] = tuple(tuple(change) for change in data.get("changes", ()))
        for name in ("why", "red_flags", "running_reasons", "traits"):
            data[name] = tuple(data.get(name, ()))
        return cls(**data)


def chosen(question, value):
    """The options an answer selects; nothing for an answer that does not fit."""
    if question.kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int):
            return ()
        if (question.low is not None and value < question.low) or (
            question.high is not None and value > question.high
        ):
            return ()
        return tuple(choice for choice in question.choices if choice.covers(value))
    if question.kind == MULTIPLE:
        codes = value if isinstance(value, list | tuple) else ()
        return tuple(choice for choice in question.choices if choice.code in codes)
    choice = question.choice(value) if isinstance(value, str) else None
    return (choice,) if choice else ()


def is_shown(question, answers, rules):
    """A question with a condition is shown only when its earlier answer was chosen."""
    if question.show_if is None:
        return True
    earlier_code, option_code = question.show_if
    earlier = rules.question(earlier_code)
    if earlier is None or not is_shown(earlier, answers, rules):
        return False
    if earlier_code not in answers:
        return False
    return any(choice.code == option_code for choice in chosen(earlier, answers[earlier_code]))


def visible_questions(*, answers, rules):
    """The questions this person is asked, given the answers so far, in asking order."""
    return [question for question in rules.questions if is_shown(question, answers, rules)]


def chosen_pairs(*, answers, rules):
    """[(question index, question code, choice)] for every chosen option of a shown question."""
    return [
        (index, question.code, choice)
        for index, question in enumerate(visible_questions(answers=answers, rules=rules))
        if question.code in answers
        for choice in chosen(question, answers[question.code])
    ]


def fired_effects(*, answers, rules):
    """(effect, question index) for every rule of every chosen option of a shown question
    whose ``only_with`` answer, if it has one, was given too."""
    pairs = chosen_pairs(answers=answers, rules=rules)
    given = {(code, choice.code) for _, code, choice in pairs}
    return [
        (effect, index)
        for index, _, choice in pairs
        for effect in choice.effects
        if effect.only_with is None or effect.only_with in given
    ]


def ruled_out_by(*, answers, rules):
    """{condition slug: [(question code, option code)]}: the answers whose fired rules rule
    each condition out (for explaining test cases)."""
    answers = answers if isinstance(answers, dict) else {}
    pairs = chosen_pairs(answers=answers, rules=rules)
    given = {(code, choice.code) for _, code, choice in pairs}
    out = {}
    for _index, code, choice in pairs:
        for effect in choice.effects:
            fired = effect.only_with is None or effect.only_with in given
            if fired and effect.rules_out and effect.condition:
                out.setdefault(effect.condition, []).append((code, choice.code))
    return out


def leg_symptoms(*, answers, rules):
    """The most an answer says about the leg: nothing, pain, or active nerve symptoms."""
    legs = [choice.leg for *_, choice in chosen_pairs(answers=answers, rules=rules)]
    return max(legs, key=LEG_ORDER.index, default=NO_LEG)


def person_traits(*, answers, rules):
    """The traits the chosen options of shown questions name, sorted."""
    return tuple(
        sorted({choice.trait for *_, choice in chosen_pairs(answers=answers, rules=rules)} - {""})
    )


def likelihood(score, *, threshold, top=None):
    """'strong' when the evidence is at least twice what it takes to be shown at all and, when
    ``top`` (the best score shown) is given, within ``threshold`` points of it: a condition
    clearly behind the first is only 'possible', however many points it has."""
    threshold = max(threshold, 1)
    close = top is None or top - score < threshold
    return STRONG if score >= 2 * threshold and close else POSSIBLE


def chosen_phase(*, answers, rules):
    """Acute unless an answer says the pain is settling; acute when unsure is the safer call."""
    phases = {
        choice.phase
        for question in visible_questions(answers=answers, rules=rules)
        if question.code in answers
        for choice in chosen(question, answers[question.code])
        if choice.phase
    }
    return RECOVERING if phases == {RECOVERING} else ACUTE


def scores_of(effects):
    """{condition slug: the sum of the weights that fired toward it}."""
    scores = {}
    for effect, _index in effects:
        if effect.condition:
            scores[effect.condition] = scores.get(effect.condition, 0) + effect.weight
    return scores


def condition_scores(*, answers, rules):
    """Every condition's score for these answers, shown or not (for explaining test cases)."""
    answers = answers if isinstance(answers, dict) else {}
    return scores_of(fired_effects(answers=answers, rules=rules))


def ruled_out(effects):
    """The conditions a fired rule rules out."""
    return {effect.condition for effect, _index in effects if effect.rules_out and effect.condition}


def rank_conditions(effects, *, threshold):
    """Up to three conditions at or above the threshold and not ruled out, best first, with
    their reasons; the first is 'strong' at twice the threshold, the others only when they are
    also within ``threshold`` points of it."""
    scores, reasons, out = scores_of(effects), {}, ruled_out(effects)
    for effect, index in effects:
        if effect.condition and effect.weight > 0:
            reasons.setdefault(effect.condition, []).append((-effect.weight, index, effect.reason))
    ranked = sorted(
        (slug for slug, score in scores.items() if score >= max(threshold, 1) and slug not in out),
        key=lambda slug: (-scores[slug], slug),
    )[:TOP]
    top = scores[ranked[0]] if ranked else None
    return tuple(
        Match(
            condition=slug,
            score=scores[slug],
            likelihood=likelihood(scores[slug], threshold=threshold, top=top),
            reasons=tuple(dict.fromkeys(reason for *_, reason in sorted(reasons.get(slug, ())))),
        )
        for slug in ranked
    )


def running_advice(effects, *, disposition, phase):
    """stop / modify / continue, the reasons for stopping, and what to change."""
    stops = tuple(dict.fromkeys(e.reason for e, _ in effects if e.running == STOP))
    changes = tuple(
        dict.fromkeys((e.reason, e.risk_factor) for e, _ in effects if e.running == MODIFY)
    )
    if disposition in (EMERGENCY, URGENT) or stops or phase == ACUTE:
        return STOP, stops, changes
    if changes or disposition == SOON:
        return MODIFY, stops, changes
    return CONTINUE, stops, changes


def assess(*, answers, rules):
    """The result for one set of answers. Never raises on odd answers; ignores what cannot fit."""
    answers = answers if isinstance(answers, dict) else {}
    effects = fired_effects(answers=answers, rules=rules)
    forced = [effect for effect, _ in effects if effect.disposition in DISPOSITIONS]
    disposition = min(
        (effect.disposition for effect in forced), key=DISPOSITIONS.index, default=SELF_CARE
    )
    decisive = [effect for effect in forced if effect.disposition == disposition]
    why = tuple(dict.fromkeys(effect.reason for effect in decisive))
    red_flags = tuple(dict.fromkeys(effect.red_flag for effect in decisive if effect.red_flag))
    if disposition == EMERGENCY:
        return Result(disposition=EMERGENCY, why=why, red_flags=red_flags, running=STOP)
    phase = chosen_phase(answers=answers, rules=rules)
    running, stops, changes = running_advice(effects, disposition=disposition, phase=phase)
    return Result(
        disposition=disposition,
        why=why,
        red_flags=red_flags,
        conditions=rank_conditions(effects, threshold=rules.threshold),
        phase=phase,
        running=running,
        running_reasons=stops,
        changes=changes,
        leg=leg_symptoms(answers=answers, rules=rules),
        traits=person_traits(answers=answers, rules=rules),
    )


def ends_questionnaire(*, question, value, answers=None, rules=None):
    """True when this answer forces an emergency: the questionnaire stops at once. A rule that
    needs another answer too counts only when ``answers`` and ``rules`` show it was given."""
    if answers is not None and rules is not None:
        return any(
            effect.disposition == EMERGENCY
            for effect, _ in fired_effects(answers={**answers, question.code: value}, rules=rules)
        )
    return any(
        effect.disposition == EMERGENCY and effect.only_with is None
        for choice in chosen(question, value)
        for effect in choice.effects
    )


@dataclass(frozen=True)
class CaseOutcome:
    passed: bool
    result: Result
    problems: tuple[str, ...] = ()


def check_case(*, answers, rules, dispositions, top_condition="", acceptable=()):
    """Compare a clinician's test case with what the rules give.

    ``dispositions`` are the acceptable dispositions; an empty ``top_condition`` means no
    condition may be shown; a non-empty ``acceptable`` limits what the top three may contain.
    """
    result = assess(answers=answers, rules=rules)
    problems = []
    if result.disposition not in dispositions:
        problems.append(
            f"disposition is {result.disposition}, expected {' or '.join(dispositions)}"
        )
    if result.top_condition != top_condition:
        problems.append(
            f"top condition is {result.top_condition or 'none'}, expected {top_condition or 'none'}"
        )
    if acceptable:
        allowed = {*acceptable, top_condition}
        unexpected = [m.condition for m in result.conditions if m.condition not in allowed]
        if unexpected:
            problems.append(f"top three includes {', '.join(unexpected)}")
    return CaseOutcome(passed=not problems, result=result, problems=tuple(problems))
