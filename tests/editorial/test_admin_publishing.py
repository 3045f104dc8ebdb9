"""Publishing, unpublishing and marking reviewed: reviewers may, editors may not."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conditions.models import Condition, Status
from editorial.review import months_after
from tests.editorial.clinicians import admin_url, form_data, make_editor, make_reviewer
from tests.factories import ConditionFactory, RiskFactorFactory

pytestmark = pytest.mark.django_db


def run_action(client, model, action, *objects, **extra):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    data = {"action": action, "_selected_action": [obj.pk for obj in objects], **extra}
    return client.post(url, data, follow=True)


def action_names(client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    action_form = client.get(url).context["action_form"]
    if action_form is None:
        return set()
    return {name for name, _label in action_form.fields["action"].choices}


def test_editor_is_not_offered_the_publishing_actions(client):
    client.force_login(make_editor())

    offered = action_names(client, Condition)

    assert not offered & {"publish", "unpublish", "mark_reviewed"}


def test_editor_publish_action_is_refused(client):
    draft = ConditionFactory(status=Status.DRAFT)
    client.force_login(make_editor())

    run_action(client, Condition, "publish", draft)

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_editor_cannot_unpublish_through_the_form(client):
    published = RiskFactorFactory(status=Status.PUBLISHED)
    client.force_login(make_editor())

    response = client.post(admin_url(published), form_data(published, status=Status.DRAFT))

    assert response.status_code == 409
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_editor_form_saves_changes_to_a_draft(client):
    draft = RiskFactorFactory(status=Status.DRAFT)
    client.force_login(make_editor())

    response = client.post(admin_url(draft), form_data(draft, summary="A better summary."))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.summary == "A better summary."


def test_editor_cannot_sign_off_a_review_through_the_form(client):
    item = RiskFactorFactory(status=Status.DRAFT, reviewed_by="Dr Original")
    client.force_login(make_editor())

    client.post(admin_url(item), form_data(item, reviewed_by="Someone else"))

    item.refresh_from_db()
    assert item.reviewed_by == "Dr Original"


def test_mark_reviewed_sets_last_reviewed_reviewer_and_next_review_due(client):
    item = ConditionFactory(last_reviewed="2024-01-10", next_review_due="2025-01-10")
    client.force_login(make_reviewer(first_name="Priya", last_name="Shah"))

    run_action(client, Condition, "mark_reviewed", item, confirmed="yes")

    item.refresh_from_db()
    today = timezone.localdate()
    assert item.last_reviewed == today
    assert item.reviewed_by == "Priya Shah (clinical reviewer)"
    assert item.next_review_due == months_after(today, 12)


def test_mark_reviewed_uses_the_configured_review_period(client, settings):
    settings.REVIEW_PERIOD_MONTHS = 6
    item = ConditionFactory()
    client.force_login(make_reviewer())

    run_action(client, Condition, "mark_reviewed", item, confirmed="yes")

    item.refresh_from_db()
    assert item.next_review_due == months_after(timezone.localdate(), 6)


def test_mark_reviewed_signs_with_the_role_alone_when_there_is_no_full_name(client):
    item = ConditionFactory()
    client.force_login(make_reviewer("physio7"))

    run_action(client, Condition, "mark_reviewed", item, confirmed="yes")

    item.refresh_from_db()
    assert item.reviewed_by == "Clinical reviewer"


def test_mark_reviewed_first_shows_what_it_signs_off_and_changes_nothing(client):
    item = ConditionFactory(last_reviewed="2024-01-10", reviewed_by="Dr Original")
    client.force_login(make_reviewer(first_name="Priya", last_name="Shah"))

    page = run_action(client, Condition, "mark_reviewed", item).content.decode()

    item.refresh_from_db()
    assert item.reviewed_by == "Dr Original"
    assert "You are signing off these live pages as reviewed today" in page
    assert "Priya Shah (clinical reviewer)" in page
    assert str(item) in page
    assert 'name="confirmed" value="yes"' in page


def test_mark_reviewed_says_when_a_draft_of_the_page_awaits_review(client):
    from editorial import workflow

    item = ConditionFactory()
    editor = make_editor()
    workflow.submit_for_review(workflow.open_working_draft(item, by=editor), by=editor)
    client.force_login(make_reviewer())

    page = run_action(client, Condition, "mark_reviewed", item).content.decode()

    assert "a draft of it is awaiting review: this signs off the live page" in page


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("role", [make_editor, make_reviewer])
def test_no_draft_form_offers_to_delete_a_linked_row_from_its_picker(client, role):
    """The red cross beside a condition's symptom always ended on a 403 page: rows leave the
    site through the workflow. Swept over every editorial admin with linked rows."""
    from django.contrib import admin

    from editorial import workflow

    user = role()
    client.force_login(user)
    checked = 0
    for model in admin.site._registry:
        if not hasattr(model.objects, "published") or model._meta.app_label == "triage":
            continue
        live = model.objects.published().first()
        if live is None:
            continue
        page = client.get(admin_url(workflow.open_working_draft(live, by=user))).content.decode()
        checked += "related-widget-wrapper" in page
        assert "delete-related" not in page, model

    assert checked >= 3
