"""Change history: who changed what and when, the difference, and revert to any version."""

import pytest

from conditions.models import Status
from tests.conditions.clinicians import admin_url, form_data, make_editor, make_reviewer
from tests.factories import GuideFactory

pytestmark = pytest.mark.django_db


def edit(guide, **changes):
    for name, value in changes.items():
        setattr(guide, name, value)
    guide.save()


def revert_data(record):
    """The revert form's data: the old version's fields, as the form shows them."""
    return form_data(record.instance)


def test_history_page_lists_each_change_with_the_difference(client):
    guide = GuideFactory(body="The original advice.")
    edit(guide, body="Some newer advice.")
    client.force_login(make_reviewer())

    page = client.get(admin_url(guide, "history")).content.decode()

    assert "The original advice." in page
    assert "Some newer advice." in page
    assert "Changes" in page


def test_revert_form_shows_the_earlier_body_text(client):
    guide = GuideFactory(body="The original advice.")
    edit(guide, body="Some newer advice.")
    first = guide.history.earliest()
    client.force_login(make_reviewer())

    response = client.get(admin_url(guide, "simple_history", first.history_id))

    assert response.context["adminform"].form.initial["body"] == "The original advice."


def test_reverting_restores_an_earlier_body_text(client):
    guide = GuideFactory(body="The original advice.")
    edit(guide, body="Some newer advice.")
    edit(guide, body="The newest advice.")
    first = guide.history.earliest()
    client.force_login(make_reviewer())

    response = client.post(admin_url(guide, "simple_history", first.history_id), revert_data(first))

    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.body == "The original advice."


def test_a_revert_is_itself_recorded_in_the_history(client):
    guide = GuideFactory(body="The original advice.")
    edit(guide, body="Some newer advice.")
    first = guide.history.earliest()
    reviewer = make_reviewer()
    client.force_login(reviewer)

    client.post(admin_url(guide, "simple_history", first.history_id), revert_data(first))

    assert guide.history.count() == 3
    assert guide.history.latest().history_user == reviewer


def test_editor_cannot_publish_by_reverting_to_a_published_version(client):
    guide = GuideFactory(status=Status.PUBLISHED, body="Published text.")
    edit(guide, status=Status.DRAFT)
    first = guide.history.earliest()
    client.force_login(make_editor())

    response = client.post(admin_url(guide, "simple_history", first.history_id), revert_data(first))

    assert "status" in response.context["adminform"].form.errors
    guide.refresh_from_db()
    assert guide.status == Status.DRAFT
