"""What a result page shows, read from a submission's stored snapshot and the published content.

The snapshot keeps slugs and reasons as they were when the person finished, so publishing a
new questionnaire version never changes a stored result; names, links and exercises come from
the published content as it is now.
"""

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conditions.caching import content_version
from conditions.models import Condition, RedFlag, RiskFactor
from conditions.urgency import Urgency
from editorial.models import live_q
from exercises.models import ConditionExercise
from triage import plans, scoring
from triage.models import retention_days
from triage.rulebook import question_rows


def suitability(exercise):
    return plans.Suitability(
        phases=frozenset(
            phase
            for phase, suits in (
                (plans.EARLY, exercise.for_early),
                (plans.SETTLING, exercise.for_settling),
                (plans.STRENGTHENING, exercise.for_strengthening),
            )
            if suits
        ),
        not_while_nerve_symptoms=exercise.not_while_nerve_symptoms,
        only_with_leg_symptoms=exercise.only_with_leg_symptoms,
    )


# What a plan needs of each link: the page lists the exercise's name and address and the link's
# reason; the plan itself reads the phases and suitability.
PLAN_FIELDS = (
    "phase",
    "order",
    "reason",
    "condition__slug",
    "exercise__name",
    "exercise__slug",
    "exercise__for_early",
    "exercise__for_settling",
    "exercise__for_strengthening",
    "exercise__not_while_nerve_symptoms",
    "exercise__only_with_leg_symptoms",
)


def plan_candidates(slugs):
    """Every link between these live conditions and a live exercise."""
    links = ConditionExercise.objects.filter(
        live_q("condition"), live_q("exercise"), condition__slug__in=slugs
    ).select_related("exercise", "condition")
    return [
        plans.Candidate(
            exercise=link.exercise.slug,
            condition=link.condition.slug,
            phase=plans.LINK_PHASES[link.phase],
            order=link.order,
            suitability=suitability(link.exercise),
            link=link,
        )
        for link in links.only(*PLAN_FIELDS)
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
        conditions = Condition.objects.live().only("name", "slug")
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
    """The published content, read once per content version (``conditions.caching``): any
    save of content changes the version, so a result page never names anything stale. Without
    a version (the cache unreachable) it is read afresh."""
    return PublishedContent.read() if version is None else _published_at(version)


def exercise_plan(slugs, phase, leg, *, candidates):
    """(start now, add later): published exercises linked to the likely conditions that their
    own suitability allows for this person (see ``triage.plans``)."""
    wanted = set(slugs)
    now, later = plans.plan(
        candidates=[c for c in candidates if c.condition in wanted],
        conditions=list(slugs),
        phase=plans.FROM_PAIN_PHASE.get(phase, plans.EARLY),
        leg=leg,
    )
    return [c.link for c in now], [c.link for c in later]


def sheet_url(links):
    query = urlencode([("e", link.exercise.slug) for link in links])
    return f"{reverse('exercises:sheet')}?{query}" if links else ""


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


def warning_signs(red_flags):
    """Every published red flag, so a printed result carries them, not only a link."""
    return {
        "emergency_flags": [flag for flag in red_flags if flag.level == Urgency.EMERGENCY],
        "urgent_flags": [flag for flag in red_flags if flag.level == Urgency.URGENT],
    }


# The one running verdict of a result, said the same in its care card and its running section.
RUNNING_VERDICTS = {
    scoring.STOP: _("Stop running for now."),
    scoring.MODIFY: _("You can keep running, but change how you run until it settles."),
    scoring.CONTINUE: _("You can keep running if the pain stays mild."),
}


def running_verdict(result):
    return RUNNING_VERDICTS.get(result.running, RUNNING_VERDICTS[scoring.STOP])


def result_context(submission, content=None):
    content = content or published_content(content_version())
    result = scoring.Result.from_dict(submission.result)
    matches = [(match, content.conditions.get(match.condition)) for match in result.conditions]
    context = {
        "submission": submission,
        "result": result,
        "running_verdict": running_verdict(result),
        "matches": [(match, condition) for match, condition in matches if condition],
        "red_flags": [flag for flag in content.red_flags if flag.slug in result.red_flags],
        "changes": [(reason, content.risk_factors.get(slug)) for reason, slug in result.changes],
        "answers": answer_summary(submission),
        "days": retention_days(),
        **warning_signs(content.red_flags),
    }
    if result.disposition in (scoring.SOON, scoring.SELF_CARE):
        now, later = exercise_plan(
            [m.condition for m, _ in context["matches"]],
            result.phase,
            result.leg,
            candidates=content.candidates,
        )
        context.update(
            plan_now=now,
            plan_later=later,
            sheet_url=sheet_url(now + later),
        )
    return context
