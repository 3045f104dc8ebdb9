"""What a version's warning-sign rules must hold before it goes live, whatever its test cases
say (an editor can change an answer no case covers): "I'm not sure" counts as yes, so it is at
least as urgent as every other answer to its question; every emergency or urgent answer names
its red flag, whose advice tells the runner what to do and why; and an answer that names a red
flag sends runners at least as urgently as that red flag says (an "Urgent" rule naming an
emergency sign told runners to call 111 beside a card saying call 999).

Rules that fire only with another answer (``only_with``) are left out on both sides: they add
urgency to a combination, not to the answer itself."""

from django.utils.translation import gettext as _

from conditions.urgency import Urgency
from conditions.vocabulary import URGENCIES
from triage.models import Option, Rule

UNSURE = "not-sure"  # the option code of an "I'm not sure" answer
TELLS_WHAT_TO_DO = (Urgency.EMERGENCY, Urgency.URGENT)


def rank(disposition):
    """0 for the most urgent; an answer that forces nothing ranks after every disposition."""
    return URGENCIES.index(disposition) if disposition else len(URGENCIES)


def forced_rules(questionnaire):
    return (
        Rule.objects.filter(option__question__questionnaire=questionnaire, only_with__isnull=True)
        .exclude(forced_disposition="")
        .select_related("option__question")
        .order_by("option__question__order", "option__order", "pk")
    )


def refusals(questionnaire):
    """Why the version's warning-sign rules cannot go live ([] when they can)."""
    rules = list(forced_rules(questionnaire))
    return (
        red_flags_missing(rules)
        + below_their_red_flag(questionnaire)
        + unsure_below_yes(questionnaire, rules)
    )


def red_flags_missing(rules):
    return [
        _(
            "“%(answer)s” to “%(question)s” sends runners to %(urgency)s without a red flag, so "
            "the result would not say what to do or why: link its red flag on the rule's page."
        )
        % {
            "answer": rule.option.label,
            "question": rule.option.question.text,
            "urgency": Urgency(rule.forced_disposition).label,
        }
        for rule in rules
        if rule.forced_disposition in TELLS_WHAT_TO_DO and rule.red_flag_id is None
    ]


def below_their_red_flag(questionnaire):
    rules = (
        Rule.objects.filter(
            option__question__questionnaire=questionnaire,
            only_with__isnull=True,
            red_flag__isnull=False,
        )
        .select_related("option__question", "red_flag")
        .order_by("option__question__order", "option__order", "pk")
    )
    return [
        _(
            "“%(answer)s” to “%(question)s” names the red flag “%(sign)s”, which needs "
            "%(level)s, but sends runners to %(urgency)s: make the rule as urgent as its red "
            "flag."
        )
        % {
            "answer": rule.option.label,
            "question": rule.option.question.text,
            "sign": rule.red_flag.sign,
            "level": Urgency(rule.red_flag.level).label,
            "urgency": Urgency(rule.forced_disposition).label,
        }
        for rule in rules
        if rank(rule.forced_disposition) > rank(rule.red_flag.level)
    ]


def unsure_below_yes(questionnaire, rules):
    most_urgent = {}  # option pk: the most urgent disposition it forces
    for rule in rules:
        current = most_urgent.get(rule.option_id, "")
        if rank(rule.forced_disposition) < rank(current):
            most_urgent[rule.option_id] = rule.forced_disposition
    problems = []
    unsure_answers = (
        Option.objects.filter(question__questionnaire=questionnaire, code=UNSURE)
        .select_related("question")
        .prefetch_related("question__options")
    )
    for unsure in unsure_answers:
        others = [
            (option, most_urgent[option.pk])
            for option in unsure.question.options.all()
            if option.pk != unsure.pk and option.pk in most_urgent
        ]
        if not others:
            continue
        strongest, disposition = min(others, key=lambda pair: rank(pair[1]))
        if rank(most_urgent.get(unsure.pk, "")) > rank(disposition):
            problems.append(
                _(
                    "On “%(question)s”, “%(unsure)s” must send runners at least where "
                    "“%(answer)s” does (%(urgency)s): not being sure counts as yes."
                )
                % {
                    "question": unsure.question.text,
                    "unsure": unsure.label,
                    "answer": strongest.label,
                    "urgency": Urgency(disposition).label,
                }
            )
    return problems
