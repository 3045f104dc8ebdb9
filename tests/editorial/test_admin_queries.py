"""Admin pages of the workflow keep a bounded number of queries as content grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial import workflow
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer
from tests.factories import ConditionFactory, ConditionSymptomFactory

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # warm the per-process caches (content types, site), as in service
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_conditions_with_drafts(count, editor):
    for _ in range(count):
        workflow.open_working_draft(ConditionFactory(), by=editor)


def test_the_condition_list_costs_the_same_with_three_times_the_items(client):
    editor = make_editor()
    client.force_login(make_reviewer())
    url = reverse("admin:conditions_condition_changelist")
    add_conditions_with_drafts(5, editor)
    few = queries(client, url)

    add_conditions_with_drafts(10, editor)

    assert queries(client, url) == few


def test_the_admin_home_costs_the_same_with_three_times_the_drafts(client):
    editor = make_editor()
    client.force_login(editor)
    add_conditions_with_drafts(5, editor)
    few = queries(client, reverse("admin:index"))

    add_conditions_with_drafts(10, editor)

    assert queries(client, reverse("admin:index")) == few


def test_the_review_page_costs_the_same_with_three_times_the_symptoms(client):
    editor = make_editor()
    client.force_login(make_reviewer())
    condition = ConditionFactory()
    ConditionSymptomFactory.create_batch(3, condition=condition)
    draft = workflow.open_working_draft(condition, by=editor)
    few = queries(client, admin_url(draft, "review"))

    ConditionSymptomFactory.create_batch(6, condition=draft)

    assert queries(client, admin_url(draft, "review")) == few
