"""Turn a questionnaire version's rows into the plain data that ``triage.scoring`` works on.

A rule book is built once per version and kept in process memory, keyed by the version and its
``updated`` time. Saving or deleting a question, option or rule touches that time (see
``triage.apps``), so every app server sees an edit on its next request, with no shared cache.
"""

import logging
import time
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from core.caching import renew_shared_stamp, shared_stamp
from core.errors import DATABASE_DOWN
from triage import scoring
from triage.models import Option, Question, Questionnaire, Rule, TriageTestCase

logger = logging.getLogger(__name__)


def asking_order(question):
    """Red-flag questions first, emergency before urgent, whatever their order numbers."""
    return (scoring.SECTIONS.index(question.section), question.order, question.pk)


def build_rulebook(questionnaire):
    """Read one version's questions, options and rules (three queries) into a RuleBook."""
    rules = Rule.objects.select_related(
        "condition", "red_flag", "risk_factor", "only_with__question"
    )
    options = Option.objects.prefetch_related(Prefetch("rules", queryset=rules))
    questions = questionnaire.questions.select_related("show_if_option__question").prefetch_related(
        Prefetch("options", queryset=options)
    )
    asks = []
    for question in sorted(questions, key=asking_order):
        show_if = question.show_if_option
        asks.append(
            scoring.Ask(
                code=question.code,
                kind=question.kind,
                section=question.section,
                low=question.min_value,
                high=question.max_value,
                show_if=(show_if.question.code, show_if.code) if show_if else None,
                choices=tuple(
                    scoring.Choice(
                        code=option.code,
                        exclusive=option.exclusive,
                        low=option.min_value,
                        high=option.max_value,
                        phase=option.phase,
                        leg=option.leg_symptoms,
                        trait=option.trait,
                        effects=tuple(
                            effect(rule) for rule in option.rules.all() if runners_see(rule)
                        ),
                    )
                    for option in question.options.all()
                ),
            )
        )
    return scoring.RuleBook(
        version=questionnaire.version, threshold=questionnaire.threshold, questions=tuple(asks)
    )


def runners_see(rule):
    """A weight toward a condition that is not published counts for nothing, in results and
    in test cases alike: runners never see that condition."""
    return rule.condition is None or rule.condition.is_published


def effect(rule):
    return scoring.Effect(
        reason=rule.reason,
        condition=rule.condition.slug if rule.condition else "",
        weight=rule.weight,
        disposition=rule.forced_disposition,
        red_flag=rule.red_flag.slug if rule.red_flag else "",
        running=rule.running,
        risk_factor=rule.risk_factor.slug if rule.risk_factor else "",
        only_with=((rule.only_with.question.code, rule.only_with.code) if rule.only_with else None),
        rules_out=rule.rules_out,
    )


@lru_cache(maxsize=16)
def _cached(pk, version, stamp):
    return build_rulebook(Questionnaire.objects.get(pk=pk))


def rulebook_for(questionnaire):
    """The cached rule book for this version as it is now."""
    return _cached(questionnaire.pk, questionnaire.version, questionnaire.updated.isoformat())


@lru_cache(maxsize=16)
def _cached_rows(pk, version, stamp):
    questions = Question.objects.filter(questionnaire_id=pk).prefetch_related("options")
    return {question.code: (question, list(question.options.all())) for question in questions}


def question_rows(questionnaire):
    """{code: (question, [options])} for this version as it is now, kept in memory like the
    rule book, so a question page does not read them again on every request."""
    return _cached_rows(questionnaire.pk, questionnaire.version, questionnaire.updated.isoformat())


def _clear_caches():
    _cached.cache_clear()
    _cached_rows.cache_clear()


rulebook_for.cache_clear = _clear_caches


def mark_rules_changed(questionnaire_id):
    """Touch the version's updated time so cached rule books are rebuilt (no history row)."""
    Questionnaire.objects.filter(pk=questionnaire_id).update(updated=timezone.now())
    forget_live_questionnaire()


# The live version is kept in process memory, checked against a stamp in the shared cache; a
# save or delete of any version (a publish, say) changes the stamp. Where a walk's outcome is
# decided (starting a walk, working out a result) the stamp is read every time, so no walk
# starts on, and no result comes from, a version another server has replaced. The pages in
# between read it at most once every TRIAGE_LIVE_CHECK_SECONDS per process: a question page
# then costs no cache round trip, and a hung cache delays one request a second, not every one.
LIVE_STAMP_KEY = "triage-live-stamp"
_live = {"stamp": None, "questionnaire": None, "checked": float("-inf")}


def live_questionnaire(*, fresh=True):
    """The live version, or None. ``fresh=False`` accepts this process's copy if it was
    checked against the shared stamp within the last TRIAGE_LIVE_CHECK_SECONDS."""
    now = time.monotonic()
    recent = now - _live["checked"] < settings.TRIAGE_LIVE_CHECK_SECONDS
    if not fresh and recent and _live["stamp"] is not None:
        return _live["questionnaire"]
    stamp = shared_stamp(LIVE_STAMP_KEY)
    if stamp is None or stamp != _live["stamp"]:
        try:
            _live["questionnaire"] = Questionnaire.objects.live()
        except DATABASE_DOWN:
            if _live["questionnaire"] is None:
                raise
            # The database is away: carry on with this server's copy (nothing can be
            # published meanwhile) and read it again on the next check.
            logger.warning("live questionnaire read from memory: the database is unreachable")
            return _live["questionnaire"]
        _live["stamp"] = stamp
    _live["checked"] = now
    return _live["questionnaire"]


def reset_live_questionnaire():
    _live["stamp"] = None
    renew_shared_stamp(LIVE_STAMP_KEY)


def forget_live_questionnaire(**kwargs):
    """Signal receiver: now, and again once the change is committed (so that no server can
    remember the old version under the new stamp)."""
    reset_live_questionnaire()
    transaction.on_commit(reset_live_questionnaire)


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
