"""Which linked shared rows a page shows with an item: live ones on the public page; in a
draft's preview, also the new rows that go live when it is published."""

import pytest

from conditions.models import Status
from editorial import workflow
from tests.editorial.clinicians import admin_url, make_editor
from tests.factories import ConditionFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_live_item_shows_only_its_live_sources():
    live, new = SourceFactory(title="Live article"), SourceFactory(status=Status.DRAFT)
    working_draft = SourceFactory(draft_of=live)
    condition = ConditionFactory()
    condition.sources.set([live, new, working_draft])

    assert condition.shown_sources == [live]


def test_a_drafts_preview_shows_the_new_source_that_goes_live_with_it_but_no_working_draft():
    live, new = SourceFactory(), SourceFactory(status=Status.DRAFT)
    working_draft = SourceFactory(draft_of=live)
    draft = ConditionFactory(status=Status.DRAFT)
    draft.sources.set([live, new, working_draft])

    assert set(draft.shown_sources) == {live, new}


def test_the_preview_page_cites_the_new_source_that_goes_live_with_the_draft(client):
    editor = make_editor()
    draft = workflow.open_working_draft(ConditionFactory(), by=editor)
    draft.sources.add(SourceFactory(status=Status.DRAFT, title="A newly added article"))
    client.force_login(editor)

    preview = client.get(admin_url(draft, "preview")).content.decode()

    assert "A newly added article" in preview
