"""One draft of the live questionnaire at a time, as a live page has one working draft: two
drafts of version 3, published one after the other, silently undid the first one's changes."""

import pytest
from django.test import Client
from django.urls import reverse

from editorial import workflow
from tests.editorial.clinicians import make_editor, make_reviewer, publish_as
from triage.models import Question, Questionnaire
from triage.questionnaire.versions import copy_as_draft

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def start_draft(client):
    return client.post(reverse("admin:triage_questionnaire_new_draft"), follow=True)


def drafts():
    return Questionnaire.objects.filter(status="draft", taken_off_at__isnull=True)


def test_starting_a_draft_again_opens_the_one_already_open(live):
    editor, other = signed_in(make_editor()), signed_in(make_editor("other"))
    start_draft(editor)

    page = start_draft(other).content.decode()

    assert drafts().count() == 1
    assert f"Version {drafts().get().version} is already the draft of the live version" in page


def test_opening_a_working_draft_of_the_live_version_opens_the_one_already_open(live):
    first = workflow.open_working_draft(live, by=make_editor())

    assert workflow.open_working_draft(live, by=make_reviewer()) == first
    assert workflow.working_draft_of(live) == first


def test_the_live_versions_page_links_its_draft_instead_of_offering_another(live):
    draft = workflow.open_working_draft(live, by=make_editor())
    url = reverse("admin:triage_questionnaire_change", args=[live.pk])

    page = signed_in(make_editor("other")).get(url).content.decode()

    assert reverse("admin:triage_questionnaire_change", args=[draft.pk]) in page
    assert "Open the working draft" in page
    assert "Edit: open a working draft" not in page
    assert "Start a new draft from the live version" not in page


def test_a_draft_from_an_earlier_version_waits_while_another_draft_is_open(live):
    draft = workflow.open_working_draft(live, by=make_editor())
    url = reverse("admin:triage_questionnaire_new_draft_from", args=[live.pk])

    page = signed_in(make_editor("other")).post(url, follow=True).content.decode()

    assert drafts().count() == 1
    assert f"Version {draft.version} is already the draft of the live version" in page


def test_a_draft_copied_before_another_version_went_live_cannot_be_published(live):
    """Made the old way (two copies of one live version), the second cannot undo the first."""
    first, second = copy_as_draft(live), copy_as_draft(live)
    Question.objects.filter(questionnaire=first).update(help_text="First draft's change.")
    publish_as(make_reviewer(), first)

    problems = " ".join(workflow.refusals(second))

    assert f"Version {first.version} went live after this draft was copied" in problems
    with pytest.raises(workflow.EditorialRefused):
        publish_as(make_reviewer("other"), second)
    assert Questionnaire.objects.live() == first


def test_a_draft_copied_from_the_live_version_is_not_refused_for_it(live):
    draft = copy_as_draft(live)

    assert "went live after" not in " ".join(workflow.refusals(draft))
