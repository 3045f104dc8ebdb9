"""Staff walk a draft version as a runner would, without storing anything, and save the
answers as a test case; on the small questionnaire the factories build (``small_questionnaire``)
and a draft copied from it."""

import pytest
from django.contrib.auth import get_user_model
from reversion.models import Version

from editorial import workflow
from tests.editorial.clinicians import make_editor, make_reviewer
from tests.triage.authoring import preview_url, put_preview_run
from triage.models import Questionnaire, QuestionReach, Submission, TriageTestCase
from triage.questionnaire.cases import run_case
from triage.questionnaire.rulebooks import rulebook_for

pytestmark = pytest.mark.django_db


def the_case(questionnaire):
    """The small questionnaire's one test case, of ``small.answers``."""
    return questionnaire.test_cases.get(name__startswith="S1 ")


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_previews_ask_visitors_to_log_in(client, draft):
    response = client.get(preview_url(draft))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_previews_are_refused_to_people_who_are_not_staff(client, draft):
    client.force_login(get_user_model().objects.create_user("runner", password="x" * 20))

    assert client.get(preview_url(draft)).status_code == 403


def test_a_preview_shows_the_questionnaire_pages_with_a_banner(editor_client, draft):
    response = editor_client.post(preview_url(draft), follow=True)

    page = response.content.decode()
    assert f"Preview of questionnaire version {draft.version}" in page
    assert f"/check/preview/{draft.version}/q/" in response.redirect_chain[-1][0]


def test_every_preview_page_links_back_to_the_versions_own_admin_page(editor_client, draft):
    """The question pages linked a filtered list, the result page the version's page."""
    page = editor_client.post(preview_url(draft), follow=True).content.decode()

    assert f'href="/admin/triage/questionnaire/{draft.pk}/change/"' in page


def test_walking_a_draft_by_its_pages_stores_no_submission_and_leaves_live_alone(
    editor_client, live, draft
):
    live_before = Questionnaire.objects.get(pk=live.pk).updated
    editor_client.post(preview_url(draft))
    rules = rulebook_for(draft)
    for question in rules.questions:
        answer = question.choices[0].code if question.kind != "number" else "40"
        response = editor_client.post(
            preview_url(draft, "question", code=question.code), {"answer": answer}
        )
        if "/result/" in response["Location"]:
            break
    else:
        response = editor_client.post(preview_url(draft, "check_answers"))

    result = editor_client.get(response["Location"])

    assert result.status_code == 200
    assert Submission.objects.count() == 0
    assert Questionnaire.objects.get(pk=live.pk).updated == live_before
    assert Questionnaire.objects.live() == live


def test_the_preview_result_comes_from_the_drafts_rules(editor_client, live, draft, small):
    top = run_case(the_case(live), rulebook_for(live)).result.top_condition
    draft.threshold = 99
    draft.save()
    put_preview_run(editor_client, draft, small.answers, finished=True)

    page = editor_client.get(preview_url(draft, "result")).content.decode()

    assert top
    assert f'id="match-{top}"' not in page
    assert "Your result" in page
    assert "is not stored" in page
    assert "will be deleted after" not in page
    assert Submission.objects.count() == 0


def test_save_these_answers_as_a_test_case_is_prefilled_from_the_outcome(
    editor_client, draft, small
):
    put_preview_run(editor_client, draft, small.answers, finished=True)
    expected = run_case(the_case(draft), rulebook_for(draft)).result

    page = editor_client.get(preview_url(draft, "result")).content.decode()

    assert "Save these answers as a test case" in page
    assert f'<option value="{expected.disposition}" selected>' in page


def test_a_saved_test_case_round_trips_the_walked_answers(editor_client, draft, small):
    put_preview_run(editor_client, draft, small.answers, finished=True)
    case = the_case(draft)
    outcome = run_case(case, rulebook_for(draft)).result
    top = case.expected_top_condition

    response = editor_client.post(
        preview_url(draft, "save_case"),
        {
            "name": "C99 walked in preview",
            "expected_disposition": outcome.disposition,
            "expected_top_condition": top.pk,
        },
    )

    saved = TriageTestCase.objects.get(questionnaire=draft, name="C99 walked in preview")
    assert response.status_code == 302
    assert saved.answers == case.answers
    assert run_case(saved, rulebook_for(draft)).passed
    assert Submission.objects.count() == 0


def test_a_test_case_with_a_taken_name_is_refused_with_a_message(editor_client, draft, small):
    put_preview_run(editor_client, draft, small.answers, finished=True)
    taken = draft.test_cases.first().name
    count = draft.test_cases.count()

    response = editor_client.post(
        preview_url(draft, "save_case"), {"name": taken, "expected_disposition": "soon"}
    )

    assert response.status_code == 400
    assert "already has a test case called" in response.content.decode()
    assert draft.test_cases.count() == count


def test_the_live_version_can_be_walked_but_gets_no_test_cases(client, live, small):
    client.force_login(make_reviewer())
    put_preview_run(client, live, small.answers, finished=True)
    count = live.test_cases.count()

    page = client.get(preview_url(live, "result")).content.decode()
    refused = client.post(
        preview_url(live, "save_case"), {"name": "C98", "expected_disposition": "soon"}
    )

    assert "Your result" in page
    assert "Save these answers as a test case" not in page
    assert refused.status_code == 403
    assert live.test_cases.count() == count


def test_a_preview_does_not_touch_the_runners_own_walk(editor_client, draft, small):
    put_preview_run(editor_client, draft, small.answers, finished=True)

    response = editor_client.get(preview_url(draft, "result"))

    assert "triage-run" not in response.cookies


def test_answers_in_a_preview_are_not_counted_in_the_insights(editor_client, draft):
    editor_client.post(preview_url(draft), {"consent": "on"})
    question = rulebook_for(draft).questions[0]

    editor_client.post(
        preview_url(draft, "question", code=question.code), {"answer": question.choices[0].code}
    )

    assert not QuestionReach.objects.exists()


def test_a_case_saved_from_a_preview_is_a_revision_of_the_version_by_its_author(
    editor_client, draft, small
):
    put_preview_run(editor_client, draft, small.answers, finished=True)
    counter = draft.edit_version

    editor_client.post(
        preview_url(draft, "save_case"),
        {"name": "C97 from preview", "expected_disposition": "soon"},
    )

    draft.refresh_from_db()
    latest = Version.objects.get_for_object(draft).first()
    assert draft.edit_version == counter + 1
    assert latest.revision.user.username == "editor"
    assert "C97 from preview" in latest.revision.comment


def test_a_version_awaiting_review_gets_no_test_cases_from_a_preview(editor_client, draft, small):
    put_preview_run(editor_client, draft, small.answers, finished=True)
    workflow.submit_for_review(draft, by=make_reviewer("submitter"))
    count = draft.test_cases.count()

    refused = editor_client.post(
        preview_url(draft, "save_case"), {"name": "C96", "expected_disposition": "soon"}
    )

    assert refused.status_code == 403
    assert draft.test_cases.count() == count
