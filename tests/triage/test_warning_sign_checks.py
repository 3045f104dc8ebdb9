"""A version cannot go live with unsafe warning-sign rules, whatever its test cases say: an
"I'm not sure" answer less urgent than the yes it stands for, or an emergency or urgent answer
with no red flag to tell the runner what to do. Swept over every warning-sign question of the
shipped questionnaire, in a draft copied from it."""

import pytest

from conditions.urgency import Urgency
from editorial import workflow
from triage.models import Option, Rule
from triage.questionnaire import warning_sign_checks
from triage.questionnaire.versions import copy_as_draft
from triage.questionnaire.warning_sign_checks import UNSURE

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_draft(seed_live):
    return copy_as_draft(seed_live)


def unsure_rules(questionnaire):
    return Rule.objects.filter(
        option__question__questionnaire=questionnaire, option__code=UNSURE
    ).exclude(forced_disposition="")


def test_the_shipped_version_and_a_fresh_copy_of_it_pass(seed_live, seed_draft):
    assert workflow.refusals(seed_live) == []
    assert workflow.refusals(seed_draft) == []


def test_every_not_sure_answer_made_less_urgent_is_refused_by_name(seed_draft):
    rules = list(unsure_rules(seed_draft).select_related("option__question"))
    assert len(rules) >= 10
    for rule in rules:
        Rule.objects.filter(pk=rule.pk).update(forced_disposition=Urgency.SOON, red_flag=None)

        problems = " ".join(workflow.refusals(seed_draft))

        assert f"On “{rule.option.question.text}”, “I'm not sure” must send" in problems
        Rule.objects.filter(pk=rule.pk).update(
            forced_disposition=rule.forced_disposition, red_flag=rule.red_flag_id
        )
    assert warning_sign_checks.refusals(seed_draft) == []  # each put back: nothing left


def test_a_not_sure_answer_that_forces_nothing_is_refused(seed_draft):
    rule = unsure_rules(seed_draft).select_related("option__question").first()
    rule.delete()

    problems = " ".join(workflow.refusals(seed_draft))

    assert f"On “{rule.option.question.text}”" in problems


def test_an_emergency_answer_without_its_red_flag_is_refused(seed_draft):
    rule = (
        Rule.objects.filter(
            option__question__questionnaire=seed_draft,
            option__code="yes",
            forced_disposition=Urgency.EMERGENCY,
        )
        .select_related("option__question")
        .first()
    )
    Rule.objects.filter(pk=rule.pk).update(red_flag=None)

    problems = " ".join(workflow.refusals(seed_draft))

    assert f"“Yes” to “{rule.option.question.text}” sends runners to" in problems
    assert "without a red flag" in problems


def test_a_more_urgent_not_sure_is_allowed(seed_draft):
    option = Option.objects.filter(question__questionnaire=seed_draft, code=UNSURE).first()
    rule = option.rules.exclude(forced_disposition="").get()
    if rule.forced_disposition == Urgency.URGENT:
        flag = Rule.objects.filter(forced_disposition=Urgency.EMERGENCY).first().red_flag
        Rule.objects.filter(pk=rule.pk).update(forced_disposition=Urgency.EMERGENCY, red_flag=flag)

    assert workflow.refusals(seed_draft) == []


def test_every_emergency_answer_made_urgent_beside_its_red_flag_is_refused_by_name(seed_draft):
    """An answer kept its emergency red flag but was set to send runners to 111: the result
    said "urgent" above a card saying call 999. Each such rule, made urgent in turn, is
    refused; each put back, nothing is. (A red flag on a less urgent rule the database refuses:
    ``triage_rule_red_flag_only_when_urgent``.)"""
    rules = list(
        Rule.objects.filter(
            option__question__questionnaire=seed_draft, red_flag__level=Urgency.EMERGENCY
        ).select_related("option__question", "red_flag")
    )
    assert len(rules) >= 5
    for rule in rules:
        Rule.objects.filter(pk=rule.pk).update(forced_disposition=Urgency.URGENT)

        problems = " ".join(warning_sign_checks.refusals(seed_draft))

        assert f"names the red flag “{rule.red_flag.sign}”" in problems, rule
        assert f"to “{rule.option.question.text}”" in problems
        Rule.objects.filter(pk=rule.pk).update(forced_disposition=rule.forced_disposition)
    assert warning_sign_checks.refusals(seed_draft) == []
