"""Rules change only on drafts; publishing a new version leaves stored results as they were; on
the small questionnaire the factories build (``small_questionnaire``) and a draft copied from it."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from conditions.models import Status
from tests.editorial.clinicians import make_reviewer, publish_as
from tests.factories import ConditionFactory
from tests.helpers import without_csrf_token
from tests.triage.answers import walk
from triage.models import Option, Questionnaire, Rule, Submission

pytestmark = pytest.mark.django_db


def a_weight_rule(questionnaire):
    return Rule.objects.filter(
        option__question__questionnaire=questionnaire, condition__isnull=False
    ).first()


def test_a_live_versions_rule_is_read_only_in_admin(admin_client, small):
    rule = a_weight_rule(small.questionnaire)
    url = reverse("admin:triage_rule_change", args=[rule.pk])

    response = admin_client.post(url, {"reason": "changed on the live version"})

    assert response.status_code == 409
    assert "changed on the live version" in response.content.decode()  # kept, to copy
    rule.refresh_from_db()
    assert rule.reason != "changed on the live version"


def test_a_live_versions_question_page_offers_no_save(admin_client, small):
    question = small.questionnaire.questions.first()

    html = admin_client.get(reverse("admin:triage_question_change", args=[question.pk])).content

    assert b'name="_save"' not in html


def test_a_draft_versions_rule_can_be_edited_in_admin(admin_client, draft):
    rule = a_weight_rule(draft)
    url = reverse("admin:triage_rule_change", args=[rule.pk])

    html = admin_client.get(url).content

    assert b'name="_save"' in html


def test_a_new_option_on_the_live_version_is_refused_by_validation(small):
    option = Option(question=small.questionnaire.questions.first(), code="new", label="New answer")

    with pytest.raises(ValidationError, match="is live and cannot be changed"):
        option.full_clean()


def test_a_rule_cannot_point_to_an_unpublished_condition(draft):
    rule = a_weight_rule(draft)
    rule.condition = ConditionFactory(status=Status.DRAFT)

    with pytest.raises(ValidationError) as raised:
        rule.full_clean()

    assert "Publish this condition" in str(raised.value)


def test_publishing_a_new_version_leaves_stored_results_unchanged(client, small, draft):
    result_url = walk(client, small.answers).url
    submission = Submission.objects.get()
    stored = submission.result
    page_before = without_csrf_token(client.get(result_url).content)

    Rule.objects.filter(option__question__questionnaire=draft, condition__isnull=False).update(
        reason="a different reason"
    )
    draft.save()
    publish_as(make_reviewer(), draft)

    submission.refresh_from_db()
    assert Questionnaire.objects.live() == draft
    assert submission.result == stored
    assert submission.questionnaire == small.questionnaire
    assert without_csrf_token(client.get(result_url).content) == page_before


def test_force_reload_after_a_newer_version_went_live_keeps_that_version_live(draft):
    publish_as(make_reviewer(), draft)

    call_command("load_content", "--force", stdout=StringIO())

    assert Questionnaire.objects.live() == draft


def test_a_new_draft_keeps_the_record_of_urgency_choices_in_its_notes(live):
    from triage.questionnaire.versions import copy_as_draft

    live.notes = "Bladder: emergency (NHS sciatica advice)."
    live.save()

    draft = copy_as_draft(live)

    assert draft.notes.startswith(f"Copied from version {live.version}.")
    assert "Bladder: emergency (NHS sciatica advice)." in draft.notes
