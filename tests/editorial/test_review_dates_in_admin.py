"""The admin shows a review date only where a reviewer gave one: a row nobody has signed (a new
item, a working draft, a new questionnaire version) says so instead of showing the dates it
was made with."""

import pytest

from editorial import workflow
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer, publish_as
from tests.factories import ConditionFactory

pytestmark = pytest.mark.django_db


def test_a_working_draft_says_it_is_not_reviewed_yet_though_its_live_row_was(client):
    live = ConditionFactory(reviewed_by="Dr Live Reviewer (Clinical reviewer)")
    draft = workflow.open_working_draft(live, by=make_editor())
    client.force_login(make_editor("other"))

    page = client.get(admin_url(draft)).content.decode()

    assert "Not reviewed yet" in page
    assert "Set when a reviewer publishes it" in page
    assert "Dr Live Reviewer" not in page


def test_a_new_item_says_it_is_not_reviewed_yet(client):
    item = ConditionFactory(reviewed_by="", status="draft")
    client.force_login(make_editor())

    page = client.get(admin_url(item)).content.decode()

    assert "Not reviewed yet" in page


def test_a_published_item_shows_the_day_it_was_reviewed_and_by_whom(client):
    live = ConditionFactory(reviewed_by="")
    editor = make_editor()
    draft = workflow.open_working_draft(live, by=editor)
    workflow.submit_for_review(draft, by=editor)
    reviewer = make_reviewer()
    publish_as(reviewer, draft)
    live.refresh_from_db()
    client.force_login(reviewer)

    page = client.get(admin_url(live)).content.decode()

    assert "Not reviewed yet" not in page
    assert live.last_reviewed.strftime("%-d %b %Y") in page
    assert live.reviewed_by in page
