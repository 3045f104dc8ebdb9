import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from editorial.roles import (
    EDITOR,
    REVIEWER,
    editor_codenames,
    publish_codenames,
    role_models,
    sync_role_permissions,
)
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer, make_staff
from tests.factories import ConditionFactory

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_the_migrations_create_both_clinical_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITOR, REVIEWER}


def test_editors_may_add_and_change_every_kind_of_content():
    granted = codenames(EDITOR)

    for codename in ("add_condition", "change_condition", "change_guide"):
        assert ("conditions", codename) in granted
    assert ("editorial", "change_source") in granted
    assert ("exercises", "change_exercise") in granted


def test_editors_may_not_publish_anything():
    assert not any(codename.startswith("publish_") for _app, codename in codenames(EDITOR))


def test_editors_may_delete_drafts_but_the_admin_keeps_live_items_from_them():
    # Deleting a new item or discarding a working draft changes nothing live; live items
    # refuse deletion for everyone (tests/editorial/test_live_content_sweep.py).
    assert ("conditions", "delete_condition") in codenames(EDITOR)


def test_editors_may_remove_rows_edited_inline():
    assert ("exercises", "delete_exercisestep") in codenames(EDITOR)


def test_reviewers_hold_every_editor_permission_and_the_publish_permissions():
    granted = codenames(REVIEWER)

    assert codenames(EDITOR) <= granted
    assert ("conditions", "publish_condition") in granted
    assert ("exercises", "publish_exercise") in granted


def test_reviewers_hold_the_publish_permission_of_every_model_that_defines_one():
    defined = {
        (model._meta.app_label, codename)
        for model in role_models()
        for codename in publish_codenames(model)
    }

    assert defined
    assert defined <= codenames(REVIEWER)


def test_questionnaire_submissions_are_view_only_for_editors():
    assert editor_codenames("triage", "submission") == {"view_submission"}


def test_role_sync_restores_permissions_removed_from_a_role():
    Group.objects.get(name=REVIEWER).permissions.clear()

    sync_role_permissions()

    assert ("conditions", "publish_condition") in codenames(REVIEWER)


def test_role_sync_recreates_a_deleted_role():
    Group.objects.filter(name=EDITOR).delete()

    sync_role_permissions()

    assert ("conditions", "change_condition") in codenames(EDITOR)


def test_staff_without_a_role_get_403_on_change_pages(client):
    client.force_login(make_staff("no-role"))

    response = client.get(admin_url(ConditionFactory()))

    assert response.status_code == 403


def test_staff_without_a_role_see_nothing_to_change_on_the_admin_index(client):
    client.force_login(make_staff("no-role"))

    response = client.get(reverse("admin:index"))

    assert response.context["app_list"] == []


def test_editors_can_open_a_change_page(client):
    client.force_login(make_editor())

    assert client.get(admin_url(ConditionFactory())).status_code == 200


def test_reviewers_can_open_a_change_page(client):
    client.force_login(make_reviewer())

    assert client.get(admin_url(ConditionFactory())).status_code == 200


def test_createclinician_creates_a_staff_account_with_the_role():
    call_command(
        "createclinician", "sam", "--role", "reviewer", "--password", "Cobra-Stretch-42!",
        "--first-name", "Sam", "--last-name", "Okafor",
    )  # fmt: skip

    user = get_user_model().objects.get(username="sam")
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [REVIEWER]
    assert user.check_password("Cobra-Stretch-42!")


def test_createclinician_prints_a_generated_password_that_works(capsys):
    call_command("createclinician", "alex", "--role", "editor")

    printed = capsys.readouterr().out
    password = printed.split("Password: ")[1].strip()
    assert get_user_model().objects.get(username="alex").check_password(password)


def test_createclinician_refuses_an_existing_username():
    make_editor("taken")

    with pytest.raises(CommandError, match="already exists"):
        call_command("createclinician", "taken", "--role", "reviewer")


def test_createclinician_refuses_a_weak_password():
    with pytest.raises(CommandError):
        call_command("createclinician", "weak", "--role", "editor", "--password", "123")

    assert not get_user_model().objects.filter(username="weak").exists()


def test_createclinician_refuses_a_reviewer_without_a_full_name():
    with pytest.raises(CommandError, match="--first-name and --last-name"):
        call_command("createclinician", "rev1", "--role", "reviewer", "--last-name", " ")

    assert not get_user_model().objects.filter(username="rev1").exists()


def test_createclinician_stores_the_full_name_a_reviewer_signs_with():
    call_command(
        "createclinician", "pshah", "--role", "reviewer", "--first-name", "Priya",
        "--last-name", "Shah",
    )  # fmt: skip

    assert get_user_model().objects.get(username="pshah").get_full_name() == "Priya Shah"
