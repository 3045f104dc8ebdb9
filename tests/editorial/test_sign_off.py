"""Sign-off names a person by their full name and role, never by their login name: as it is
written and as runners read it."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from editorial import services
from editorial.review import reviewer_label
from editorial.roles import REVIEWER
from tests.conditions.clinicians import make_editor, make_reviewer
from tests.factories import ConditionFactory

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
    draft = services.open_working_draft(condition, by=make_editor())
    services.publish(draft, by=make_reviewer("rev1", first_name="Priya", last_name="Shah"))

    html = client.get(condition.get_absolute_url()).content.decode()

    assert "Reviewed by: Priya Shah (clinical reviewer)" in html
    assert "rev1" not in html


def test_the_development_login_has_a_full_name_to_sign_with(settings):
    settings.DEBUG = True

    call_command("ensure_dev_clinician", stdout=StringIO())

    assert get_user_model().objects.get(username="clinician").get_full_name() == "Dev Clinician"
