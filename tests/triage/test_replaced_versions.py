"""A questionnaire version replaced by publishing another is recorded as replaced (when, by
whom, by which version) and kept as it was, like the live one: editing and publishing it again
would quietly bring back the rules the newer version changed. A new draft is copied from the
live version, or from it on purpose. On the small questionnaire the factories build."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from editorial import workflow
from editorial.models import Status
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer, publish_as
from tests.editorial.forms import form_from_page
from triage.models import Question, Questionnaire
from triage.questionnaire.versions import copy_as_draft, is_editable

pytestmark = pytest.mark.django_db


def today():
    return date_format(timezone.localdate(), "j M Y")


@pytest.fixture
def newer(live):
    """A newer version published by Rita Reyes: it replaced ``live``."""
    rita = make_reviewer("rita", first_name="Rita", last_name="Reyes")
    return publish_as(rita, copy_as_draft(live))


@pytest.fixture
def replaced(live, newer):
    return Questionnaire.objects.get(pk=live.pk)


def test_publishing_a_version_records_when_and_by_whom_the_one_it_replaced_stopped(replaced, newer):
    assert replaced.status == Status.DRAFT
    assert replaced.taken_off_reason == f"Replaced by version {newer.version}"
    assert replaced.taken_off_by == "Rita Reyes (clinical reviewer)"
    assert timezone.localdate(replaced.taken_off_at) == timezone.localdate()


def test_a_replaced_version_is_not_editable(replaced):
    assert not is_editable(replaced)


def test_a_question_of_a_replaced_version_fails_its_checks_saying_why(replaced, newer):
    question = replaced.questions.first()

    with pytest.raises(ValidationError, match=f"Replaced by version {newer.version}"):
        question.clean()


def test_admin_refuses_a_change_to_a_question_of_a_replaced_version(client, replaced):
    question = replaced.questions.first()
    url = reverse("admin:triage_question_change", args=[question.pk])
    client.force_login(make_editor())
    data = form_from_page(client, url, text="Changed after it was replaced")

    response = client.post(url, data)

    assert response.status_code in (403, 409)
    assert Question.objects.get(pk=question.pk).text == question.text


def test_admin_refuses_a_change_to_a_replaced_version_itself(client, replaced):
    client.force_login(make_editor())

    response = client.post(admin_url(replaced), {"title": "Changed", "threshold": 9})

    assert response.status_code in (403, 409)
    assert Questionnaire.objects.get(pk=replaced.pk).threshold == replaced.threshold


def test_a_replaced_version_cannot_be_published_again(replaced):
    with pytest.raises(workflow.EditorialRefused, match="kept as it was"):
        publish_as(make_reviewer("other"), replaced)


def test_the_versions_list_says_which_version_replaced_it_and_when(client, replaced, newer):
    client.force_login(make_editor())

    page = client.get(reverse("admin:triage_questionnaire_changelist")).content.decode()

    assert f"Replaced by version {newer.version} on {today()}" in page


def test_the_page_of_a_replaced_version_says_why_and_offers_a_new_draft_from_the_live_version(
    client, replaced, newer
):
    client.force_login(make_editor())

    page = client.get(admin_url(replaced)).content.decode()

    assert f"Replaced by version {newer.version} on {today()}" in page
    assert "kept as it was" in page
    assert "Start a new draft from the live version" in page
    assert "Start a new draft from this version" in page
    assert "Save draft" not in page


def test_a_reviewer_is_offered_no_review_and_publish_on_a_replaced_version(client, replaced):
    client.force_login(make_reviewer("rob", first_name="Rob", last_name="Ross"))

    page = client.get(admin_url(replaced)).content.decode()

    assert "Review and publish" not in page
    assert "Compare with live" in page


def test_a_new_draft_started_from_a_replaced_version_is_an_editable_copy_of_it(
    client, replaced, newer
):
    client.force_login(make_editor())

    response = client.post(reverse("admin:triage_questionnaire_new_draft_from", args=[replaced.pk]))

    copy = Questionnaire.objects.order_by("-version").first()
    assert response.status_code == 302 and response.url == admin_url(copy)
    assert copy.version > newer.version
    assert copy.taken_off_at is None and copy.taken_off_reason == ""
    assert is_editable(copy)
    assert [q.text for q in copy.questions.order_by("pk")] == [
        q.text for q in replaced.questions.order_by("pk")
    ]


def test_a_replaced_version_published_before_the_fields_existed_is_found_in_its_revisions(live):
    from django.apps import apps
    from django.db import connection

    from editorial.off_site_history import record_earlier_replacements

    workflow.save_revision(live, user=None, comment="Published")  # as publish keeps one
    rita = make_reviewer("rita", first_name="Rita", last_name="Reyes")
    newer = publish_as(rita, copy_as_draft(live))
    Questionnaire.objects.filter(pk=live.pk).update(
        taken_off_at=None, taken_off_by="", taken_off_reason=""
    )
    replaced = Questionnaire.objects.get(pk=live.pk)
    assert is_editable(replaced)  # as the old code left it

    record_earlier_replacements(apps, connection.schema_editor())

    replaced.refresh_from_db()
    assert replaced.taken_off_reason == f"Replaced by version {newer.version}"
    assert replaced.taken_off_by == "Rita Reyes (clinical reviewer)"
    assert not is_editable(replaced)
