"""Every preview of a draft says it is one: swept over every content model with a preview (a
synonym's preview, a search page, had no banner and looked like the public site: this sweep
failed on it before the search template included the banner)."""

import pytest

from editorial import registry, workflow
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

BANNER = "Preview of a draft"


def previews_without_a_banner(client):
    client.force_login(make_reviewer())
    missing, seen = [], 0
    for entry in registry.entries():
        if entry.preview is None:
            continue
        live = entry.model._default_manager.filter(draft_of__isnull=True).first()
        assert live is not None, f"the seed has no {entry.model.__name__}"
        draft = workflow.open_working_draft(live, by=make_editor(f"ed-{entry.model.__name__}"))
        response = client.get(admin_url(draft, "preview"))
        seen += 1
        page = response.content.decode()
        back = f'<a href="{admin_url(draft, "change")}">Back to editing</a>'
        if response.status_code != 200 or BANNER not in page or back not in page:
            missing.append((entry.model.__name__, response.status_code))
    return seen, missing


def test_every_preview_of_a_draft_carries_the_draft_banner_with_a_link_back_to_editing(client):
    seen, missing = previews_without_a_banner(client)

    assert seen >= 6
    assert missing == []
