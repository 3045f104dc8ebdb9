"""What a result page shows, read from a submission's stored snapshot and the published content.

The snapshot keeps slugs and reasons as they were when the person finished, so publishing a
new questionnaire version never changes a stored result; names, links and exercises come from
the published content as it is now.
"""

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from conditions.models import Condition, RedFlag, RiskFactor
from conditions.selectors import red_flags_by_level
from conditions.urgency import Urgency
from core.caching import content_version
from core.calls import emergency_signs_lazy
from exercises.selectors import plan_links
from triage.engine import scoring
from triage.live import plans
from triage.models import Question, retention_days
from triage.questionnaire.rulebooks import question_rows, rulebook_for

SYMPTOMS = Question.Section.SYMPTOMS
# What result templates compare a result's values with (``scoring.URGENT``…), so none of them
# spells a value out.
TEMPLATE_VOCABULARY = {"scoring": scoring}


def suitability(exercise):
    """The plan's view of an exercise: the phases it suits and its rules (prefetched)."""
    return plans.Suitability(
        phases=exercise.suited_phases(),
        cautions=tuple(plans.Caution(rule.trait, rule.until) for rule in exercise.rules.all()),
    )


def plan_candidates(slugs):
    """Every link between these live conditions and a live exercise."""
    return [
        plans.Candidate(
            exercise=link.exercise.slug,
            condition=link.condition.slug,
            phase=link.phase,
            order=link.order,
            suitability=suitability(link.exercise),
            first_line=link.first_line,
            link=link,
        )
        for link in plan_links(slugs)
    ]


@dataclass(frozen=True)
class PublishedContent:
    """What a result page names from the published content: conditions, running factors, red
    flags and the exercises linked to each condition."""

    conditions: dict
    risk_factors: dict
    red_flags: list
    candidates: list

    @classmethod
    def read(cls):
        conditions = Condition.objects.live().only("name", "slug", "assess_before_plan")
        return cls(
            conditions={condition.slug: condition for condition in conditions},
            risk_factors={factor.slug: factor for factor in RiskFactor.objects.live()},
            red_flags=list(RedFlag.objects.live()),
            candidates=plan_candidates([condition.slug for condition in conditions]),
        )


@lru_cache(maxsize=4)
def _published_at(version):
    return PublishedContent.read()


def published_content(version):
    """The published content, read once per content version (``core.caching``): any
    save of content changes the version, so a result page never names anything stale. Without
    a version (the cache unreachable) it is read afresh."""
    return PublishedContent.read() if version is None else _published_at(version)


def exercise_plan(result, slugs, *, candidates, size, assess_first):
    """(start now, add later) as ``plans.Planned``: published exercises linked to the likely
    conditions, placed by their own rules for this person (see ``triage.live.plans``)."""
    return plans.plan(
        candidates=[c for c in candidates if c.condition in slugs],
        conditions=list(slugs),
        phase=plans.FROM_PAIN_PHASE.get(result.phase, plans.EARLY),
        traits=plans.person_traits(result.traits, result.leg),
        size=size,
        assess_first=assess_first,
    )


def sheet_url(submission, now, later):
    """A stored result's own sheet (its "now" and "later" exercises); a result not stored (a
    preview, or the database down) gets the picked-exercises sheet of its "now" ones."""
    if not (now or later):
        return ""
    if submission.pk:
        return reverse("triage:result_sheet", kwargs={"token": submission.token})
    query = urlencode([("e", planned.exercise) for planned in now])
    return f"{reverse('exercises:sheet')}?{query}" if now else ""


def answer_summary(submission):
    """[(question text, [answer labels])] for the answers as given, for a clinician to read.
    Anything with ``questionnaire`` and ``answers`` will do: a submission or a test case. The
    questions come from the in-memory copy of their version (``question_rows``)."""
    rows = question_rows(submission.questionnaire)
    summary = []
    for code, value in submission.answers.items():
        if code not in rows:
            continue
        question, options = rows[code]
        labels = {option.code: option.label for option in options}
        values = value if isinstance(value, list) else [value]
        summary.append((question.text, [labels.get(v, str(v)) for v in values]))
    return summary


# The one running verdict of a result, said the same in its care card and its running section.
RUNNING_VERDICTS = {
    scoring.STOP: _("Stop running for now."),
    scoring.MODIFY: _("You can keep running, but change how you run until it settles."),
    scoring.CONTINUE: _("You can keep running if the pain stays mild."),
}


# How well a likely cause fits, in the words the result page uses (never a percentage).
LIKELIHOOD_WORDS = {
    scoring.STRONG: _("Strong match"),
    scoring.POSSIBLE: _("Possible match"),
}


# Each result's page title starts with what to do, so a tab or a bookmark says it.
PAGE_TITLES = {
    scoring.EMERGENCY: _("Call 999 or go to A&E now"),
    scoring.URGENT: _("Get help today"),
    scoring.SOON: _("See a physiotherapist or GP soon"),
    scoring.SELF_CARE: _("Look after it yourself for now"),
}


def page_title(result):
    return PAGE_TITLES.get(result.disposition, PAGE_TITLES[scoring.EMERGENCY])


def running_verdict(result):
    return RUNNING_VERDICTS.get(result.running, RUNNING_VERDICTS[scoring.STOP])


WAIT_FOR_A_DOCTOR = _("Wait until a doctor has checked you.")
NEW_PAIN_REST = _(
    "Your pain is new. For the first few days, rest from running but keep moving gently, for "
    "example with short walks."
)
HOW_TO_RUN = {
    scoring.MODIFY: _(
        "Run shorter, easier and on the flat, and stop if the pain builds during a run or is "
        "worse the next day."
    ),
    scoring.CONTINUE: _(
        "Pain that stays mild during a run and has settled by the next day is usually fine. "
        "Ease off if it builds up, and stop if it changes how you run."
    ),
}


def running_advice(result):
    """Every sentence the result page's running section says after the verdict, in its order:
    the result page, the clinician summary and the FHIR bundle all read them from here. An
    emergency page has no running section (its care card says not to run)."""
    if result.disposition == scoring.EMERGENCY:
        return ()
    if result.running in HOW_TO_RUN:
        return (HOW_TO_RUN[result.running],)
    return (
        *([WAIT_FOR_A_DOCTOR] if result.disposition == scoring.URGENT else []),
        *result.running_reasons,
        *([NEW_PAIN_REST] if result.phase == scoring.ACUTE else []),
    )


# What to watch for and when to get help, as each result's care card says it.
SAFETY_NET = {
    scoring.URGENT: format_lazy(
        _("If you notice {signs}, call 999 or go to A&E now."), signs=emergency_signs_lazy()
    ),
    scoring.SOON: _(
        "If your pain gets much worse, or you notice any of the warning signs below, get help "
        "straight away."
    ),
    scoring.SELF_CARE: _(
        "See a physiotherapist or GP if it is not starting to improve after 2 weeks, if it gets "
        "worse, or if pain, pins and needles or numbness spread into your leg or further down it."
    ),
}


def result_context(submission, content=None):
    content = content or published_content(content_version())
    result = scoring.Result.from_dict(submission.result)
    matches = [(match, content.conditions.get(match.condition)) for match in result.conditions]
    flags = [flag for flag in content.red_flags if flag.slug in result.red_flags]
    context = {
        "submission": submission,
        "result": result,
        "page_title": page_title(result),
        "running_verdict": running_verdict(result),
        "running_advice": running_advice(result),
        "safety_net": SAFETY_NET.get(result.disposition, ""),
        "matches": [(match, condition) for match, condition in matches if condition],
        "red_flags": flags,
        "flags_say_what_to_tell": bool(flags) and all(flag.says_what_to_tell for flag in flags),
        "flags_say_what_the_card_says": bool(flags)
        and all(flag.says_what_the_emergency_card_says for flag in flags),
        "changes": [(reason, content.risk_factors.get(slug)) for reason, slug in result.changes],
        "answers": answer_summary(submission),
        "days": retention_days(),
        **red_flags_by_level(content.red_flags),  # a printed result carries them all
        **TEMPLATE_VOCABULARY,
    }
    if result.disposition in (scoring.SOON, scoring.SELF_CARE):
        shown = [condition for _, condition in context["matches"]]
        # A strong match that asks for an assessment holds the whole plan back, not only the
        # first: a close second can swap places with it on one more answer.
        assess_for = next(
            (
                condition
                for match, condition in context["matches"]
                if condition.assess_before_plan and match.likelihood == scoring.STRONG
            ),
            None,
        )
        now, later = exercise_plan(
            result,
            [condition.slug for condition in shown],
            candidates=content.candidates,
            size=submission.questionnaire.plan_size,
            assess_first=assess_for is not None,
        )
        context.update(
            plan_now=now,
            plan_later=later,
            assess_for=assess_for,
            sheet_url=sheet_url(submission, now, later),
        )
    return context


def short_label(question):
    """A question's short name for a compact list: its code, in words ("morning-stiffness" is
    "Morning stiffness"). Codes are the clinicians' own names for their questions."""
    return question.code.replace("-", " ").capitalize()


@dataclass(frozen=True)
class ClinicianAnswers:
    """The answers as a clinician reads them, in asking order.

    ``red_flags``: [(question text, [answers])] for the warning-sign answers whose rules fired
    toward an emergency, urgent or see-soon result. ``others``: [(short label, [answers])] for
    every other answer, except warning-sign questions answered with an option that can point to
    nothing (a plain "no"); ``all_others_no`` says every other warning-sign question asked was
    answered so, and ``answered_no`` lists those questions' texts (an emergency answer ends the
    questions, and the clinician needs to know which were asked before it). A number is shown
    as the person gave it, not as the band it falls in."""

    red_flags: list
    others: list
    all_others_no: bool
    answered_no: list


def clinician_answers(submission, rules):
    rows = question_rows(submission.questionnaire)
    answers = submission.answers
    fired = {effect for effect, _index in scoring.fired_effects(answers=answers, rules=rules)}
    chosen = {}
    for _index, code, choice in scoring.chosen_pairs(answers=answers, rules=rules):
        chosen.setdefault(code, []).append(choice)
    red_flags, others, all_others_no, answered_no = [], [], True, []
    for code, choices in chosen.items():
        if code not in rows:
            continue
        ask = rules.question(code)
        question, options = rows[code]
        labels = {option.code: option.label for option in options}
        number = ask.kind == scoring.NUMBER

        def shown(picked, number=number, code=code, labels=labels):
            if number:
                return [str(answers[code])]
            return [labels.get(choice.code, choice.code) for choice in picked]

        warning_sign = ask.section != SYMPTOMS
        raised = [
            choice
            for choice in choices
            if any(effect.disposition and effect in fired for effect in choice.effects)
        ]
        if warning_sign and raised:
            red_flags.append((question.text, shown(raised)))
        elif warning_sign and not number and not any(choice.effects for choice in choices):
            answered_no.append(question.text)
        else:
            if warning_sign and not number:
                all_others_no = False
            others.append((short_label(question), shown(choices)))
    return ClinicianAnswers(
        red_flags=red_flags, others=others, all_others_no=all_others_no, answered_no=answered_no
    )


def said_once(reasons):
    """[(text, [what follows])]: reasons that open with the same sentence ("You were not sure,
    so to be safe we have treated it as a yes.") as that sentence once, with the rest of each
    under it; any other reason as it is. Every word is kept, in the order first given."""
    openings = {}
    for reason in reasons:
        opening, _dot, rest = str(reason).partition(". ")
        openings.setdefault(f"{opening}." if rest else reason, []).append(rest or None)
    grouped = []
    for opening, rests in openings.items():
        if len(rests) > 1 and all(rests):
            grouped.append((opening, rests))
        else:
            grouped += [(f"{opening} {rest}" if rest else opening, []) for rest in rests]
    return grouped


def summary_context(submission, content=None):
    """The result page's context, with what the one-page clinician summary adds to it."""
    context = result_context(submission, content)
    context.update(
        urgency_label=Urgency(submission.disposition).label,
        likely=[
            (match, condition, LIKELIHOOD_WORDS[match.likelihood])
            for match, condition in context["matches"]
        ],
        why_said_once=said_once(context["result"].why),
        answers_read=clinician_answers(submission, rulebook_for(submission.questionnaire)),
        stopped_early=submission.disposition == scoring.EMERGENCY,
    )
    return context
