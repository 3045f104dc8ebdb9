"""The questionnaire under the one publication workflow: submitted for review, in the reviewers'
queue, reviewed against the live version with everything a runner or the scoring sees, published
by another reviewer, a revision per save, and an edit counter on every page of a version; on the
small questionnaire the factories build and a draft copied from it."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from conditions.models import RedFlag
from editorial import workflow
from tests.editorial.clinicians import (
    make_editor,
    make_reviewer,
    publish_as,
    publish_from_review_page,
)
from tests.editorial.forms import form_from_page
from triage.authoring.admin_views import changes_against_live
from triage.models import Option, Question, Questionnaire, Rule, TriageTestCase
from triage.questionnaire.versions import version_of

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:triage_{obj._meta.model_name}_change", args=[obj.pk])


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def plain(html_text):
    """The words of a page or a marked-up comparison, without its tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(html_text)))


def a_rule(draft, **filters):
    return Rule.objects.filter(option__question__questionnaire=draft, **filters).first()


# What the reviewer sees --------------------------------------------------------------------


def change_help_text(draft, small):
    Question.objects.filter(questionnaire=draft, code="started").update(help_text="New help.")
    return "New help."


def change_reason(draft, small):
    Rule.objects.filter(pk=a_rule(draft, condition__isnull=False).pk).update(reason="New reason.")
    return "New reason."


def change_threshold(draft, small):
    Questionnaire.objects.filter(pk=draft.pk).update(threshold=7)
    return "7"


def change_show_if(draft, small):
    Question.objects.filter(questionnaire=draft, code="crossed-leg-test").update(
        show_if_option=Option.objects.get(question__questionnaire=draft, code="middle")
    )
    return "Where is the pain worst? → In the middle of the back"


def change_phase(draft, small):
    Option.objects.filter(question__questionnaire=draft, code="slowly").update(phase="")
    return "Slowly"


def change_leg_flag(draft, small):
    Option.objects.filter(question__questionnaire=draft, code="tingling").update(leg_symptoms="")
    return "tingling"


def change_red_flag_link(draft, small):
    flag = RedFlag.objects.create(
        sign="Another emergency sign", slug="another", level="emergency", what_to_do="Call."
    )
    Rule.objects.filter(pk=a_rule(draft, red_flag__isnull=False).pk).update(red_flag=flag)
    return "Another emergency sign"


def change_picture(draft, small):
    Question.objects.filter(questionnaire=draft, code="pain-spot").update(picture="body-map")
    return "Body map"


def change_weight(draft, small):
    rule = a_rule(draft, condition__isnull=False)
    Rule.objects.filter(pk=rule.pk).update(weight=-rule.weight)
    return f"{-rule.weight:+d} toward"


def change_to_rules_out(draft, small):
    rule = a_rule(draft, condition__isnull=False)
    Rule.objects.filter(pk=rule.pk).update(weight=0, rules_out=True)
    return f"rules out {rule.condition}"


def change_option_code(draft, small):
    Option.objects.filter(question__questionnaire=draft, code="arching").update(code="arching-back")
    return "arching-back"


CHANGES = [
    change_option_code,
    change_help_text,
    change_reason,
    change_threshold,
    change_show_if,
    change_phase,
    change_leg_flag,
    change_red_flag_link,
    change_picture,
    change_weight,
    change_to_rules_out,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_changes_against_live_list_what_runners_or_the_scoring_see(small, live, draft, change):
    words = change(draft, small)

    changes = changes_against_live(Questionnaire.objects.get(pk=draft.pk), live)

    assert changes, "a change a runner or the scoring sees is listed"
    assert any(words in plain(row["new"]) or words in plain(row["old"]) for row in changes)


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_any_such_change_after_the_review_page_opened_stops_the_publish(small, draft, change):
    reviewer = make_reviewer()
    pin = workflow.review_pin(draft)
    change(draft, small)

    with pytest.raises(workflow.EditorialRefused, match="changed after you opened"):
        workflow.publish(draft, by=reviewer, reviewed=pin)

    assert Questionnaire.objects.get(pk=draft.pk).status == "draft"


def changed_text(draft, live):
    changes = changes_against_live(Questionnaire.objects.get(pk=draft.pk), live)
    return "\n".join(plain(row["new"]) for row in changes)


def test_changes_against_live_name_answers_by_their_labels_not_their_codes(live, draft):
    Option.objects.filter(question__questionnaire=draft, code="bending").update(
        trait="bending-forward-hurts"
    )

    text = changed_text(draft, live)

    assert "• Bending forward · order" in text
    assert "[bending]" not in text


def test_changes_against_live_say_what_an_answer_tells_the_exercise_plan(live, draft):
    Option.objects.filter(question__questionnaire=draft, code="bending").update(
        trait="bending-forward-hurts"
    )

    text = changed_text(draft, live)

    assert "tells the exercise plan that bending forwards hurts" in text
    assert "for plans:" not in text


def test_changes_against_live_show_a_test_cases_answers_in_the_questionnaires_words(live, draft):
    case = draft.test_cases.get()
    TriageTestCase.objects.filter(pk=case.pk).update(answers={**case.answers, "years": 45})

    text = changed_text(draft, live)

    assert "How many years old are you? 45" in text
    assert "What makes it worse? Bending forward, Coughing or sneezing" in text
    assert '"aggravators"' not in text


def test_a_copy_of_the_live_version_changes_nothing(live, draft):
    assert changes_against_live(draft, live) == []


def test_the_review_page_shows_the_changes_and_the_test_cases(small, live, draft):
    change_reason(draft, small)

    page = signed_in(make_reviewer()).get(change_url(draft).replace("change", "review"))

    text = page.content.decode()
    assert "New reason." in plain(text)
    assert re.search(r"Test cases passing: \d+ of \d+", plain(text))
    assert re.search(r"Cases whose outcome differs from live version \d+: \d+", plain(text))
    assert "triage_admin" in text  # the stylesheet that sets each figure under its label
    assert 'name="reviewed"' in text


def test_the_review_page_says_first_why_it_cannot_be_published(draft):
    """The reasons sat under a 5,600 px page of changes, with "28 of 30" at the top."""
    rule = a_rule(draft, red_flag__isnull=False)
    Rule.objects.filter(pk=rule.pk).update(red_flag=None)

    page = signed_in(make_reviewer()).get(change_url(draft).replace("change", "review"))

    text = plain(page.content.decode())
    reasons = text.index("This cannot be published yet:")
    assert reasons < text.index("Review request:")
    assert "without a red flag" in text[reasons : text.index("Review request:")]
    assert 'name="_publish"' not in page.content.decode()


# Submit, queue, four-eyes, revisions -----------------------------------------------------------


def test_a_submitted_version_waits_in_the_reviewers_queue(draft):
    editor = signed_in(make_editor())
    editor.post(
        change_url(draft), {**form_from_page(editor, change_url(draft)), "_submit_review": "1"}
    )

    home = signed_in(make_reviewer()).get(reverse("admin:index")).content.decode()

    assert "Awaiting your review" in home
    assert change_url(draft).replace("change", "review") in home


def test_a_reviewer_who_changed_a_version_cannot_publish_it_alone(draft):
    reviewer = make_reviewer()
    client = signed_in(reviewer)
    url = change_url(draft)
    client.post(url, form_from_page(client, url, threshold="5"))

    response = publish_from_review_page(client, draft)

    assert "another clinical reviewer must publish it" in response.content.decode()
    assert Questionnaire.objects.get(pk=draft.pk).status == "draft"


def test_another_reviewer_publishes_it_and_signs_it_off(live, draft):
    client = signed_in(make_editor())
    url = change_url(draft)
    client.post(url, form_from_page(client, url, threshold="5"))

    publish_as(make_reviewer(first_name="Rae", last_name="Viewer"), draft)

    draft.refresh_from_db()
    assert Questionnaire.objects.live() == draft
    assert draft.reviewed_by == "Rae Viewer (clinical reviewer)"


def test_every_save_of_a_question_keeps_a_revision_of_the_whole_version_by_its_author(draft):
    editor = make_editor()
    client = signed_in(editor)
    question = draft.questions.get(code="started")
    url = change_url(question)

    client.post(url, form_from_page(client, url, text="How did the pain begin?"))

    latest = Version.objects.get_for_object(draft).first()
    assert latest.revision.user == editor
    stored_questions = latest.revision.version_set.filter(content_type__model="question")
    assert stored_questions.count() == draft.questions.count()
    assert (
        "How did the pain begin?"
        in latest.revision.version_set.get(
            content_type__model="question", object_id=str(question.pk)
        ).serialized_data
    )


def test_the_live_version_cannot_be_taken_off_the_site(live):
    with pytest.raises(workflow.EditorialRefused, match="runners always need one"):
        workflow.unpublish(live, by=make_reviewer(), reason="Wrong rules")


# Edit counters on every page of a version --------------------------------------------------------


def first_question(draft):
    return draft.questions.get(code="started")


def first_option(draft):
    return Option.objects.get(question__questionnaire=draft, code="suddenly")


def first_rule(draft):
    return a_rule(draft, condition__isnull=False)


def first_case(draft):
    return draft.test_cases.first()


PAGES = {
    "version": (lambda draft: draft, "title", "notes"),
    "question": (first_question, "text", "help_text"),
    "option": (first_option, "label", "label"),
    "rule": (first_rule, "reason", "reason"),
    "test case": (first_case, "description", "name"),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_page_of_a_version_opened_before_another_save_is_refused_and_keeps_the_text(draft, page):
    row_of, theirs, mine = PAGES[page]
    row = row_of(draft)
    first, second = signed_in(make_editor("ann")), signed_in(make_editor("bob"))
    url = change_url(row)
    first_form, second_form = form_from_page(first, url), form_from_page(second, url)

    saved = first.post(url, {**first_form, theirs: "Ann's words"})
    response = second.post(url, {**second_form, mine: "Bob's words"})

    assert saved.status_code == 302
    page_text = response.content.decode()
    assert response.status_code == 200
    assert "This was saved after you opened it" in page_text
    assert "saved by" in page_text  # names who changed it
    assert "Bob&#x27;s words" in page_text or "Bob's words" in page_text  # kept in the form
    row.refresh_from_db()
    assert getattr(row, theirs) == "Ann's words"


def test_a_question_saved_after_the_version_was_submitted_is_refused_with_the_text(draft):
    client = signed_in(make_editor())
    question = first_question(draft)
    url = change_url(question)
    form = form_from_page(client, url)
    workflow.submit_for_review(draft, by=make_editor("other"))

    response = client.post(url, {**form, "text": "Typed while locked"})

    assert response.status_code == 409
    assert "Typed while locked" in response.content.decode()
    assert Question.objects.get(pk=question.pk).text != "Typed while locked"


def test_deleting_a_test_case_of_a_submitted_version_is_refused(draft):
    client = signed_in(make_editor())
    case = first_case(draft)
    workflow.submit_for_review(draft, by=make_editor("other"))

    client.post(reverse("admin:triage_triagetestcase_delete", args=[case.pk]), {"post": "yes"})

    assert TriageTestCase.objects.filter(pk=case.pk).exists()


def test_a_new_draft_keeps_each_test_cases_acceptable_top_three(seed_live):
    from triage.questionnaire.versions import copy_as_draft

    draft = copy_as_draft(seed_live)

    def acceptable(version):
        return {
            case.name: {c.pk for c in case.acceptable_top3.all()}
            for case in version.test_cases.all()
        }

    assert any(acceptable(seed_live).values())
    assert acceptable(draft) == acceptable(seed_live)
    assert changes_against_live(draft, seed_live) == []


def test_a_question_cannot_be_added_to_a_version_awaiting_review(draft):
    client = signed_in(make_editor())
    workflow.submit_for_review(draft, by=make_editor("other"))
    count = draft.questions.count()

    response = client.post(
        reverse("admin:triage_question_add"),
        {
            "questionnaire": draft.pk,
            "section": "symptoms",
            "order": 99,
            "code": "added-late",
            "text": "Added while locked?",
            "kind": "yes_no",
            "options-TOTAL_FORMS": "0",
            "options-INITIAL_FORMS": "0",
        },
    )

    assert "awaiting review, so nothing in it can be added" in response.content.decode()
    assert draft.questions.count() == count


def test_two_revisions_of_a_version_compare_word_by_word(draft):
    client = signed_in(make_editor())
    question = first_question(draft)
    url = change_url(question)
    client.post(url, form_from_page(client, url, help_text="First help."))
    client.post(url, form_from_page(client, url, help_text="Second help."))
    newer, older = Version.objects.get_for_object(draft)[:2]

    page = client.get(
        reverse("admin:triage_questionnaire_compare", args=[draft.pk]),
        {"a": older.pk, "b": newer.pk},
    ).content.decode()

    assert "<del>First</del>" in page
    assert "<ins>Second</ins>" in page


@pytest.mark.parametrize(
    ("row_of", "parent"),
    [(first_question, "questionnaire"), (first_option, "question"), (first_rule, "option")],
    ids=["question", "option", "rule"],
)
def test_a_row_cannot_be_moved_to_another_version(small, draft, row_of, parent):
    from triage.questionnaire.versions import copy_as_draft

    other = copy_as_draft(draft)
    row = row_of(draft)
    target = {
        "questionnaire": other,
        "question": first_question(other),
        "option": first_option(other),
    }[parent]
    client = signed_in(make_editor())
    url = change_url(row)

    client.post(url, form_from_page(client, url, **{parent: str(target.pk)}))

    row.refresh_from_db()
    assert getattr(row, f"{parent}_id") != target.pk
    assert version_of(row) == draft


@pytest.mark.parametrize("field", ["red_flag", "risk_factor"])
def test_a_rule_cannot_point_to_an_unpublished_red_flag_or_running_factor(draft, field):
    from django.core.exceptions import ValidationError

    from tests.factories import RedFlagFactory, RiskFactorFactory

    target = (RedFlagFactory if field == "red_flag" else RiskFactorFactory)(status="draft")
    effect = {"forced_disposition": "emergency"} if field == "red_flag" else {"running": "modify"}
    rule = Rule(option=first_option(draft), reason="A reason.", **effect, **{field: target})

    with pytest.raises(ValidationError, match="Publish this"):
        rule.full_clean()
