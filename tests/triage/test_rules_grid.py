"""The rules grid: every rule of a version on one page, editable in place on a draft only; on
the small questionnaire the factories build (``small_questionnaire``) and a draft copied from it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.editorial.clinicians import make_editor, make_reviewer
from tests.editorial.forms import form_from_page
from tests.triage.authoring import a_weight_rule, cell, grid_url, rules_of
from triage.authoring.grid import build_grid
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

    assert "Use a whole number from -5 to +5, or x to rule the condition out." in page


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


def test_a_refused_grid_marks_and_lists_the_boxes_that_differ_from_the_saved_grid(
    editor_client, draft
):
    """About 930 boxes and nothing said which were this clinician's (a fresh-eyes audit)."""
    mine, theirs, untouched = Rule.objects.filter(
        option__question__questionnaire=draft, condition__isnull=False
    ).order_by("pk")[:3]
    stale_form = form_from_page(
        editor_client, grid_url(draft), **{cell(mine): 1 if mine.weight != 1 else 2}
    )
    editor_client.post(
        grid_url(draft), form_from_page(editor_client, grid_url(draft), **{cell(theirs): -1})
    )

    page = editor_client.post(grid_url(draft), stale_form).content.decode()

    assert "Your grid differs from the one saved now in 2 boxes" in page
    marked = set(re.findall(r'class="weight[^"]*differs">\s*<input[^>]*name="([^"]+)"', page))
    assert marked == {cell(mine), cell(theirs)}
    listed = page.split('class="grid-differs"')[1].split("</div>")[0]
    assert mine.condition.name in listed and theirs.condition.name in listed
    assert cell(untouched) not in marked


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


def test_typing_x_in_a_cell_saves_a_rule_that_rules_the_condition_out(editor_client, draft):
    rule = a_weight_rule(draft)

    editor_client.post(
        grid_url(draft), form_from_page(editor_client, grid_url(draft), **{cell(rule): "x"})
    )

    rule.refresh_from_db()
    assert (rule.rules_out, rule.weight) == (True, 0)


def test_a_cell_that_rules_out_shows_x_and_says_so_in_words(editor_client, draft):
    rule = a_weight_rule(draft)
    Rule.objects.filter(pk=rule.pk).update(weight=0, rules_out=True)

    page = editor_client.get(grid_url(draft)).content.decode()

    assert f'name="{cell(rule)}" value="x"' in page
    assert "rules out</span>" in page


def test_the_live_grid_shows_a_rules_out_cell_as_a_cross_named_for_screen_readers(
    editor_client, live
):
    rule = a_weight_rule(live)
    Rule.objects.filter(pk=rule.pk).update(weight=0, rules_out=True)

    page = editor_client.get(grid_url(live)).content.decode()

    label = f"{rule.option.label} rules out {rule.condition.name}"
    assert f'<span role="img" aria-label="{label}">×</span>' in page


def test_a_number_typed_over_an_x_weighs_the_condition_again(editor_client, draft):
    rule = a_weight_rule(draft)
    Rule.objects.filter(pk=rule.pk).update(weight=0, rules_out=True)

    editor_client.post(
        grid_url(draft), form_from_page(editor_client, grid_url(draft), **{cell(rule): "-3"})
    )

    rule.refresh_from_db()
    assert (rule.rules_out, rule.weight) == (False, -3)


@pytest.mark.parametrize("bad", ["two", "xx", "1.5"])
def test_a_cell_that_is_neither_a_whole_number_nor_x_says_what_to_type(editor_client, draft, bad):
    rule = a_weight_rule(draft)
    data = form_from_page(editor_client, grid_url(draft), **{cell(rule): bad})

    page = editor_client.post(grid_url(draft), data).content.decode()

    assert "Use a whole number from -5 to +5, or x to rule the condition out." in page


def test_a_cell_that_rules_a_condition_out_adds_nothing_to_the_most_it_can_score(small, draft):
    index = build_grid(draft).conditions.index(small.likely)
    before = build_grid(draft).most_each_can_score()[index][1]
    rule = Rule.objects.filter(
        option__question__questionnaire=draft, condition=small.likely, weight__gt=0
    ).first()
    Rule.objects.filter(pk=rule.pk).update(weight=0, rules_out=True)

    assert build_grid(draft).most_each_can_score()[index][1] < before


def test_a_weight_that_needs_another_answer_is_shown_beside_the_cell_it_shares(
    editor_client, draft
):
    rule = a_weight_rule(draft)
    other = Option.objects.filter(question__questionnaire=draft).exclude(
        question=rule.option.question
    )[0]
    Rule.objects.create(
        option=rule.option, condition=rule.condition, weight=4, only_with=other, reason="both"
    )

    page = editor_client.get(grid_url(draft)).content.decode()

    assert f'name="{cell(rule)}" value="{rule.weight}"' in page
    assert f"+4 only with “{other.label}”" in page


@pytest.mark.parametrize("code", ["yes", "not-sure"])
def test_an_emergency_rule_cleared_and_set_again_gets_back_its_red_flag_and_reason(
    client, seed_live, code
):
    """Found by an audit: the rule came back naming no red flag and telling runners only the
    answer's own words ("I'm not sure") on the 999 page."""
    from triage.questionnaire.versions import copy_as_draft

    client.force_login(make_editor())
    draft = copy_as_draft(seed_live)
    before = Rule.objects.select_related("red_flag").get(
        option__question__questionnaire=draft,
        option__question__code="saddle-numbness",
        option__code=code,
        forced_disposition="emergency",
    )
    cell_name = f"d-{before.option_id}"

    for value in ("", "emergency"):
        client.post(grid_url(draft), form_from_page(client, grid_url(draft), **{cell_name: value}))

    after = Rule.objects.get(option=before.option, forced_disposition="emergency")
    assert after.pk != before.pk  # cleared, then made again
    assert (after.red_flag_id, after.reason) == (before.red_flag_id, before.reason)


def test_a_new_emergency_rule_names_the_red_flag_another_answer_to_its_question_names(
    client, seed_live
):
    from triage.questionnaire.versions import copy_as_draft

    client.force_login(make_editor())
    draft = copy_as_draft(seed_live)
    stays_soon = Option.objects.get(
        question__questionnaire=draft, question__code="both-legs", code="long-standing"
    )
    yes = Rule.objects.get(option__question=stays_soon.question, option__code="yes")

    client.post(
        grid_url(draft),
        form_from_page(client, grid_url(draft), **{f"d-{stays_soon.pk}": "emergency"}),
    )

    made = Rule.objects.get(option=stays_soon, forced_disposition="emergency")
    assert made.red_flag_id == yes.red_flag_id
