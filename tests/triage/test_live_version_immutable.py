"""The live questionnaire version is immutable for everyone; only a reviewer's publish with
every test case passing puts a version live; on the small questionnaire the factories build
(``small_questionnaire``) and a draft copied from it."""

import pytest
from django.urls import reverse

from conditions.models import Condition, Status
from editorial.workflow import EditorialRefused as PublishRefused
from tests.editorial.clinicians import make_editor, make_reviewer, publish_as
from tests.editorial.forms import form_from_page
from triage.models import Questionnaire, TriageTestCase
from triage.questionnaire.cases import failing_cases

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:triage_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("make_user", [make_editor, make_reviewer], ids=["editor", "reviewer"])
def test_nobody_changes_the_live_versions_settings(client, live, make_user):
    client.force_login(make_user())
    data = form_from_page(client, change_url(live), threshold="30")

    response = client.post(change_url(live), data)

    assert response.status_code == 409
    assert "is live now" in response.content.decode()
    assert Questionnaire.objects.get(pk=live.pk).threshold == live.threshold


@pytest.mark.parametrize("make_user", [make_editor, make_reviewer], ids=["editor", "reviewer"])
def test_nobody_edits_or_deletes_the_live_versions_test_cases(client, live, make_user):
    case = live.test_cases.first()
    client.force_login(make_user())

    edited = client.post(change_url(case), {"name": "Renamed", "answers": "{}"})
    deleted = client.post(
        reverse("admin:triage_triagetestcase_delete", args=[case.pk]), {"post": "yes"}, follow=True
    )

    assert edited.status_code == 409
    assert deleted.redirect_chain[-1][0] == change_url(case)  # saying why, not "403 Forbidden"
    assert f"Version {live.version} is the live questionnaire" in deleted.content.decode()
    assert TriageTestCase.objects.get(pk=case.pk).name == case.name


def test_the_old_history_revert_urls_change_nothing(client, live):
    client.force_login(make_reviewer())
    before = Questionnaire.objects.filter(pk=live.pk).values().get()

    response = client.post(change_url(live).replace("change/", "history/1/"), {}, follow=True)

    assert response.status_code == 200
    assert "doesn’t exist" in response.content.decode()
    assert Questionnaire.objects.filter(pk=live.pk).values().get() == before


def test_an_editor_cannot_publish_a_version(draft):
    with pytest.raises(PublishRefused, match="Only a clinical reviewer"):
        publish_as(make_editor(), draft)


def test_publishing_a_version_signs_it_off_as_the_reviewer(draft):
    reviewer = make_reviewer(first_name="Rae", last_name="Viewer")

    publish_as(reviewer, draft)

    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.reviewed_by == "Rae Viewer (clinical reviewer)"


def test_a_copied_version_does_not_carry_the_old_sign_off(live, draft):
    assert live.reviewed_by
    assert draft.reviewed_by == ""


def test_test_cases_judge_what_runners_see_so_an_unpublished_condition_counts_for_nothing(draft):
    expected = {case.expected_top_condition_id for case in draft.test_cases.all()} - {None}
    assert expected and not failing_cases(draft)
    Condition.objects.filter(pk__in=expected).update(status=Status.DRAFT)
    draft.save()  # new stamp, so the rule book is rebuilt

    assert failing_cases(draft)
