"""Clinician admin: test cases pass or fail for everyone to see, and failing ones block publishing;
on the small questionnaire the factories build (``small_questionnaire``) and a draft copied from
it."""

import pytest

from conditions.models import Status
from tests.editorial.clinicians import publish_from_review_page
from tests.factories import RuleFactory
from triage.models import Questionnaire, Rule, Submission, asking_order
from triage.questionnaire.versions import copy_as_draft

pytestmark = pytest.mark.django_db

CASES = "/admin/triage/triagetestcase/"


def break_sudden_start_rule(questionnaire, small):
    """Make a sudden start point away from ``likely``, so case S1 expects it first but gets
    ``possible`` (4 points against 0)."""
    Rule.objects.filter(
        option__question__questionnaire=questionnaire,
        option__code="suddenly",
        condition=small.likely,
    ).update(weight=-5)
    questionnaire.save()  # a queryset update sends no signal; saving marks the rules changed


def test_test_case_list_shows_every_seed_case_passing_against_the_live_version(
    admin_client, seed_live
):
    # On the seed content: the shipped clinician test cases C1-C21 all pass.
    content = admin_client.get(CASES).content.decode()

    assert f"Against live (v{seed_live.version})" in content
    assert content.count("Pass") == seed_live.test_cases.count()
    assert "Fail" not in content


def test_test_case_list_shows_a_broken_case_failing_against_the_draft(admin_client, small, draft):
    break_sudden_start_rule(draft, small)

    content = admin_client.get(f"{CASES}?questionnaire__id__exact={draft.pk}").content.decode()

    assert f"Against draft (v{draft.version})" in content
    assert "Fail: expected Likely condition first; got Possible condition, 4 points against 0" in (
        content
    )


def test_questionnaire_page_shows_how_many_test_cases_pass(admin_client, live):
    content = admin_client.get(f"/admin/triage/questionnaire/{live.pk}/change/").content.decode()
    total = live.test_cases.count()

    assert f"Test cases passing: <strong>{total} of {total}</strong>" in content


def test_publishing_with_a_failing_case_is_refused_and_names_the_case(
    admin_client, small, live, draft
):
    break_sudden_start_rule(draft, small)

    response = publish_from_review_page(admin_client, draft)

    assert "cannot be published because test cases fail: S1 Sudden pain" in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert Questionnaire.objects.live() == live


def test_publishing_with_every_case_passing_replaces_the_live_version(admin_client, live, draft):
    response = publish_from_review_page(admin_client, draft)

    assert f"Version {draft.version} (published)” is live" in response.content.decode()
    assert Questionnaire.objects.live() == draft
    live.refresh_from_db()
    assert live.status == Status.DRAFT


def test_there_is_no_second_way_to_publish_a_version(admin_client, live, draft):
    admin_client.post(
        "/admin/triage/questionnaire/",
        {"action": "publish_version", "_selected_action": [draft.pk]},
    )
    admin_client.post(f"/admin/triage/questionnaire/{draft.pk}/publish/")

    assert Questionnaire.objects.live() == live


def test_a_version_without_test_cases_cannot_be_published(admin_client, live, draft):
    draft.test_cases.all().delete()

    response = publish_from_review_page(admin_client, draft)

    assert b"has no clinician test cases" in response.content
    assert Questionnaire.objects.live() == live


def test_status_cannot_be_edited_directly_in_the_form(admin_client, draft):
    content = admin_client.get(f"/admin/triage/questionnaire/{draft.pk}/change/").content

    assert b'name="status"' not in content
    assert b"Save and submit for review" in content


def test_copy_as_draft_copies_questions_options_rules_and_cases(small, live):
    years_60_or_over = live.questions.get(code="years").options.get(code="60-or-over")
    RuleFactory(  # a rule that fires only together with another answer
        option=live.questions.get(code="aggravators").options.get(code="bending"),
        condition=small.unlikely,
        weight=1,
        only_with=years_60_or_over,
    )

    draft = copy_as_draft(live)

    assert draft.status == Status.DRAFT
    assert draft.questions.count() == live.questions.count()
    assert Rule.objects.filter(option__question__questionnaire=draft).count() == (
        Rule.objects.filter(option__question__questionnaire=live).count()
    )
    shown_if = draft.questions.get(code="crossed-leg-test").show_if_option
    assert (shown_if.question.code, shown_if.code) == ("pain-spot", "hip")
    assert shown_if.question.questionnaire == draft
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
    option = live.questions.get(code="aggravators").options.get(code="arching")

    content = admin_client.get(f"/admin/triage/option/{option.pk}/change/").content

    assert b"rules-TOTAL_FORMS" in content


def test_questionnaire_page_lists_the_questions_in_asking_order(admin_client, draft):
    # Numbered 1 in each section, as the seed numbers them: the page sorted by number alone
    # mixed the sections (Emergency 1, Urgent 1, About 1, Emergency 2 …).
    draft.questions.filter(code="years").update(order=1)
    draft.questions.filter(code="sudden-weakness").update(order=2)
    draft.questions.filter(code="high-temperature").update(order=3)
    asked = [question.code for question in sorted(draft.questions.all(), key=asking_order)]

    content = admin_client.get(f"/admin/triage/questionnaire/{draft.pk}/change/").content.decode()

    shown = sorted(asked, key=lambda code: content.index(f'value="{code}"'))
    assert shown == asked
    assert asked[:3] == ["sudden-weakness", "high-temperature", "years"]
