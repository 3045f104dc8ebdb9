"""The clinicians' admin home names the kind of each entry in its lists, and shows reviewers
what was taken off the site: when, by whom and why, linked to each item."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from editorial import workflow
from search.models import Synonym
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer, publish_as
from tests.factories import ExerciseFactory, QuestionnaireFactory
from triage.questionnaire.versions import copy_as_draft

pytestmark = pytest.mark.django_db


def home(client):
    return client.get(reverse("admin:index")).content.decode()


def section(page, heading_id):
    return page.split(f'id="{heading_id}"')[1].split("</section>")[0]


def synonym(**fields):
    return Synonym.objects.create(
        name="Bottom and glutes",
        slug="bottom-and-glutes",
        phrases="bum",
        search_words="buttock",
        **fields,
    )


def test_awaiting_your_review_names_the_kind_of_each_entry(client):
    editor = make_editor()
    workflow.submit_for_review(synonym(), by=editor)
    version = QuestionnaireFactory()
    workflow.submit_for_review(version, by=editor)
    client.force_login(make_reviewer())

    listed = section(home(client), "awaiting-review-heading")

    assert "Search synonym: Bottom and glutes" in listed
    assert f"Questionnaire version {version.version}" in listed


def test_your_drafts_names_the_kind_of_each_entry(client):
    editor = make_editor()
    item = synonym()
    workflow.save_revision(item, user=editor, comment="Saved")
    client.force_login(editor)

    assert "Search synonym: Bottom and glutes" in section(home(client), "your-drafts-heading")


def test_reviewers_see_what_was_taken_off_the_site_with_when_who_and_why(client):
    exercise = ExerciseFactory(name="Bird dog")
    rita = make_reviewer("rita", first_name="Rita", last_name="Reyes")
    workflow.unpublish(exercise, by=rita, reason="wrong dose")
    client.force_login(make_reviewer("other"))

    listed = section(home(client), "off-site-heading")

    assert f'<a href="{admin_url(exercise)}">Bird dog</a>' in listed
    assert '<td data-label="Kind">Exercise</td>' in listed
    assert date_format(timezone.localdate(), "j M Y") in listed
    assert "Rita Reyes (clinical reviewer)" in listed
    assert "wrong dose" in listed


def test_an_item_published_again_leaves_the_taken_off_list(client):
    exercise = ExerciseFactory(name="Bird dog")
    workflow.unpublish(exercise, by=make_reviewer("rita"), reason="wrong dose")
    exercise.refresh_from_db()
    publish_as(make_reviewer("other"), exercise)
    client.force_login(make_reviewer("third"))

    assert "Bird dog" not in section(home(client), "off-site-heading")


def test_an_item_you_worked_on_that_was_taken_off_says_so_under_your_drafts(client):
    exercise = ExerciseFactory(name="Bird dog")
    rita = make_reviewer("rita")
    workflow.save_revision(exercise, user=rita, comment="Saved")
    workflow.unpublish(exercise, by=rita, reason="wrong dose")
    client.force_login(rita)

    listed = section(home(client), "your-drafts-heading")

    today = date_format(timezone.localdate(), "j M Y")
    assert f"Exercise: Bird dog</a> — Being edited (taken off the site on {today})" in listed


def test_editors_have_no_taken_off_list(client):
    workflow.unpublish(ExerciseFactory(), by=make_reviewer(), reason="wrong dose")
    client.force_login(make_editor())

    assert "off-site-heading" not in home(client)


def test_a_replaced_questionnaire_version_is_neither_a_removal_nor_one_of_your_drafts(client):
    from tests.factories import small_questionnaire

    live = small_questionnaire().questionnaire
    editor = make_editor()
    workflow.save_revision(live, user=editor, comment="Saved")  # the editor wrote it once
    publish_as(make_reviewer("other"), copy_as_draft(live))
    client.force_login(editor)
    page = home(client)
    client.force_login(make_reviewer("third"))

    assert f"Questionnaire version {live.version}" not in section(page, "your-drafts-heading")
    assert f"Version {live.version}" not in section(home(client), "off-site-heading")
