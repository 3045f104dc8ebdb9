"""The accuracy panel: per case pass or fail, expected against actual, top-1 and top-3 rates,
and the cases a draft changes against the live version; on a draft copied from the small
questionnaire the factories build (``small_questionnaire``), with two more test cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.editorial.clinicians import make_reviewer
from tests.factories import TriageTestCaseFactory
from tests.triage.authoring import a_weight_rule
from triage.engine import scoring
from triage.models import Rule, TriageTestCase
from triage.questionnaire.cases import case_dispositions, version_accuracy
from triage.questionnaire.rulebooks import rulebook_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def more_cases(small, draft):
    """Two more cases on the draft besides S1 (which expects ``likely``): one expecting
    ``possible``, one expecting no condition, named so that natural and string order differ."""
    TriageTestCaseFactory(
        questionnaire=draft,
        name="C2 slow start, worse leaning back and bending",
        answers={
            **small.answers,
            "years": 30,
            "started": "slowly",
            "aggravators": ["arching", "bending"],
            "leg-feelings": ["nothing"],
        },
        expected_top_condition=small.possible,
    )
    TriageTestCaseFactory(
        questionnaire=draft,
        name="C10 sudden weakness in both legs",
        answers={"sudden-weakness": "yes"},
        expected_disposition="emergency",
    )


def accuracy_url(questionnaire):
    return reverse("admin:triage_questionnaire_accuracy", args=[questionnaire.pk])


def independent_figures(questionnaire):
    """Passes, top-1 and top-3 counted straight from triage.engine.scoring."""
    rules = rulebook_for(questionnaire)
    passed = top1 = top3 = 0
    for case in questionnaire.test_cases.all():
        expected = case.expected_top_condition.slug if case.expected_top_condition else ""
        outcome = scoring.check_case(
            answers=case.answers,
            rules=rules,
            dispositions=case_dispositions(case),
            top_condition=expected,
            acceptable=tuple(c.slug for c in case.acceptable_top3.all()),
        )
        shown = [m.condition for m in outcome.result.conditions]
        passed += outcome.passed
        top1 += outcome.result.top_condition == expected
        top3 += (expected in shown) if expected else not shown
    return passed, top1, top3


def weaken_top_conditions(draft):
    """Every weight toward any condition becomes -1: cases expecting a condition now fail."""
    Rule.objects.filter(option__question__questionnaire=draft, condition__isnull=False).update(
        weight=-1
    )
    draft.save()


@pytest.mark.parametrize("broken", [False, True], ids=["as-copied", "weights-broken"])
def test_the_panels_figures_match_triage_scoring_on_the_same_cases(draft, more_cases, broken):
    if broken:
        weaken_top_conditions(draft)

    accuracy = version_accuracy(draft)

    passed, top1, top3 = independent_figures(draft)
    total = draft.test_cases.count()
    assert accuracy.passed == (passed, total)
    assert accuracy.top1 == (top1, total)
    assert accuracy.top3 == (top3, total)


def test_the_panel_lists_the_cases_whose_outcome_changes_against_live(live, draft, more_cases):
    weaken_top_conditions(draft)
    expecting_a_condition = {
        case.name for case in draft.test_cases.all() if case.expected_top_condition_id
    }

    changed = {report.case.name for report in version_accuracy(draft, live).changed}

    assert changed == expecting_a_condition


def test_an_unchanged_draft_changes_no_case(live, draft, more_cases):
    assert version_accuracy(draft, live).changed == []


def test_the_panel_page_shows_each_case_and_why_it_fails(client, draft, live, more_cases):
    client.force_login(make_reviewer())
    weaken_top_conditions(draft)

    page = client.get(accuracy_url(draft)).content.decode()

    assert "Cases whose outcome changes against live version" in page
    assert "no condition reached the threshold" in page
    assert page.index("C2 slow start") < page.index("C10 sudden weakness")


def test_the_panel_costs_the_same_queries_however_many_cases_it_has(client, draft):
    client.force_login(make_reviewer())
    client.get(accuracy_url(draft))
    with CaptureQueriesContext(connection) as few:
        client.get(accuracy_url(draft))
    template = draft.test_cases.first()
    for n in range(15):
        TriageTestCase.objects.create(
            questionnaire=draft,
            name=f"C{100 + n} copy",
            answers=template.answers,
            expected_disposition=template.expected_disposition,
            expected_top_condition=template.expected_top_condition,
        )

    with CaptureQueriesContext(connection) as many:
        client.get(accuracy_url(draft))

    assert len(many) == len(few)


def test_a_changed_weight_shows_on_the_panel_of_the_draft_only(client, live, draft):
    client.force_login(make_reviewer())
    rule = a_weight_rule(draft)
    rule.weight = -5
    rule.save()

    live_page = client.get(accuracy_url(live)).content.decode()

    assert "outcome differs from live" not in live_page


def test_a_case_whose_expected_condition_an_answer_rules_out_is_explained_by_that_answer(
    small, draft
):
    """It said "got Possible condition, 4 points against 9", as if 4 had beaten 9."""
    given = {
        (code, value)
        for code, answer in small.answers.items()
        for value in (answer if isinstance(answer, list) else [answer])
    }
    rule = next(
        rule
        for rule in Rule.objects.filter(
            option__question__questionnaire=draft, condition__slug=small.likely.slug
        ).select_related("option__question")
        if (rule.option.question.code, rule.option.code) in given
    )
    Rule.objects.filter(pk=rule.pk).update(rules_out=True, weight=0)
    rulebook_for.cache_clear()

    report = next(r for r in version_accuracy(draft).reports if not r.outcome.passed)

    assert report.reasons[0] == (
        f"expected Likely condition first; it is ruled out by the answer “{rule.option.label}”; "
        "got Possible condition"
    )
