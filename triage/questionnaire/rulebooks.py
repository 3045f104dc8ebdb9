"""A questionnaire version's rule book (``triage.models.build_rulebook``) and its question rows,
kept in process memory.

Each is built once per version, keyed by the version and its ``updated`` time. Saving or
deleting a question, option or rule touches that time (see ``triage.apps``), so every app server
sees an edit on its next request, with no shared cache.
"""

from functools import lru_cache

from django.utils import timezone

from triage.models import Option, Question, Questionnaire, build_rulebook
from triage.questionnaire.live_version import forget_live_questionnaire


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


def questionnaire_id_of(instance):
    """The questionnaire a question, option or rule belongs to (None once it is gone)."""
    if isinstance(instance, Question):
        return instance.questionnaire_id
    if isinstance(instance, Option):
        return (
            Question.objects.filter(pk=instance.question_id)
            .values_list("questionnaire_id", flat=True)
            .first()
        )
    return (
        Option.objects.filter(pk=instance.option_id)
        .values_list("question__questionnaire_id", flat=True)
        .first()
    )


def rules_changed(sender, instance, raw=False, **kwargs):
    """Any edit to a version's questions, options or rules makes its cached rule book stale."""
    if raw:
        return
    questionnaire_id = questionnaire_id_of(instance)
    if questionnaire_id is not None:
        mark_rules_changed(questionnaire_id)
