"""Questionnaire data: constraints that keep rules sane, one live version, safe tokens; on the
small questionnaire the factories build (``small_questionnaire``)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from conditions.models import Status
from tests.factories import ConditionFactory, QuestionFactory, QuestionnaireFactory
from triage.models import (
    Option,
    Question,
    Questionnaire,
    Rule,
    Submission,
    TriageTestCase,
    build_rulebook,
)
from triage.questionnaire.rulebooks import rule_changes_held, rulebook_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def option(live):
    return Option.objects.get(
        question__questionnaire=live, question__code="started", code="suddenly"
    )


def test_only_one_version_can_be_published(live):
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionnaireFactory(status=Status.PUBLISHED)


def test_rule_cannot_both_weigh_a_condition_and_force_a_disposition(option):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rule.objects.create(
            option=option,
            condition=ConditionFactory(),
            weight=2,
            forced_disposition="soon",
            reason="Both",
        )


def test_rule_weight_must_stay_within_the_documented_range(option):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rule.objects.create(option=option, condition=ConditionFactory(), weight=9, reason="x")


def test_rule_with_no_effect_is_refused(option):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rule.objects.create(option=option, reason="Does nothing")


def test_a_rule_that_rules_out_needs_a_condition(option):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rule.objects.create(option=option, rules_out=True, reason="Rules out nothing")


def test_a_rule_that_rules_out_cannot_also_weigh_the_condition(option):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rule.objects.create(
            option=option, condition=ConditionFactory(), weight=-3, rules_out=True, reason="x"
        )


def test_a_rule_that_rules_out_cannot_also_force_a_disposition(option):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rule.objects.create(option=option, rules_out=True, forced_disposition="soon", reason="x")


def test_a_rule_that_rules_a_condition_out_is_stored_with_weight_zero(option):
    rule = Rule.objects.create(
        option=option, condition=ConditionFactory(), rules_out=True, reason="Not at this age"
    )

    assert (rule.weight, rule.rules_out) == (0, True)


def test_an_answer_can_weigh_a_condition_alone_and_again_with_another_answer(live, option):
    condition = ConditionFactory()
    other = Option.objects.filter(question__questionnaire=live).exclude(question=option.question)
    Rule.objects.create(option=option, condition=condition, weight=1, reason="alone")
    Rule.objects.create(
        option=option, condition=condition, weight=2, only_with=other[0], reason="together"
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Rule.objects.create(
            option=option, condition=condition, weight=3, only_with=other[0], reason="again"
        )


def test_a_weight_that_needs_another_answer_has_its_own_natural_key(live, option):
    condition = ConditionFactory()
    other = Option.objects.filter(question__questionnaire=live).exclude(question=option.question)[0]
    alone = Rule.objects.create(option=option, condition=condition, weight=1, reason="alone")
    together = Rule.objects.create(
        option=option, condition=condition, weight=2, only_with=other, reason="together"
    )

    assert Rule.objects.get_by_natural_key(*alone.natural_key()) == alone
    assert Rule.objects.get_by_natural_key(*together.natural_key()) == together


def test_tokens_are_long_random_and_unique(live):
    first = Submission.objects.create(questionnaire=live, disposition="self_care")
    second = Submission.objects.create(questionnaire=live, disposition="self_care")

    assert len(first.token) >= 32
    assert first.token != second.token


def test_a_version_with_submissions_cannot_be_deleted(live):
    Submission.objects.create(questionnaire=live, disposition="self_care")

    with pytest.raises(IntegrityError), transaction.atomic():
        live.delete()


@pytest.mark.usefixtures("seed")
def test_loading_the_content_again_changes_no_questionnaire_row():
    # On the seed content: it is what load_content loads.
    models = [Questionnaire, Question, Option, Rule, TriageTestCase]
    before = [model.objects.count() for model in models]

    call_command("load_content", stdout=StringIO())

    assert [model.objects.count() for model in models] == before


def test_red_flag_questions_are_asked_first_emergency_then_urgent(draft):
    # Order numbers that alone would ask the emergency sign last and the urgent one first.
    QuestionFactory(questionnaire=draft, section=Question.Section.EMERGENCY, order=999)
    QuestionFactory(questionnaire=draft, section=Question.Section.URGENT, order=0)

    sections = [question.section for question in build_rulebook(draft).questions]

    assert sections == ["emergency"] * 2 + ["urgent"] * 2 + ["symptoms"] * 6


def test_editing_a_rule_rebuilds_the_cached_rule_book(live, option):
    before = rulebook_for(live)
    Rule.objects.filter(option=option).first().delete()

    live.refresh_from_db()

    assert rulebook_for(live) != before


def test_saving_an_option_read_with_its_question_marks_the_version_without_looking_it_up(
    live, option, django_assert_num_queries
):
    option = Option.objects.select_related("question").get(pk=option.pk)
    option.label = "All of a sudden"

    with django_assert_num_queries(2):  # the option's UPDATE and the version's
        option.save()


def test_edits_held_together_mark_their_version_once_at_the_end(
    live, option, django_assert_num_queries
):
    before = rulebook_for(live)
    rules = list(Rule.objects.filter(option=option).select_related("option__question"))

    with django_assert_num_queries(len(rules) + 1), rule_changes_held():
        for rule in rules:
            rule.reason = f"{rule.reason} (checked)"
            rule.save()

    live.refresh_from_db()
    assert rulebook_for(live) != before


def test_cached_rule_book_is_reused_while_nothing_changes(live, django_assert_num_queries):
    rulebook_for(live)

    with django_assert_num_queries(0):
        rulebook_for(live)


def test_building_a_rule_book_takes_a_fixed_number_of_queries(live, django_assert_num_queries):
    with django_assert_num_queries(3):
        build_rulebook(live)
