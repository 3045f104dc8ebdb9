"""The rules grid: every rule of a version on one page, editable in place on a draft only; on
the small questionnaire the factories build (``small_questionnaire``) and a draft copied from it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conditions.clinicians import make_editor, make_reviewer
from tests.editorial.forms import form_from_page
from tests.triage.authoring import a_weight_rule, cell, grid_url, rules_of
from triage.grid import build_grid
from triage.models import Option, Rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_editing_one_weight_on_a_draft_changes_that_rule_only(editor_client, draft):
    rule = a_weight_rule(draft)
    before = rules_of(draft)
    new_weight = 2 if rule.weight != 2 else 3

    response = editor_client.post(
        grid_url(draft), form_from_page(editor_client, grid_url(draft), **{cell(rule): new_weight})
    )

    assert response.status_code == 302
    after = rules_of(draft)
    key = (rule.option.question.code, rule.option.code, rule.condition.slug, "", "")
    assert after[key] == (new_weight, rule.reason)
    assert {k: v for k, v in after.items() if k != key} == {
        k: v for k, v in before.items() if k != key
    }


def test_the_live_grid_shows_no_inputs_and_refuses_edits(editor_client, live):
    rule = a_weight_rule(live)
    page = editor_client.get(grid_url(live)).content.decode()
    before = rules_of(live)

    response = editor_client.post(
        grid_url(live), {"stamp": str(live.edit_version), cell(rule): "1"}
    )

    assert 'type="number"' not in page
    assert "Start a new draft from the live version" in page
    assert response.status_code == 409
    assert rules_of(live) == before


def test_the_grid_labels_rows_and_columns_in_clinician_words_and_codes_only_on_request(
    editor_client, draft
):
    rule = a_weight_rule(draft)

    plain = editor_client.get(grid_url(draft)).content.decode()
    with_codes = editor_client.get(grid_url(draft) + "?codes=1").content.decode()

    for words in (rule.option.question.text, rule.option.label, rule.condition.name):
        assert words in plain
    assert f"<code>{rule.option.question.code}</code>" not in plain
    assert f"<code>{rule.option.question.code}</code>" in with_codes


def test_clearing_a_weight_removes_that_rule_and_a_new_weight_adds_one(editor_client, draft):
    rule = a_weight_rule(draft)
    empty = next(
        (row.option, condition)
        for _question, rows in build_grid(draft).sections
        for row in rows
        for condition, existing in row.weights
        if existing is None and row.option.pk != rule.option_id
    )
    option, condition = empty
    data = form_from_page(
        editor_client, grid_url(draft), **{cell(rule): "", f"w-{option.pk}-{condition.pk}": "-2"}
    )

    editor_client.post(grid_url(draft), data)

    assert not Rule.objects.filter(pk=rule.pk).exists()
    added = Rule.objects.get(option=option, condition=condition)
    assert added.weight == -2
    assert added.reason


@pytest.mark.parametrize("bad", ["9", "-6", "two", "1\x00", "\x07"])
def test_a_bad_weight_is_refused_with_a_message_and_nothing_is_stored(editor_client, draft, bad):
    first, second = Rule.objects.filter(
        option__question__questionnaire=draft, condition__isnull=False
    ).order_by("pk")[:2]
    before = rules_of(draft)
    data = form_from_page(
        editor_client,
        grid_url(draft),
        **{cell(first): 5 if first.weight != 5 else 4, cell(second): bad},
    )

    response = editor_client.post(grid_url(draft), data)

    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert rules_of(draft) == before


@pytest.mark.parametrize("bad", ["9", "-6"])
def test_a_weight_out_of_range_says_which_numbers_fit(editor_client, draft, bad):
    rule = a_weight_rule(draft)
    data = form_from_page(editor_client, grid_url(draft), **{cell(rule): bad})

    page = editor_client.post(grid_url(draft), data).content.decode()

    assert "Use a whole number from -5 to +5." in page


def test_a_grid_opened_before_someone_else_saved_is_refused_and_stores_nothing(
    editor_client, draft
):
    first, second = Rule.objects.filter(
        option__question__questionnaire=draft, condition__isnull=False
    ).order_by("pk")[:2]
    stale_form = form_from_page(
        editor_client, grid_url(draft), **{cell(first): 1 if first.weight != 1 else 2}
    )
    other = form_from_page(editor_client, grid_url(draft), **{cell(second): -1})
    editor_client.post(grid_url(draft), other)
    after_other = rules_of(draft)

    response = editor_client.post(grid_url(draft), stale_form)

    page = response.content.decode()
    assert response.status_code == 409
    assert "This was saved after you opened it" in page
    assert f"They changed: Question “{second.option.question.code}”" in page
    assert f'name="{cell(first)}" value="{stale_form[cell(first)]}"' in page  # typed, kept
    assert rules_of(draft) == after_other


def test_the_forced_disposition_and_running_advice_are_edited_in_the_grid(editor_client, draft):
    option = Option.objects.filter(question__questionnaire=draft, rules__isnull=True).first()
    data = form_from_page(
        editor_client, grid_url(draft), **{f"d-{option.pk}": "soon", f"r-{option.pk}": "modify"}
    )

    editor_client.post(grid_url(draft), data)

    assert set(option.rules.values_list("forced_disposition", "running")) == {
        ("soon", ""),
        ("", "modify"),
    }


def test_most_each_condition_can_score_adds_the_best_answer_of_each_question(small, draft):
    grid = build_grid(draft)
    index = grid.conditions.index(small.likely)
    expected = 0
    for question, rows in grid.sections:
        weights = [row.weights[index][1].weight for row in rows if row.weights[index][1]]
        positives = [w for w in weights if w > 0]
        expected += sum(positives) if question.kind == "multiple" else max(positives, default=0)

    assert expected == 4 + 3 + 2  # started suddenly; worse bending and coughing
    assert grid.most_each_can_score()[index] == (small.likely, expected)


def test_the_grid_costs_the_same_queries_however_many_rules_it_has(client, draft):
    client.force_login(make_reviewer())
    with CaptureQueriesContext(connection) as few:
        client.get(grid_url(draft))
    question = draft.questions.order_by("pk").first()
    condition = a_weight_rule(draft).condition
    for n in range(20):
        option = Option.objects.create(question=question, order=100 + n, code=f"x{n}", label="X")
        Rule.objects.create(option=option, condition=condition, weight=1, reason="x")
    draft.refresh_from_db()

    with CaptureQueriesContext(connection) as many:
        client.get(grid_url(draft))

    assert len(many) == len(few)
