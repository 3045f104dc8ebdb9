"""What one questionnaire version changes against another, in the words clinicians use.

``outline`` reads a version into plain dicts keyed by codes (three queries); ``compare`` is a
pure function of two outlines. Questions are matched by code, options by question and option
code, and rules by option and effect (the condition a weight is toward, the forced disposition,
the running advice), so a copied version compares equal to its original.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from conditions.urgency import Urgency
from triage.models import Option, Question, Rule, RunningEffect

DISPOSITION_LABELS = dict(Urgency.choices)
RUNNING_LABELS = dict(RunningEffect.choices)


@dataclass(frozen=True)
class Outline:
    questions: dict = field(default_factory=dict)  # code: text
    options: dict = field(default_factory=dict)  # (question code, option code): label
    effects: dict = field(default_factory=dict)  # (question, option, effect key): value
    names: dict = field(default_factory=dict)  # effect key: what the effect is about


def effect_key(rule):
    if rule.condition_id:
        return ("weight", rule.condition.slug)
    if rule.forced_disposition:
        return ("disposition", "")
    return ("running", "")


def effect_value(rule):
    if rule.condition_id:
        return rule.weight
    return rule.forced_disposition or rule.running


def effect_name(rule):
    if rule.condition_id:
        return rule.condition.name
    return _("Forced disposition") if rule.forced_disposition else _("Running advice")


def outline(questionnaire):
    if questionnaire is None:
        return Outline()
    questions = Question.objects.filter(questionnaire=questionnaire).only("code", "text")
    options = Option.objects.filter(question__questionnaire=questionnaire).select_related(
        "question"
    )
    rules = Rule.objects.filter(option__question__questionnaire=questionnaire).select_related(
        "option__question", "condition"
    )
    result = Outline(
        questions={question.code: question.text for question in questions},
        options={(option.question.code, option.code): option.label for option in options},
    )
    for rule in rules:
        key = (rule.option.question.code, rule.option.code, effect_key(rule))
        result.effects[key] = effect_value(rule)
        result.names[effect_key(rule)] = effect_name(rule)
    return result


@dataclass(frozen=True)
class Change:
    """One line of the comparison: what it is about, and the value before and after."""

    kind: str  # "question", "option" or "rule"
    what: str
    before: str = ""
    after: str = ""


def shown(key, value):
    kind, _about = key
    if kind == "weight":
        return f"{value:+d}"
    if kind == "disposition":
        return str(DISPOSITION_LABELS.get(value, value))
    return str(RUNNING_LABELS.get(value, value))


def compare(old, new):
    """[Change] from ``old`` to ``new``: questions, options and rules added, removed or
    changed, in a stable order."""
    changes = []
    for code in sorted(old.questions.keys() | new.questions.keys()):
        before, after = old.questions.get(code, ""), new.questions.get(code, "")
        if before != after:
            changes.append(Change("question", after or before, before, after))
    for key in sorted(old.options.keys() | new.options.keys()):
        before, after = old.options.get(key, ""), new.options.get(key, "")
        if before != after:
            question = new.questions.get(key[0]) or old.questions.get(key[0], key[0])
            changes.append(Change("option", f"{question} → {after or before}", before, after))
    names = {**old.names, **new.names}
    for key in sorted(old.effects.keys() | new.effects.keys()):
        before, after = old.effects.get(key), new.effects.get(key)
        if before == after:
            continue
        question_code, option_code, effect = key
        question = new.questions.get(question_code) or old.questions.get(question_code, "")
        option = new.options.get(key[:2]) or old.options.get(key[:2], option_code)
        changes.append(
            Change(
                "rule",
                f"{question} → {option}: {names.get(effect, effect[1])}",
                shown(effect, before) if before is not None else "",
                shown(effect, after) if after is not None else "",
            )
        )
    return changes
