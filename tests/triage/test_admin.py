"""Clinician admin: test cases pass or fail for everyone to see, and failing ones block publishing."""

import pytest

from conditions.models import Status
from triage.models import Questionnaire, Rule, Submission, TriageTestCase
from triage.publishing import copy_as_draft

pytestmark = pytest.mark.django_db

CASES = "/admin/triage/triagetestcase/"


@pytest.fixture
def live():
    return Questionnaire.objects.get(version=1)


@pytest.fixture
def draft(live):
    return copy_as_draft(live)


def break_facet_rule(questionnaire):
    """Make leaning back point away from the facet joints, so case C2 fails."""
    Rule.objects.filter(
        option__question__questionnaire=questionnaire,
        option__code="leaning-back",
        condition__slug="facet-joint-pain",
    ).update(weight=-5)
    questionnaire.save()  # a queryset update sends no signal; saving marks the rules changed


def test_test_case_list_shows_every_seed_case_passing_against_the_live_version(admin_client):
    content = admin_client.get(CASES).content.decode()

    assert "Against live (v1)" in content
    assert content.count("Pass") == TriageTestCase.objects.filter(questionnaire__version=1).count()
    assert "Fail" not in content


def test_test_case_list_shows_a_broken_case_failing_against_the_draft(admin_client, draft):
    break_facet_rule(draft)

    content = admin_client.get(CASES).content.decode()

    assert "Against draft (v2)" in content
    assert "Fail: expected Facet joint pain first; got" in content


def test_questionnaire_page_shows_how_many_test_cases_pass(admin_client, live):
    content = admin_client.get(f"/admin/triage/questionnaire/{live.pk}/change/").content.decode()
    total = live.test_cases.count()

    assert f"Test cases passing<strong>{total} of {total}</strong>" in content


def test_publishing_with_a_failing_case_is_refused_and_names_the_case(admin_client, draft):
    break_facet_rule(draft)

    response = admin_client.post(f"/admin/triage/questionnaire/{draft.pk}/publish/", follow=True)

    assert "was not published because test cases fail: C2 facet joint" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert Questionnaire.objects.live().version == 1


def test_publishing_with_every_case_passing_replaces_the_live_version(admin_client, draft):
    response = admin_client.post(f"/admin/triage/questionnaire/{draft.pk}/publish/", follow=True)

    assert b"Version 2 is now live" in response.content
    assert Questionnaire.objects.live() == draft
    assert Questionnaire.objects.get(version=1).status == Status.DRAFT


def test_publish_action_refuses_a_failing_version(admin_client, draft):
    break_facet_rule(draft)

    admin_client.post(
        "/admin/triage/questionnaire/",
        {"action": "publish_version", "_selected_action": [draft.pk]},
    )

    assert Questionnaire.objects.live().version == 1


def test_a_version_without_test_cases_cannot_be_published(admin_client, draft):
    draft.test_cases.all().delete()

    response = admin_client.post(f"/admin/triage/questionnaire/{draft.pk}/publish/", follow=True)

    assert b"has no clinician test cases" in response.content
    assert Questionnaire.objects.live().version == 1


def test_status_cannot_be_edited_directly_in_the_form(admin_client, draft):
    content = admin_client.get(f"/admin/triage/questionnaire/{draft.pk}/change/").content

    assert b'name="status"' not in content
    assert b"Publish this version" in content


def test_copy_as_draft_copies_questions_options_rules_and_cases(live, draft):
    assert draft.status == Status.DRAFT
    assert draft.questions.count() == live.questions.count()
    assert Rule.objects.filter(option__question__questionnaire=draft).count() == (
        Rule.objects.filter(option__question__questionnaire=live).count()
    )
    assert draft.questions.get(code="figure-four").show_if_option.question.questionnaire == draft
    assert draft.test_cases.count() == live.test_cases.count()
    combined = Rule.objects.filter(option__question__questionnaire=draft, only_with__isnull=False)
    assert combined.exists()
    assert {rule.only_with.question.questionnaire for rule in combined} == {draft}


def test_submissions_are_read_only_in_admin(admin_client, live):
    submission = Submission.objects.create(
        questionnaire=live, disposition="self_care", consent_to_keep=True
    )

    change = admin_client.get(f"/admin/triage/submission/{submission.pk}/change/")
    add = admin_client.get("/admin/triage/submission/add/")

    assert b'name="answers"' not in change.content
    assert add.status_code == 403


def test_admin_lists_only_submissions_kept_with_consent(admin_client, live):
    Submission.objects.create(questionnaire=live, disposition="urgent", consent_to_keep=False)
    Submission.objects.create(questionnaire=live, disposition="soon", consent_to_keep=True)

    content = admin_client.get("/admin/triage/submission/").content.decode()

    assert "1 submission" in content


@pytest.mark.parametrize(
    "path",
    [
        "/admin/triage/questionnaire/",
        "/admin/triage/question/",
        "/admin/triage/option/",
        "/admin/triage/rule/",
        CASES,
        "/admin/triage/submission/",
    ],
)
def test_admin_list_pages_render(admin_client, path):
    assert admin_client.get(path).status_code == 200


def test_option_page_edits_its_rules_inline(admin_client, live):
    option = live.questions.get(code="worse").options.get(code="leaning-back")

    content = admin_client.get(f"/admin/triage/option/{option.pk}/change/").content

    assert b"rules-TOTAL_FORMS" in content
