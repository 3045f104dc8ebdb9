"""The rules list and rule form in clinicians' words: refusals that say why and where the change
goes, answers picked by their question and version, and no codes where words will do; on the
small questionnaire the factories build (``small_questionnaire``) and a draft copied from it."""

import pytest
from django.urls import reverse

from editorial.models import ReviewRequest
from tests.editorial.clinicians import make_editor
from tests.factories import SubmissionFactory
from triage.models import Option, Rule

pytestmark = pytest.mark.django_db

RULES = "/admin/triage/rule/"
NEW_DRAFT = "Start a new draft from the live version"
STOCK_REFUSAL = "doesn&#x27;t have permission"


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def weight_rule(questionnaire):
    return Rule.objects.filter(
        option__question__questionnaire=questionnaire, condition__isnull=False
    ).first()


def delete_from_list(client, rule):
    return client.post(
        RULES, {"action": "delete_selected", "_selected_action": [rule.pk]}, follow=True
    )


def test_deleting_a_live_versions_rule_from_the_list_says_it_is_live_and_where_changes_go(
    editor_client, live
):
    rule = weight_rule(live)

    content = delete_from_list(editor_client, rule).content.decode()

    assert f"Version {live.version} is the live questionnaire" in content
    assert NEW_DRAFT in content
    assert STOCK_REFUSAL not in content
    assert Rule.objects.filter(pk=rule.pk).exists()


def test_deleting_a_rule_of_a_version_awaiting_review_says_it_is_awaiting_review(
    editor_client, draft
):
    draft.review_request = ReviewRequest.SUBMITTED
    draft.save()
    rule = weight_rule(draft)

    content = delete_from_list(editor_client, rule).content.decode()

    assert f"Version {draft.version} is awaiting review" in content
    assert Rule.objects.filter(pk=rule.pk).exists()


def test_deleting_a_rule_of_a_version_that_made_results_says_it_is_kept_for_them(
    editor_client, small, draft
):
    SubmissionFactory(questionnaire=draft, answers=small.answers)
    rule = weight_rule(draft)

    content = delete_from_list(editor_client, rule).content.decode()

    assert f"Results were made with version {draft.version}" in content
    assert NEW_DRAFT in content
    assert Rule.objects.filter(pk=rule.pk).exists()


def test_opening_a_live_rules_delete_page_sends_back_to_the_rule_saying_why(editor_client, live):
    rule = weight_rule(live)

    response = editor_client.get(reverse("admin:triage_rule_delete", args=[rule.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:triage_rule_change", args=[rule.pk])
    assert f"Version {live.version} is the live questionnaire" in response.content.decode()


def test_a_draft_versions_rule_is_still_deleted_from_the_list(editor_client, draft):
    rule = weight_rule(draft)

    editor_client.post(
        RULES, {"action": "delete_selected", "post": "yes", "_selected_action": [rule.pk]}
    )

    assert not Rule.objects.filter(pk=rule.pk).exists()


def answer_search(client, term, field="option"):
    response = client.get(
        reverse("admin:triage_option_answers"),
        {"term": term, "app_label": "triage", "model_name": "rule", "field_name": field},
    )
    return [result["text"] for result in response.json()["results"]]


def test_the_answer_search_names_each_answer_with_its_version_and_question(editor_client, draft):
    texts = answer_search(editor_client, "Bending")

    assert texts == [f"v{draft.version} draft · What makes it worse? → Bending forward"]


def test_the_answer_search_offers_no_answer_of_the_live_version(editor_client, live, draft):
    texts = answer_search(editor_client, "Coughing", field="only_with")

    assert texts
    assert not [text for text in texts if text.startswith(f"v{live.version} ")]


def test_the_add_rule_form_looks_answers_up_in_the_answer_search(editor_client, draft):
    content = editor_client.get(reverse("admin:triage_rule_add")).content.decode()

    assert f'data-ajax--url="{reverse("admin:triage_option_answers")}"' in content


def test_adding_a_rule_to_a_live_versions_answer_gives_one_clear_message(
    editor_client, small, live
):
    option = Option.objects.get(question__questionnaire=live, code="bending")

    response = editor_client.post(
        reverse("admin:triage_rule_add"),
        {"option": option.pk, "condition": small.unlikely.pk, "weight": 2, "reason": "Bending"},
    )

    content = response.content.decode()
    assert content.count(f"Version {live.version} is the live questionnaire") == 1
    assert "cannot be changed. Copy it" not in content
    assert not Rule.objects.filter(reason="Bending").exists()


def test_a_refused_rule_form_shows_the_chosen_answer_with_its_version(editor_client, small, live):
    option = Option.objects.get(question__questionnaire=live, code="bending")

    response = editor_client.post(
        reverse("admin:triage_rule_add"),
        {"option": option.pk, "condition": small.unlikely.pk, "weight": 2, "reason": "Bending"},
    )

    assert f"v{live.version} live · What makes it worse? → Bending forward" in (
        response.content.decode()
    )


def test_the_rules_list_shows_the_question_and_answer_in_words(editor_client, live):
    content = editor_client.get(RULES, {"option__question__questionnaire__id__exact": live.pk})

    text = content.content.decode()
    assert "What makes it worse? → Bending forward" in text
    assert f"v{live.version} live" in text


def test_the_rules_list_keeps_the_codes_in_a_column_of_their_own(editor_client, live):
    content = editor_client.get(RULES, {"option__question__questionnaire__id__exact": live.pk})

    assert 'class="field-codes">aggravators → bending<' in content.content.decode()
