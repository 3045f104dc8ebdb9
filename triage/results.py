"""What a result page shows, read from a submission's stored snapshot and the published content.

The snapshot keeps slugs and reasons as they were when the person finished, so publishing a
new questionnaire version never changes a stored result; names, links and exercises come from
the published content as it is now.
"""

from urllib.parse import urlencode

from django.urls import reverse

from conditions.models import Condition, ConditionExercise, Phase, RedFlag, RiskFactor, Status
from triage import scoring
from triage.models import Option, Question

PLAN_SIZE = 6
PHASES = {
    scoring.ACUTE: (Phase.EARLY, Phase.RECOVERY),
    scoring.RECOVERING: (Phase.RECOVERY, Phase.PREVENTION),
}


def exercise_plan(slugs, phase):
    """(start now, add later): exercises linked to the likely conditions, best match first."""
    now_phase, later_phase = PHASES.get(phase, PHASES[scoring.ACUTE])
    links = ConditionExercise.objects.filter(
        condition__slug__in=slugs,
        condition__status=Status.PUBLISHED,
        exercise__status=Status.PUBLISHED,
        phase__in=[now_phase, later_phase],
    ).select_related("exercise", "condition")
    ranked = sorted(links, key=lambda link: (slugs.index(link.condition.slug), link.order))
    groups = {now_phase: [], later_phase: []}
    seen = set()
    for link in ranked:
        if link.exercise_id in seen or len(groups[link.phase]) >= PLAN_SIZE:
            continue
        seen.add(link.exercise_id)
        groups[link.phase].append(link)
    return groups[now_phase], groups[later_phase]


def sheet_url(links):
    query = urlencode([("e", link.exercise.slug) for link in links])
    return f"{reverse('exercises:sheet')}?{query}" if links else ""


def answer_summary(submission):
    """[(question text, [answer labels])] for the answers as given, for a clinician to read."""
    questions = {
        question.code: question
        for question in Question.objects.filter(questionnaire=submission.questionnaire_id)
    }
    labels = {
        (option.question.code, option.code): option.label
        for option in Option.objects.filter(
            question__questionnaire=submission.questionnaire_id
        ).select_related("question")
    }
    summary = []
    for code, value in submission.answers.items():
        if code not in questions:
            continue
        values = value if isinstance(value, list) else [value]
        summary.append((questions[code].text, [labels.get((code, v), str(v)) for v in values]))
    return summary


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
    }
    if result.disposition in (scoring.SOON, scoring.SELF_CARE):
        now, later = exercise_plan([m.condition for m, _ in context["matches"]], result.phase)
        context.update(
            plan_now=now,
            plan_later=later,
            sheet_url=sheet_url(now + later),
        )
    return context
