"""Test cases are written with the questionnaire's own questions and options, checked against
their version, listed in natural order, and explained in clinician words when they fail; on a
draft copied from the small questionnaire the factories build (``small_questionnaire``)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.editorial.clinicians import make_editor
from tests.factories import TriageTestCaseFactory
from triage.engine import scoring
from triage.models import TriageTestCase
from triage.questionnaire.cases import explain, natural_key
from triage.questionnaire.rulebooks import rulebook_for

pytestmark = pytest.mark.django_db

ADD = reverse("admin:triage_triagetestcase_add")


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def first_single_question(questionnaire):
    return next(q for q in rulebook_for(questionnaire).questions if q.kind == "single")


def test_the_form_shows_each_question_with_its_options_not_json(editor_client, draft):
    question = draft.questions.filter(kind="multiple").first()
    option = question.options.first()

    page = editor_client.get(f"{ADD}?questionnaire={draft.pk}").content.decode()

    assert question.text in page
    assert option.label in page
    assert f'type="checkbox" name="answer__{question.code}" value="{option.code}"' in page
    assert 'name="answers"' not in page


def test_answers_chosen_in_the_form_are_stored_by_code(editor_client, draft):
    question = first_single_question(draft)
    option = question.choices[0].code

    response = editor_client.post(
        f"{ADD}?questionnaire={draft.pk}",
        {
            "questionnaire": draft.pk,
            "name": "C50 from the form",
            "expected_disposition": "self_care",
            f"answer__{question.code}": option,
        },
    )

    assert response.status_code == 302
    assert TriageTestCase.objects.get(name="C50 from the form").answers == {question.code: option}


@pytest.mark.parametrize("value", ["not-an-option", "x\x00y"])
def test_an_answer_that_is_not_an_option_is_refused_and_nothing_is_stored(
    editor_client, draft, value
):
    question = first_single_question(draft)
    count = TriageTestCase.objects.count()

    response = editor_client.post(
        f"{ADD}?questionnaire={draft.pk}",
        {
            "questionnaire": draft.pk,
            "name": "C51",
            "expected_disposition": "self_care",
            f"answer__{question.code}": value,
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert TriageTestCase.objects.count() == count


def test_a_name_with_a_nul_character_is_refused_not_a_server_error(editor_client, draft):
    response = editor_client.post(
        f"{ADD}?questionnaire={draft.pk}",
        {"questionnaire": draft.pk, "name": "C\x0052", "expected_disposition": "self_care"},
    )

    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()


def test_unknown_codes_in_stored_answers_are_refused_with_a_clear_message(draft):
    case = TriageTestCase(
        questionnaire=draft,
        name="C53",
        expected_disposition="self_care",
        answers={"sudden-weaknes": "yes"},
    )

    with pytest.raises(ValidationError) as refusal:
        case.full_clean()

    assert "There is no question “sudden-weaknes” in this version." in refusal.value.messages


def test_an_unknown_option_code_in_stored_answers_is_named(draft):
    question = first_single_question(draft)
    case = TriageTestCase(
        questionnaire=draft,
        name="C54",
        expected_disposition="self_care",
        answers={question.code: "suddenly-ish"},
    )

    with pytest.raises(ValidationError) as refusal:
        case.full_clean()

    assert f"Question “{question.code}” has no answer “suddenly-ish”." in refusal.value.messages


def test_cases_sort_in_natural_order():
    names = ["C10 b", "C2 a", "C1 c", "c11"]

    assert sorted(names, key=natural_key) == ["C1 c", "C2 a", "C10 b", "c11"]


def test_the_case_list_is_in_natural_order(editor_client, draft):
    TriageTestCaseFactory(questionnaire=draft, name="C10 a later case")
    TriageTestCaseFactory(questionnaire=draft, name="C2 an earlier case")

    page = editor_client.get(reverse("admin:triage_triagetestcase_changelist")).content.decode()

    assert page.index("C2 an earlier case") < page.index("C10 a later case")


def test_a_failure_is_explained_in_clinician_words():
    result = scoring.Result(
        disposition="soon",
        conditions=(
            scoring.Match("possible", 11, "strong", ()),
            scoring.Match("likely", 9, "strong", ()),
        ),
    )
    outcome = scoring.CaseOutcome(passed=False, result=result)

    reasons = explain(
        outcome,
        expected_dispositions=("soon",),
        expected_top="likely",
        acceptable=(),
        scores={"possible": 11, "likely": 9},
        names={"likely": "Likely condition", "possible": "Possible condition"},
    )

    assert reasons == [
        "expected Likely condition first; got Possible condition, 11 points against 9"
    ]


def test_a_wrong_urgency_is_explained_with_its_labels():
    outcome = scoring.CaseOutcome(passed=False, result=scoring.Result(disposition="self_care"))

    reasons = explain(
        outcome,
        expected_dispositions=("urgent",),
        expected_top="",
        acceptable=(),
        scores={},
        names={},
    )

    assert reasons == [
        "expected “Urgent: same-day GP appointment or NHS 111”; got “Look after it yourself”"
    ]
