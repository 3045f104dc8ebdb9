"""Sign-off names a person by their full name and role, never by their login name: as it is
written, as runners read it, and as earlier releases stored it (the data migration)."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from editorial import workflow
from editorial.review import relabel_sign_offs, relabelled, reviewer_label
from editorial.roles import REVIEWER
from tests.editorial.clinicians import make_editor, make_reviewer, publish_as
from tests.factories import ConditionFactory, QuestionnaireFactory

pytestmark = pytest.mark.django_db


def test_the_label_is_the_full_name_and_the_role():
    reviewer = make_reviewer("rev1", first_name="Priya", last_name="Shah")

    assert reviewer_label(reviewer, REVIEWER) == "Priya Shah (clinical reviewer)"


def test_without_a_full_name_the_label_is_the_role_alone():
    assert reviewer_label(make_reviewer("rev1"), REVIEWER) == "Clinical reviewer"


def test_staff_with_neither_a_full_name_nor_a_role_sign_as_a_staff_member():
    admin = get_user_model().objects.create_superuser("root", password="x-long-password-1")

    assert reviewer_label(admin) == "Staff member"


def test_the_public_page_after_a_publish_shows_the_reviewers_full_name(client):
    condition = ConditionFactory()
    draft = workflow.open_working_draft(condition, by=make_editor())
    publish_as(make_reviewer("rev1", first_name="Priya", last_name="Shah"), draft)

    html = client.get(condition.get_absolute_url()).content.decode()

    assert "Reviewed by: Priya Shah (clinical reviewer)" in html
    assert "rev1" not in html


def test_the_development_login_has_a_full_name_to_sign_with(settings):
    settings.DEBUG = True

    call_command("ensure_dev_clinician", stdout=StringIO())

    assert get_user_model().objects.get(username="clinician").get_full_name() == "Dev Clinician"


def test_an_old_login_name_label_becomes_the_role_alone_without_a_full_name():
    label = relabelled("rev1 (clinical reviewer)", full_names={"rev1": ""})

    assert label == "Clinical reviewer"


def test_an_old_login_name_label_becomes_the_full_name_and_role():
    label = relabelled("rev1 (clinical reviewer)", full_names={"rev1": "Priya Shah"})

    assert label == "Priya Shah (clinical reviewer)"


def test_a_label_that_names_no_login_is_kept():
    label = relabelled("Runner's Back clinical team (physiotherapists)", full_names={"rev1": ""})

    assert label == "Runner's Back clinical team (physiotherapists)"


def test_the_migration_rewrites_stored_labels_of_items_and_questionnaire_versions():
    make_reviewer("rev1")
    make_reviewer("rev2", first_name="Priya", last_name="Shah")
    condition = ConditionFactory(reviewed_by="rev1 (clinical reviewer)")
    version = QuestionnaireFactory(reviewed_by="rev2 (clinical reviewer)")

    relabel_sign_offs(apps, SimpleNamespace(connection=connection))

    condition.refresh_from_db()
    version.refresh_from_db()
    assert (condition.reviewed_by, version.reviewed_by) == (
        "Clinical reviewer",
        "Priya Shah (clinical reviewer)",
    )
