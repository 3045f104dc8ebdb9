"""The rules of the one publication workflow at its seams: shared rows, publish pinned to what
the reviewer saw, the lock on a submitted draft, two-person review over everything that goes
live together, saves that can no longer be made, and the decisions one reviewer takes alone."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from conditions.models import Condition, ConditionTreatment, Status, Treatment
from editorial import workflow
from editorial.models import Source
from exercises.models import ConditionExercise, Exercise
from tests.editorial.clinicians import (
    admin_url,
    make_editor,
    make_reviewer,
    publish_as,
    publish_from_review_page,
)
from tests.editorial.forms import form_from_page
from tests.factories import (
    ConditionFactory,
    ConditionSymptomFactory,
    ConditionTreatmentFactory,
    SourceFactory,
    TreatmentFactory,
)

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def review_pin_on_page(client, draft):
    page = client.get(admin_url(draft, "review")).content.decode()
    return re.search(r'name="reviewed" value="([0-9a-f]+)"', page).group(1)


def draft_linking_a_new_treatment(editor):
    """A live condition's working draft that links a treatment the editor has just written."""
    condition = ConditionFactory()
    draft = workflow.open_working_draft(condition, by=editor)
    treatment = TreatmentFactory(status=Status.DRAFT, description="New treatment text.")
    workflow.save_revision(treatment, user=editor, comment="Written")
    ConditionTreatmentFactory(condition=draft, treatment=treatment)
    return condition, draft, treatment


# Shared rows ----------------------------------------------------------------------------------


def linked_source(condition):
    source = SourceFactory()
    condition.sources.add(source)
    return source


LINKS = {
    "source": linked_source,
    "symptom": lambda condition: ConditionSymptomFactory(condition=condition).symptom,
    "treatment": lambda condition: ConditionTreatmentFactory(condition=condition).treatment,
}


@pytest.mark.parametrize("kind", LINKS)
def test_where_used_names_every_live_page_that_shows_a_shared_row(kind):
    condition = ConditionFactory(name="Uses the row")
    row = LINKS[kind](condition)

    uses = workflow.where_used(row)

    assert ("live condition: Uses the row", True) in uses


@pytest.mark.usefixtures("seed")
def test_a_source_live_pages_cite_cannot_be_taken_off_the_site(client):
    source = Source.objects.get(key="nhs-back-pain")
    client.force_login(make_reviewer())

    page = client.get(admin_url(source, "unpublish")).content.decode()
    client.post(admin_url(source, "unpublish"), {"reason": "Link broken"})

    assert "live red flag" in page and 'value="Take it off the site"' not in page
    assert Source.objects.get(pk=source.pk).status == Status.PUBLISHED


def test_a_draft_shared_row_a_live_page_links_cannot_be_deleted_and_the_refusal_names_the_page(
    client,
):
    condition = ConditionFactory(name="Cites it")
    source = SourceFactory(status=Status.DRAFT, title="Linked draft source")
    condition.sources.add(source)  # a broken state, as an old install may have
    client.force_login(make_editor())

    response = client.post(admin_url(source, "delete"), {"post": "yes"})

    assert response.status_code == 403
    assert "live condition: Cites it" in response.content.decode()
    assert condition.sources.filter(pk=source.pk).exists()


def test_editing_a_live_shared_row_opens_its_working_draft_and_the_live_page_waits(client):
    link = ConditionTreatmentFactory(treatment=TreatmentFactory(description="Live words."))
    treatment, condition = link.treatment, link.condition
    client.force_login(make_editor())

    client.post(admin_url(treatment, "edit"))
    draft = Treatment.objects.get(draft_of=treatment)
    url = admin_url(draft)
    client.post(url, form_from_page(client, url, description="Draft words."))

    client.logout()
    page = client.get(condition.get_absolute_url()).content.decode()
    assert "Live words." in page and "Draft words." not in page


# Publish what was reviewed ---------------------------------------------------------------------


def test_publish_is_refused_when_the_draft_changed_after_the_review_page_was_opened():
    condition = ConditionFactory(summary="Live.")
    editor, reviewer = make_editor(), make_reviewer()
    draft = workflow.open_working_draft(condition, by=editor)
    client = signed_in(reviewer)
    pin = review_pin_on_page(client, draft)
    Condition.objects.filter(pk=draft.pk).update(summary="Written after the review opened.")

    response = client.post(
        admin_url(draft, "review"), {"_publish": "1", "reviewed": pin}, follow=True
    )

    assert "changed after you opened the review page" in response.content.decode()
    assert Condition.objects.get(pk=condition.pk).summary == "Live."


def test_publish_is_refused_when_a_new_treatment_changed_after_review():
    editor, reviewer = make_editor(), make_reviewer()
    condition, draft, treatment = draft_linking_a_new_treatment(editor)
    pin = workflow.review_pin(draft)
    Treatment.objects.filter(pk=treatment.pk).update(description="Changed after review.")

    with pytest.raises(workflow.EditorialRefused, match="changed after you opened"):
        workflow.publish(draft, by=reviewer, reviewed=pin)

    assert Treatment.objects.get(pk=treatment.pk).status == Status.DRAFT
    assert not ConditionTreatment.objects.filter(condition=condition).exists()


def test_the_review_page_shows_a_new_shared_rows_full_text():
    editor = make_editor()
    _condition, draft, treatment = draft_linking_a_new_treatment(editor)

    page = signed_in(make_reviewer()).get(admin_url(draft, "review")).content.decode()

    assert f"New treatment that goes live with it: {treatment.name}" in page
    assert "New treatment text." in page


def test_a_new_shared_row_goes_live_with_the_draft_that_links_it():
    editor = make_editor()
    condition, draft, treatment = draft_linking_a_new_treatment(editor)

    publish_as(make_reviewer(), draft)

    assert Treatment.objects.get(pk=treatment.pk).status == Status.PUBLISHED
    assert ConditionTreatment.objects.filter(condition=condition, treatment=treatment).exists()


def test_a_reviewer_who_wrote_a_new_treatment_cannot_publish_the_draft_that_links_it():
    reviewer = make_reviewer()
    condition = ConditionFactory()
    draft = workflow.open_working_draft(condition, by=make_editor())
    treatment = TreatmentFactory(status=Status.DRAFT)
    workflow.save_revision(treatment, user=reviewer, comment="The reviewer wrote it")
    ConditionTreatmentFactory(condition=draft, treatment=treatment)

    with pytest.raises(workflow.EditorialRefused, match="another clinical reviewer"):
        publish_as(reviewer, draft)


def test_two_reviewers_publishing_one_draft_one_after_the_other_get_a_clear_message():
    condition = ConditionFactory()
    draft = workflow.open_working_draft(condition, by=make_editor())
    first, second = signed_in(make_reviewer("first")), signed_in(make_reviewer("second"))
    second_pin = review_pin_on_page(second, draft)
    publish_from_review_page(first, draft)

    response = second.post(
        admin_url(draft, "review"), {"_publish": "1", "reviewed": second_pin}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == admin_url(condition)
    assert "no longer exists: someone published or discarded it" in response.content.decode()


# Locked while awaiting review -----------------------------------------------------------------


def submitted_draft(editor, client):
    condition = ConditionFactory()
    client.post(admin_url(condition, "edit"))
    draft = Condition.objects.get(draft_of=condition)
    url = admin_url(draft)
    form = form_from_page(client, url, summary="Sent for review.")
    client.post(url, {**form, "_submit_review": "1"})
    return draft, form


def test_a_submitted_draft_is_locked_and_a_save_keeps_what_was_typed(client):
    editor = make_editor()
    client.force_login(editor)
    draft, form = submitted_draft(editor, client)

    response = client.post(admin_url(draft), {**form, "summary": "Typed while it was locked."})

    assert response.status_code == 409
    page = response.content.decode()
    changed = page.split("What you changed or wrote")[1].split("</table>")[0]
    assert "Summary" in changed and "Typed while it was locked." in changed
    assert "What it is" not in changed  # what was not changed is under "Everything"
    assert "conditionsymptom_set-" not in page and "__prefix__" not in page
    assert Condition.objects.get(pk=draft.pk).summary == "Sent for review."


def test_withdrawing_a_submitted_draft_unlocks_it(client):
    editor = make_editor()
    client.force_login(editor)
    draft, _form = submitted_draft(editor, client)

    client.post(admin_url(draft, "withdraw"))
    url = admin_url(draft)
    response = client.post(url, form_from_page(client, url, summary="Fixed a typo."))

    assert response.status_code == 302
    assert Condition.objects.get(pk=draft.pk).summary == "Fixed a typo."


def test_a_new_shared_row_that_goes_live_with_a_submitted_draft_is_locked_too(client):
    editor = make_editor()
    _condition, draft, treatment = draft_linking_a_new_treatment(editor)
    workflow.submit_for_review(draft, by=editor)
    client.force_login(editor)
    url = admin_url(treatment)

    response = client.post(url, {"name": "Renamed", "slug": treatment.slug, "description": "X"})

    assert response.status_code == 409
    assert Treatment.objects.get(pk=treatment.pk).name == treatment.name


# Saves that can no longer be made --------------------------------------------------------------


def test_a_save_after_the_draft_was_published_keeps_the_text_and_says_why(client):
    condition = ConditionFactory()
    client.force_login(make_editor())
    client.post(admin_url(condition, "edit"))
    draft = Condition.objects.get(draft_of=condition)
    url = admin_url(draft)
    form = form_from_page(client, url)
    publish_as(make_reviewer(), draft)

    response = client.post(url, {**form, "summary": "Typed before the publish."})

    assert response.status_code == 409
    page = response.content.decode()
    assert "a clinical reviewer published it" in page
    assert "Typed before the publish." in page
    assert "doesn’t exist" not in page
    assert admin_url(condition) in page  # a link to what is live now


# Restore --------------------------------------------------------------------------------------


@pytest.mark.usefixtures("seed")
def test_restoring_a_seed_exercises_first_revision_brings_back_every_link(client):
    exercise = Exercise.objects.get(slug="dead-bug")
    links = set(
        ConditionExercise.objects.filter(exercise=exercise).values_list("condition_id", "phase")
    )
    first = Version.objects.get_for_object(exercise).order_by("revision__date_created").first()
    client.force_login(make_editor())

    client.post(admin_url(exercise, "restore", first.pk))

    draft = Exercise.objects.get(draft_of=exercise)
    restored = set(
        ConditionExercise.objects.filter(exercise=draft).values_list("condition_id", "phase")
    )
    assert len(links) == 8
    assert restored == links


# Decisions one reviewer takes alone ------------------------------------------------------------


def test_one_reviewer_may_take_an_item_off_the_site_after_seeing_where_it_is_used(client):
    condition = ConditionFactory()
    client.force_login(make_reviewer())

    page = client.get(admin_url(condition, "unpublish")).content.decode()
    client.post(admin_url(condition, "unpublish"), {"reason": "Wrong advice"})

    assert 'value="Take it off the site"' in page
    assert Condition.objects.get(pk=condition.pk).status == Status.DRAFT
    assert Version.objects.get_for_object(condition).first().revision.comment == (
        "Taken off the site: Wrong advice"
    )


def test_marking_reviewed_changes_the_review_dates_and_no_content(client):
    condition = ConditionFactory(summary="Same words.")
    client.force_login(make_reviewer(first_name="Priya", last_name="Shah"))

    client.post(
        reverse("admin:conditions_condition_changelist"),
        {"action": "mark_reviewed", "_selected_action": [condition.pk], "confirmed": "yes"},
    )

    condition.refresh_from_db()
    assert condition.reviewed_by == "Priya Shah (clinical reviewer)"
    assert condition.summary == "Same words."


def test_opening_a_published_drafts_old_address_leads_to_the_live_page(client):
    condition = ConditionFactory()
    draft = workflow.open_working_draft(condition, by=make_editor())
    publish_as(make_reviewer(), draft)
    client.force_login(make_editor("another"))

    response = client.get(admin_url(draft), follow=True)

    assert response.redirect_chain[-1][0] == admin_url(condition)
    assert "no longer exists" in response.content.decode()


def test_a_draft_linking_another_rows_working_draft_is_not_published():
    editor = make_editor()
    condition = ConditionFactory()
    draft = workflow.open_working_draft(condition, by=editor)
    live_treatment = TreatmentFactory()
    twin = workflow.open_working_draft(live_treatment, by=editor)
    ConditionTreatmentFactory(condition=draft, treatment=twin)  # not offered by the admin

    with pytest.raises(workflow.EditorialRefused, match="working draft of a live row"):
        publish_as(make_reviewer(), draft)

    assert not ConditionTreatment.objects.filter(condition=condition).exists()


@pytest.mark.usefixtures("seed")
def test_an_editor_may_discard_the_working_draft_of_a_source_live_pages_cite(client):
    source = Source.objects.get(key="nhs-back-pain")
    editor = make_editor()
    draft = workflow.open_working_draft(source, by=editor)
    client.force_login(editor)

    client.post(admin_url(draft, "delete"), {"post": "yes"})

    assert not Source.objects.filter(pk=draft.pk).exists()
    assert Source.objects.get(pk=source.pk).status == Status.PUBLISHED


def test_restoring_a_new_shared_row_that_goes_live_with_a_submitted_draft_is_refused(client):
    editor = make_editor()
    _condition, draft, treatment = draft_linking_a_new_treatment(editor)
    first = Version.objects.get_for_object(treatment).first()
    Treatment.objects.filter(pk=treatment.pk).update(description="Second text.")
    workflow.submit_for_review(draft, by=editor)
    client.force_login(editor)

    client.post(admin_url(treatment, "restore", first.pk), follow=True)

    assert Treatment.objects.get(pk=treatment.pk).description == "Second text."
