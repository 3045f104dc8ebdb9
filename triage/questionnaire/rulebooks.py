"""A questionnaire version's rule book (``triage.models.build_rulebook``) and its question rows,
kept in process memory.

Each is built once per version, keyed by the version and its ``updated`` time. Saving or
deleting a question, option or rule touches that time (see ``triage.apps``), so every app server
sees an edit on its next request, with no shared cache.
"""

from contextlib import contextmanager
from functools import lru_cache
from threading import local

from django.utils import timezone

from triage.models import Option, Question, Questionnaire, Rule, build_rulebook
from triage.questionnaire.live_version import forget_live_questionnaire


def _key(questionnaire):
    return questionnaire.pk, questionnaire.version, questionnaire.updated.isoformat()


# (rule book, question rows) by key, taken from the shared copy of the live version by a process
# that started while the database was away (``live_version.take_shared_copy``).
_adopted = {}


def adopt(questionnaire, rulebook, rows):
    _adopted[_key(questionnaire)] = (rulebook, rows)


@lru_cache(maxsize=16)
def _cached(pk, version, stamp):
    return build_rulebook(Questionnaire.objects.get(pk=pk))


def rulebook_for(questionnaire):
    """The cached rule book for this version as it is now."""
    key = _key(questionnaire)
    return _adopted[key][0] if key in _adopted else _cached(*key)


@lru_cache(maxsize=16)
def _cached_rows(pk, version, stamp):
    questions = Question.objects.filter(questionnaire_id=pk).prefetch_related("options")
    return {question.code: (question, list(question.options.all())) for question in questions}


def question_rows(questionnaire):
    """{code: (question, [options])} for this version as it is now, kept in memory like the
    rule book, so a question page does not read them again on every request."""
    key = _key(questionnaire)
    return _adopted[key][1] if key in _adopted else _cached_rows(*key)


def _clear_caches():
    _cached.cache_clear()
    _cached_rows.cache_clear()
    _adopted.clear()


rulebook_for.cache_clear = _clear_caches


_held = local()


def mark_rules_changed(questionnaire_id):
    """Touch the version's updated time so cached rule books are rebuilt (no history row)."""
    held = getattr(_held, "ids", None)
    if held is not None:
        held.add(questionnaire_id)
        return
    Questionnaire.objects.filter(pk=questionnaire_id).update(updated=timezone.now())
    forget_live_questionnaire()


@contextmanager
def rule_changes_held():
    """Within it, edits mark each version they touch once, at the end, instead of once per
    saved row (a copied version saves every question, option and rule it has)."""
    if getattr(_held, "ids", None) is not None:
        yield
        return
    _held.ids = set()
    try:
        yield
    finally:
        touched, _held.ids = _held.ids, None
        for questionnaire_id in touched:
            mark_rules_changed(questionnaire_id)


def _cached_parent(instance, descriptor):
    """The row a foreign key points to when it is already in memory (no query), else None."""
    if not descriptor.is_cached(instance):
        return None
    parent = descriptor.__get__(instance)
    return (
        parent
        if parent is not None and parent.pk == descriptor.field.value_from_object(instance)
        else None
    )


def questionnaire_id_of(instance):
    """The questionnaire a question, option or rule belongs to (None once it is gone)."""
    if isinstance(instance, Question):
        return instance.questionnaire_id
    if isinstance(instance, Option):
        question = _cached_parent(instance, Option.question)
        if question is not None:
            return question.questionnaire_id
        return (
            Question.objects.filter(pk=instance.question_id)
            .values_list("questionnaire_id", flat=True)
            .first()
        )
    option = _cached_parent(instance, Rule.option)
    if option is not None:
        return questionnaire_id_of(option)
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
