"""Drafts of live items: an editor's change reaches runners only through a reviewer's publish."""

import pytest
from django.urls import reverse

from conditions.models import Condition, ConditionSymptom, Status
from editorial import workflow
from tests.editorial.clinicians import (
    admin_url,
    make_editor,
    make_reviewer,
    publish_from_review_page,
)
from tests.factories import ConditionFactory, ConditionSymptomFactory

pytestmark = pytest.mark.django_db


def change_form(client, obj, **changes):
    """The admin change form's own data (with inline management forms), with changes."""
    from tests.editorial.forms import form_from_page

    return form_from_page(client, admin_url(obj), **changes)


def public_page(client, condition):
    client.logout()
    return client.get(condition.get_absolute_url()).content.decode()


def test_editing_a_live_item_opens_a_working_draft_with_its_parts(client):
    condition = ConditionFactory(summary="Live summary.")
    ConditionSymptomFactory(condition=condition)
    editor = make_editor()
    client.force_login(editor)

    response = client.post(admin_url(condition, "edit"))

    draft = Condition.objects.get(draft_of=condition)
    assert response.url == admin_url(draft)
    assert draft.status == Status.DRAFT
    assert draft.slug == condition.slug
    assert draft.conditionsymptom_set.count() == 1


def test_saving_a_draft_says_runners_still_see_the_live_page(client):
    condition = ConditionFactory()
    client.force_login(make_editor())
    client.post(admin_url(condition, "edit"))
    draft = Condition.objects.get(draft_of=condition)

    response = client.post(
        admin_url(draft), change_form(client, draft, summary="New."), follow=True
    )

    assert "Runners still see the live page" in response.content.decode()


def test_an_editors_saved_draft_leaves_the_live_page_unchanged(client):
    condition = ConditionFactory(summary="Live summary.")
    client.force_login(make_editor())
    client.post(admin_url(condition, "edit"))
    draft = Condition.objects.get(draft_of=condition)

    response = client.post(admin_url(draft), change_form(client, draft, summary="Draft summary."))

    assert response.status_code == 302
    assert Condition.objects.get(pk=draft.pk).summary == "Draft summary."
    page = public_page(client, condition)
    assert "Live summary." in page and "Draft summary." not in page


def test_publishing_a_draft_updates_the_live_row_in_place_and_removes_the_draft(client):
    condition = ConditionFactory(summary="Live summary.")
    editor, reviewer = make_editor(), make_reviewer()
    draft = workflow.open_working_draft(condition, by=editor)
    draft.summary = "Reviewed summary."
    draft.save()
    ConditionSymptomFactory(condition=draft)

    live = workflow.publish(draft, by=reviewer, reviewed=workflow.review_pin(draft))

    assert live.pk == condition.pk
    assert not Condition.objects.filter(pk=draft.pk).exists()
    assert live.summary == "Reviewed summary."
    assert ConditionSymptom.objects.filter(condition=live).count() == 1
    assert "Reviewed summary." in public_page(client, live)


def test_publishing_signs_off_the_review_as_the_reviewer(client):
    condition = ConditionFactory(reviewed_by="Somebody else")
    reviewer = make_reviewer(first_name="Rhea", last_name="Viewer")
    draft = workflow.open_working_draft(condition, by=make_editor())

    live = workflow.publish(draft, by=reviewer, reviewed=workflow.review_pin(draft))

    assert live.reviewed_by == "Rhea Viewer (clinical reviewer)"
    assert live.next_review_due > live.last_reviewed


def test_a_reviewer_cannot_publish_a_draft_they_changed_themselves(client):
    condition = ConditionFactory()
    reviewer = make_reviewer()
    client.force_login(reviewer)
    client.post(admin_url(condition, "edit"))
    draft = Condition.objects.get(draft_of=condition)
    client.post(admin_url(draft), change_form(client, draft, summary="Their own change."))

    with pytest.raises(workflow.EditorialRefused, match="another clinical reviewer"):
        workflow.publish(draft, by=reviewer, reviewed=workflow.review_pin(draft))


def test_four_eyes_can_be_turned_off_in_settings(settings):
    settings.EDITORIAL_FOUR_EYES = False
    condition = ConditionFactory()
    reviewer = make_reviewer()
    draft = workflow.open_working_draft(condition, by=reviewer)

    assert (
        workflow.publish(draft, by=reviewer, reviewed=workflow.review_pin(draft)).pk == condition.pk
    )


def test_an_editor_cannot_publish(client):
    draft = ConditionFactory(status=Status.DRAFT)

    with pytest.raises(workflow.EditorialRefused):
        workflow.publish(draft, by=make_editor(), reviewed=workflow.review_pin(draft))


def test_submitting_for_review_puts_the_draft_in_the_reviewers_list(client):
    condition = ConditionFactory()
    editor = make_editor()
    client.force_login(editor)
    client.post(admin_url(condition, "edit"))
    draft = Condition.objects.get(draft_of=condition)
    data = change_form(client, draft, summary="Please check.")
    data["_submit_review"] = "1"
    data["_review_note"] = "Updated the summary"
    client.post(admin_url(draft), data)

    client.force_login(make_reviewer())
    home = client.get(reverse("admin:index")).content.decode()

    assert "Awaiting your review" in home
    assert admin_url(draft, "review") in home
    assert "Updated the summary" in home


def test_the_review_page_quotes_the_last_saves_comment_without_a_second_full_stop(client):
    condition = ConditionFactory()
    client.force_login(make_editor())
    client.post(admin_url(condition, "edit"))
    draft = Condition.objects.get(draft_of=condition)
    data = change_form(client, draft, summary="Please check.")
    client.post(admin_url(draft), {**data, "_submit_review": "1"})
    client.force_login(make_reviewer())

    page = client.get(admin_url(draft, "review")).content.decode()

    sentence = page[page.index("as it was last saved") :].split("</p>")[0]
    assert "Submitted for review" in sentence
    assert sentence.endswith("”")


def test_the_review_page_shows_draft_against_live_with_words_marked(client):
    condition = ConditionFactory(summary="Pain when leaning back.")
    draft = workflow.open_working_draft(condition, by=make_editor())
    draft.summary = "Pain when leaning forward."
    draft.save()
    client.force_login(make_reviewer())

    page = client.get(admin_url(draft, "review")).content.decode()

    assert "<del>back.</del>" in page
    assert "<ins>forward.</ins>" in page


def test_a_reviewer_sends_a_draft_back_with_a_comment(client):
    condition = ConditionFactory()
    draft = workflow.open_working_draft(condition, by=make_editor())
    client.force_login(make_reviewer())

    client.post(admin_url(draft, "review"), {"_send_back": "1", "comment": "Cite the source."})

    draft.refresh_from_db()
    assert draft.review_request == "returned"
    assert draft.review_comment == "Cite the source."
    assert Condition.objects.get(pk=condition.pk).status == Status.PUBLISHED


def test_the_review_page_of_a_draft_sent_back_says_what_was_asked_for(client):
    editor = make_editor()
    draft = workflow.open_working_draft(ConditionFactory(), by=editor)
    workflow.submit_for_review(draft, by=editor, note="Added how long it lasts.")
    reviewer = make_reviewer()
    workflow.send_back(draft, by=reviewer, comment="Cite the <b>source</b>.")
    client.force_login(reviewer)

    page = client.get(admin_url(draft, "review")).content.decode()

    assert "Sent back for changes:</strong> “Cite the &lt;b&gt;source&lt;/b&gt;.”" in page
    assert "Not submitted for review" not in page
    assert "Added how long it lasts." not in page  # the editor's note on what was sent back


def test_publishing_from_the_review_page_makes_the_draft_live(client):
    condition = ConditionFactory(summary="Old.")
    draft = workflow.open_working_draft(condition, by=make_editor())
    draft.summary = "New."
    draft.save()
    client.force_login(make_reviewer())

    response = publish_from_review_page(client, draft)

    assert response.redirect_chain[-1][0] == admin_url(condition)
    assert Condition.objects.get(pk=condition.pk).summary == "New."


def test_preview_before_saving_shows_the_unsaved_text_and_stores_nothing(client):
    condition = ConditionFactory(summary="Live summary.")
    client.force_login(make_editor())
    client.post(admin_url(condition, "edit"))
    draft = Condition.objects.get(draft_of=condition)
    data = change_form(client, draft, summary="Unsaved preview text.")
    data["_preview"] = "1"

    response = client.post(admin_url(draft), data)

    assert response.status_code == 200
    assert "Unsaved preview text." in response.content.decode()
    assert 'name="robots" content="noindex' in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert Condition.objects.get(pk=draft.pk).summary == "Live summary."


def test_preview_of_a_saved_draft_is_the_public_template_with_a_banner(client):
    condition = ConditionFactory()
    draft = workflow.open_working_draft(condition, by=make_editor())
    draft.summary = "Saved draft summary."
    draft.save()
    client.force_login(make_editor("other"))

    response = client.get(admin_url(draft, "preview"))

    page = response.content.decode()
    assert "Saved draft summary." in page
    assert "Preview of a draft" in page


def test_sign_off_fields_are_not_in_the_edit_form(client):
    client.force_login(make_editor())

    page = client.get(reverse("admin:conditions_condition_add")).content.decode()

    for name in ("reviewed_by", "last_reviewed", "next_review_due", "status"):
        assert f'name="{name}"' not in page


def test_saving_and_submitting_keeps_the_change_note_and_the_editor(client):
    from reversion.models import Version

    condition = ConditionFactory()
    editor = make_editor()
    client.force_login(editor)
    client.post(admin_url(condition, "edit"))
    draft = Condition.objects.get(draft_of=condition)
    data = change_form(client, draft, summary="Changed.")
    data.update(_change_note="Clearer summary", _submit_review="1", _review_note="Please check")

    client.post(admin_url(draft), data)

    latest = Version.objects.get_for_object(draft).first().revision
    assert latest.user == editor
    assert "Clearer summary" in latest.comment and "Please check" in latest.comment
    assert editor.pk in workflow.editors_of(draft)


def test_a_reviewers_own_submitted_draft_is_not_in_their_review_list(client):
    condition = ConditionFactory(name="Own draft condition")
    reviewer = make_reviewer()
    client.force_login(reviewer)
    client.post(admin_url(condition, "edit"))
    draft = Condition.objects.get(draft_of=condition)
    data = change_form(client, draft, summary="Mine.")
    data["_submit_review"] = "1"
    client.post(admin_url(draft), data)

    home = client.get(reverse("admin:index")).content.decode()

    awaiting = home.split("Awaiting your review")[1].split("Your drafts")[0]
    assert "Own draft condition" not in awaiting


def test_discarding_a_working_draft_says_the_live_page_stays(client):
    condition = ConditionFactory()
    editor = make_editor()
    draft = workflow.open_working_draft(condition, by=editor)
    client.force_login(editor)

    page = client.get(admin_url(draft, "delete")).content.decode()

    assert "discards the working draft only" in page


def submitted_comment(**note):
    from reversion.models import Version

    editor = make_editor(first_name="Edna", last_name="Editor")
    draft = workflow.open_working_draft(ConditionFactory(), by=editor)
    workflow.submit_for_review(draft, by=editor, **note)
    return Version.objects.get_for_object(draft).first().revision.comment


def test_submitting_with_a_note_keeps_the_note_in_the_history():
    assert submitted_comment(note=" Fixed the dose. ") == (
        "Submitted for review by Edna Editor (clinical editor): Fixed the dose."
    )


def test_submitting_without_a_note_says_so_plainly():
    assert submitted_comment() == "Submitted for review by Edna Editor (clinical editor)."
