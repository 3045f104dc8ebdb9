"""Clinician test cases: each run against a version, failures in clinician words, natural
order, and the accuracy of a version over its cases.

``explain`` and ``summary`` are pure functions of plain data (outcomes, condition names);
``version_accuracy`` reads a version and the live one. Whether a case's answers fit its version
is ``triage.answer_checks``.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from conditions.models import Condition
from conditions.urgency import Urgency
from triage.engine import scoring
from triage.models import TriageTestCase
from triage.questionnaire.rulebooks import question_rows, rulebook_for

DISPOSITION_LABELS = dict(Urgency.choices)


def natural_key(name):
    """C2 before C10: runs of digits compare as numbers."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def case_dispositions(case):
    return tuple(d for d in (case.expected_disposition, case.alternative_disposition) if d)


def run_case(case, rules):
    """Check one clinician test case against a rule book."""
    return scoring.check_case(
        answers=case.answers,
        rules=rules,
        dispositions=case_dispositions(case),
        top_condition=case.expected_top_condition.slug if case.expected_top_condition else "",
        acceptable=tuple(condition.slug for condition in case.acceptable_top3.all()),
    )


def cases_of(questionnaire):
    return (
        TriageTestCase.objects.filter(questionnaire=questionnaire)
        .select_related("expected_top_condition")
        .prefetch_related("acceptable_top3")
    )


def condition_names(slugs=None):
    """{slug: name} of the live and new conditions, or only those with these slugs (one query)."""
    conditions = Condition.objects.filter(draft_of__isnull=True)
    if slugs is not None:
        conditions = conditions.filter(slug__in=slugs)
    return dict(conditions.values_list("slug", "name"))


def explain(
    outcome, *, expected_dispositions, expected_top, acceptable, scores, names, ruled_out=None
):
    """Why a case fails, in clinician words, e.g. "expected Disc bulge first; got Piriformis
    syndrome, 11 points against 9". ``ruled_out``: {condition slug: [the labels of the answers
    that rule it out]}."""
    result = outcome.result

    def name(slug):
        return names.get(slug, slug) if slug else _("no condition")

    excluded_by = (ruled_out or {}).get(expected_top)

    reasons = []
    if result.disposition not in expected_dispositions:
        reasons.append(
            _("expected “%(expected)s”; got “%(got)s”")
            % {
                "expected": _("” or “").join(
                    str(DISPOSITION_LABELS[d]) for d in expected_dispositions
                ),
                "got": DISPOSITION_LABELS[result.disposition],
            }
        )
    if result.top_condition != expected_top:
        if expected_top and excluded_by:
            reasons.append(
                _(
                    "expected %(expected)s first; it is ruled out by the answer %(answers)s; got %(got)s"
                )
                % {
                    "expected": name(expected_top),
                    "answers": _(" and ").join(f"“{label}”" for label in excluded_by),
                    "got": name(result.top_condition),
                }
            )
        elif result.top_condition and expected_top:
            reasons.append(
                _("expected %(expected)s first; got %(got)s, %(points)s points against %(other)s")
                % {
                    "expected": name(expected_top),
                    "got": name(result.top_condition),
                    "points": scores.get(result.top_condition, 0),
                    "other": scores.get(expected_top, 0),
                }
            )
        elif expected_top:
            reasons.append(
                _(
                    "expected %(expected)s first; no condition reached the threshold (it scored %(points)s)"
                )
                % {"expected": name(expected_top), "points": scores.get(expected_top, 0)}
            )
        else:
            reasons.append(
                _("expected no condition; got %(got)s with %(points)s points")
                % {"got": name(result.top_condition), "points": scores.get(result.top_condition, 0)}
            )
    if acceptable:
        allowed = {*acceptable, expected_top}
        unexpected = [m.condition for m in result.conditions if m.condition not in allowed]
        if unexpected:
            reasons.append(
                _("the top three also has %(names)s, not among the acceptable ones")
                % {"names": ", ".join(name(slug) for slug in unexpected)}
            )
    return reasons


def summary(result, names):
    """An outcome in one line: urgency, then the condition shown first."""
    first = names.get(result.top_condition, result.top_condition) or _("no condition")
    return f"{DISPOSITION_LABELS[result.disposition]}; {first}"


@dataclass(frozen=True)
class CaseReport:
    case: object
    outcome: scoring.CaseOutcome
    scores: dict
    reasons: tuple
    top_three: tuple  # ((condition name, points), …)
    summary: str
    live: scoring.CaseOutcome | None = None
    live_summary: str = ""

    @property
    def actual_disposition(self):
        return DISPOSITION_LABELS[self.outcome.result.disposition]

    @property
    def top1(self):
        return self.outcome.result.top_condition == self.expected_top

    @property
    def top3(self):
        shown = [m.condition for m in self.outcome.result.conditions]
        return self.expected_top in shown if self.expected_top else not shown

    @property
    def expected_top(self):
        return self.case.expected_top_condition.slug if self.case.expected_top_condition else ""

    @property
    def changes_from_live(self):
        """True when the live version gives this case a different outcome."""
        if self.live is None:
            return False
        mine, live = self.outcome.result, self.live.result
        return (
            mine.disposition != live.disposition
            or mine.top_condition != live.top_condition
            or self.outcome.passed != self.live.passed
        )


@dataclass(frozen=True)
class Accuracy:
    reports: list

    @property
    def total(self):
        return len(self.reports)

    def share(self, test):
        return sum(1 for report in self.reports if test(report)), self.total

    @property
    def passed(self):
        return self.share(lambda report: report.outcome.passed)

    @property
    def top1(self):
        return self.share(lambda report: report.top1)

    @property
    def top3(self):
        return self.share(lambda report: report.top3)

    @property
    def dispositions(self):
        return self.share(
            lambda report: (
                report.outcome.result.disposition
                in (report.case.expected_disposition, report.case.alternative_disposition)
            )
        )

    @property
    def changed(self):
        return [report for report in self.reports if report.changes_from_live]


def answer_labels(questionnaire):
    """{(question code, option code): the option's label} of one version."""
    return {
        (code, option.code): option.label
        for code, (_question, options) in question_rows(questionnaire).items()
        for option in options
    }


def report_for(case, rules, names, live_rules=None, labels=None):
    outcome = run_case(case, rules)
    answers = case.answers if isinstance(case.answers, dict) else {}
    scores = scoring.condition_scores(answers=answers, rules=rules)
    acceptable = tuple(condition.slug for condition in case.acceptable_top3.all())
    expected_top = case.expected_top_condition.slug if case.expected_top_condition else ""
    reasons = ()
    if not outcome.passed:
        reasons = tuple(
            explain(
                outcome,
                expected_dispositions=tuple(
                    d for d in (case.expected_disposition, case.alternative_disposition) if d
                ),
                expected_top=expected_top,
                acceptable=acceptable,
                scores=scores,
                names=names,
                ruled_out={
                    slug: [(labels or {}).get(answer, answer[1]) for answer in answers_out]
                    for slug, answers_out in scoring.ruled_out_by(
                        answers=answers, rules=rules
                    ).items()
                },
            )
        )
    live = run_case(case, live_rules) if live_rules is not None else None
    return CaseReport(
        case=case,
        outcome=outcome,
        scores=scores,
        reasons=reasons,
        top_three=tuple(
            (names.get(m.condition, m.condition), m.score) for m in outcome.result.conditions
        ),
        summary=summary(outcome.result, names),
        live=live,
        live_summary=summary(live.result, names) if live else "",
    )


def failing_cases(questionnaire):
    """[CaseReport] of every test case of this version that fails."""
    return [r for r in version_accuracy(questionnaire).reports if not r.outcome.passed]


def version_accuracy(questionnaire, live=None):
    """The accuracy of one version over its own test cases, compared with ``live`` when it is
    another version."""
    rules = rulebook_for(questionnaire)
    live_rules = rulebook_for(live) if live is not None and live.pk != questionnaire.pk else None
    cases = sorted(cases_of(questionnaire), key=lambda case: natural_key(case.name))
    names, labels = condition_names(), answer_labels(questionnaire)
    return Accuracy(reports=[report_for(case, rules, names, live_rules, labels) for case in cases])
