"""Taking a live item off the site records when, by whom and why, the admin says so, and
publishing the item again clears it."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Revision, Version

from editorial import workflow
from editorial.models import Status
from exercises.models import Exercise
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer, publish_as
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


def rita():
    return make_reviewer("rita", first_name="Rita", last_name="Reyes")


def today():
    return date_format(timezone.localdate(), "j M Y")


def take_off(client, item, reason="wrong dose"):
    return client.post(admin_url(item, "unpublish"), {"reason": reason})


def test_taking_an_item_off_the_site_records_when_who_and_why():
    exercise = ExerciseFactory(name="Bird dog")

    workflow.unpublish(exercise, by=rita(), reason="  wrong dose  ")

    exercise.refresh_from_db()
    assert exercise.status == Status.DRAFT
    assert exercise.taken_off_by == "Rita Reyes (clinical reviewer)"
    assert exercise.taken_off_reason == "wrong dose"
    assert timezone.localdate(exercise.taken_off_at) == timezone.localdate()


def test_the_revision_of_taking_an_item_off_keeps_the_reason():
    exercise = ExerciseFactory()

    workflow.unpublish(exercise, by=rita(), reason="wrong dose")

    latest = Version.objects.get_for_object(exercise).first()
    assert latest.revision.comment == "Taken off the site: wrong dose"


def test_a_reviewer_without_a_full_name_is_recorded_by_role_never_by_login_name():
    exercise = ExerciseFactory()

    workflow.unpublish(exercise, by=make_reviewer("rr42"), reason="wrong dose")

    exercise.refresh_from_db()
    assert exercise.taken_off_by == "Clinical reviewer"


def test_taking_an_item_off_the_site_without_a_reason_is_refused():
    exercise = ExerciseFactory()

    with pytest.raises(workflow.EditorialRefused, match="Say why"):
        workflow.unpublish(exercise, by=rita(), reason="   ")

    assert Exercise.objects.get(pk=exercise.pk).status == Status.PUBLISHED


def test_the_confirmation_page_asks_for_the_reason(client):
    client.force_login(rita())

    page = client.get(admin_url(ExerciseFactory(), "unpublish")).content.decode()

    assert 'name="reason"' in page and "required" in page
    assert "Why is it coming off the site?" in page


def test_the_confirmation_page_sent_without_a_reason_says_so_and_the_item_stays_live(client):
    exercise = ExerciseFactory()
    client.force_login(rita())

    response = take_off(client, exercise, reason="")

    assert response.status_code == 200
    assert "Say why it comes off the site" in response.content.decode()
    assert Exercise.objects.get(pk=exercise.pk).status == Status.PUBLISHED


def test_the_state_column_says_since_when_by_whom_and_why_it_is_off_the_site(client):
    exercise = ExerciseFactory(name="Bird dog")
    client.force_login(rita())
    take_off(client, exercise)

    page = client.get(reverse("admin:exercises_exercise_changelist")).content.decode()

    assert (
        f"Off the site since {today()}, taken off by Rita Reyes (clinical reviewer): wrong dose"
        " · Being edited"
    ) in page


def test_the_change_page_of_an_item_off_the_site_says_since_when_by_whom_and_why(client):
    exercise = ExerciseFactory(name="Bird dog")
    client.force_login(rita())
    take_off(client, exercise)

    page = client.get(admin_url(exercise)).content.decode()

    assert (
        f"Off the site since {today()}, taken off by Rita Reyes (clinical reviewer): wrong dose"
    ) in page


def test_the_reason_is_shown_as_plain_text(client):
    exercise = ExerciseFactory()
    client.force_login(rita())
    take_off(client, exercise, reason="<b>wrong</b> dose")

    page = client.get(admin_url(exercise)).content.decode()

    assert "&lt;b&gt;wrong&lt;/b&gt; dose" in page and "<b>wrong</b>" not in page


def test_publishing_an_item_again_clears_when_and_why_it_was_taken_off(client):
    exercise = ExerciseFactory()
    workflow.unpublish(exercise, by=rita(), reason="wrong dose")
    exercise.refresh_from_db()

    publish_as(make_reviewer("other"), exercise)

    exercise.refresh_from_db()
    assert exercise.status == Status.PUBLISHED
    assert (exercise.taken_off_at, exercise.taken_off_by, exercise.taken_off_reason) == (
        None,
        "",
        "",
    )


def test_an_item_published_again_is_listed_as_live_not_as_off_the_site(client):
    exercise = ExerciseFactory()
    workflow.unpublish(exercise, by=rita(), reason="wrong dose")
    exercise.refresh_from_db()
    publish_as(make_reviewer("other"), exercise)
    client.force_login(make_editor())

    page = client.get(reverse("admin:exercises_exercise_changelist")).content.decode()

    assert "Off the site since" not in page


def test_a_working_draft_opened_from_a_live_item_carries_nothing_of_an_earlier_removal():
    exercise = ExerciseFactory()
    workflow.unpublish(exercise, by=rita(), reason="wrong dose")
    exercise.refresh_from_db()
    publish_as(make_reviewer("other"), exercise)

    draft = workflow.open_working_draft(Exercise.objects.get(pk=exercise.pk), by=make_editor())

    assert draft.taken_off_at is None and draft.taken_off_reason == ""


def test_an_item_taken_off_before_the_fields_existed_is_found_in_its_revisions():
    from django.apps import apps
    from django.db import connection

    from editorial.off_site_history import record_earlier_removals

    exercise = ExerciseFactory()
    workflow.unpublish(exercise, by=rita(), reason="wrong dose")
    Exercise.objects.filter(pk=exercise.pk).update(
        taken_off_at=None, taken_off_by="", taken_off_reason=""
    )
    Revision.objects.filter(comment="Taken off the site: wrong dose").update(
        comment="Taken off the site"  # as the old code wrote it
    )

    record_earlier_removals("exercises", ["Exercise"])(apps, connection.schema_editor())

    exercise.refresh_from_db()
    assert exercise.is_off_the_site
    assert exercise.taken_off_by == "Rita Reyes (clinical reviewer)"
    assert exercise.taken_off_reason == ""
