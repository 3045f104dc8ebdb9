"""What a result page shows, read from a submission's stored snapshot and the published content.

The snapshot keeps slugs and reasons as they were when the person finished, so publishing a
new questionnaire version never changes a stored result; names, links and exercises come from
the published content as it is now.
"""

from urllib.parse import urlencode

from django.urls import reverse

from conditions.models import Condition, RedFlag, RiskFactor, Status
from conditions.urgency import Urgency
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
    """Every published link between these conditions and a published exercise."""
    links = ConditionExercise.objects.filter(
        condition__slug__in=slugs,
        condition__status=Status.PUBLISHED,
        exercise__status=Status.PUBLISHED,
    ).select_related("exercise", "condition")
    links = links.only(*PLAN_FIELDS)
    return [
        plans.Candidate(
            exercise=link.exercise.slug,
            condition=link.condition.slug,
            phase=plans.LINK_PHASES[link.phase],
            order=link.order,
            suitability=suitability(link.exercise),
            link=link,
        )
        for link in links
    ]


def exercise_plan(slugs, phase, leg):
    """(start now, add later): published exercises linked to the likely conditions that their
    own suitability allows for this person (see ``triage.plans``)."""
    now, later = plans.plan(
        candidates=plan_candidates(slugs),
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


def warning_signs():
    """Every published red flag, so a printed result carries them, not only a link."""
    flags = list(RedFlag.objects.published().only("sign", "level", "order"))
    return {
        "emergency_flags": [flag for flag in flags if flag.level == Urgency.EMERGENCY],
        "urgent_flags": [flag for flag in flags if flag.level == Urgency.URGENT],
    }


def result_context(submission):
    result = scoring.Result.from_dict(submission.result)
    slugs = [match.condition for match in result.conditions]
    conditions = Condition.objects.published().filter(slug__in=slugs).only("name", "slug")
    by_slug = {condition.slug: condition for condition in conditions}
    matches = [(match, by_slug.get(match.condition)) for match in result.conditions]
    factors = {
        factor.slug: factor
        for factor in RiskFactor.objects.published().filter(
            slug__in=[slug for _, slug in result.changes if slug]
        )
    }
    context = {
        "submission": submission,
        "result": result,
        "matches": [(match, condition) for match, condition in matches if condition],
        "red_flags": list(RedFlag.objects.published().filter(slug__in=result.red_flags)),
        "changes": [(reason, factors.get(slug)) for reason, slug in result.changes],
        "answers": answer_summary(submission),
        "days": retention_days(),
        **warning_signs(),
    }
    if result.disposition in (scoring.SOON, scoring.SELF_CARE):
        now, later = exercise_plan(
            [m.condition for m, _ in context["matches"]], result.phase, result.leg
        )
        context.update(
            plan_now=now,
            plan_later=later,
            sheet_url=sheet_url(now + later),
        )
    return context
