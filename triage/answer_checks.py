"""Whether stored answers fit a questionnaire version's rule book: unknown questions, unknown
options, numbers out of range, the wrong kind of answer (a clinician test case's answers, say)."""

import unicodedata

from django.utils.translation import gettext as _

from triage.engine import scoring


def has_control_characters(value):
    return any(unicodedata.category(char) == "Cc" for char in str(value))


def answer_problems(answers, rules):
    """[message] for every answer that does not fit this version: unknown questions, unknown
    options, numbers out of range, the wrong kind of answer. Empty when all fit."""
    if not isinstance(answers, dict):
        return [_("Answers must be a set of question and answer pairs.")]
    problems = []
    for code, value in answers.items():
        if has_control_characters(code) or has_control_characters(value):
            problems.append(_("Answers cannot contain control characters."))
            continue
        question = rules.question(code)
        if question is None:
            problems.append(_("There is no question “%(code)s” in this version.") % {"code": code})
            continue
        problems.extend(value_problems(question, value))
    return problems


def value_problems(question, value):
    if question.kind == scoring.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int):
            return [_("The answer to “%(code)s” must be a whole number.") % {"code": question.code}]
        if not scoring.chosen(question, value):
            return [
                _("%(value)s is outside the answers question “%(code)s” accepts.")
                % {"value": value, "code": question.code}
            ]
        return []
    values = value if question.kind == scoring.MULTIPLE and isinstance(value, list) else [value]
    if question.kind != scoring.MULTIPLE and isinstance(value, list):
        return [_("Question “%(code)s” takes one answer.") % {"code": question.code}]
    known = {choice.code for choice in question.choices}
    return [
        _("Question “%(code)s” has no answer “%(value)s”.") % {"code": question.code, "value": item}
        for item in values
        if item not in known
    ]
