"""Only publishing changes what runners see, so only publishing makes cached pages stale: an
editor saving a working draft, or any of its parts, leaves the public cache as it is."""

import pytest
from django.utils import timezone

from core.caching import content_version
from editorial import registry, workflow
from editorial.models import Status
from tests.editorial.clinicians import make_editor, make_reviewer

pytestmark = pytest.mark.django_db

DRAFTED = sorted(
    (
        entry.model
        for entry in registry.entries()
        if isinstance(entry.strategy, workflow.WorkingDraft)
    ),
    key=lambda model: model._meta.label,
)


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("model", DRAFTED, ids=lambda model: model._meta.label)
def test_saving_a_working_draft_and_its_parts_leaves_every_cached_page(model):
    live = model.objects.live().first()
    assert live is not None, f"the seed content has no live {model._meta.label}"
    draft = workflow.open_working_draft(live, by=make_editor())
    version = content_version()

    draft.save()
    for part in registry.entry(model).parts:
        for row in getattr(draft, part.accessor).all():
            row.save()

    assert content_version() == version


@pytest.mark.usefixtures("seed")
def test_publishing_a_working_draft_makes_cached_pages_stale():
    model = DRAFTED[0]
    draft = workflow.open_working_draft(model.objects.live().first(), by=make_editor())
    version = content_version()

    workflow.publish(draft, by=make_reviewer(), reviewed=workflow.review_pin(draft))

    assert content_version() != version


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("model", DRAFTED, ids=lambda model: model._meta.label)
def test_a_bulk_update_taking_an_item_off_the_site_makes_cached_pages_stale(model):
    live = model.objects.live().first()
    version = content_version()

    model.objects.filter(pk=live.pk).update(status=Status.DRAFT)

    assert content_version() != version


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("model", DRAFTED, ids=lambda model: model._meta.label)
def test_a_bulk_update_of_a_working_draft_alone_leaves_every_cached_page(model):
    draft = workflow.open_working_draft(model.objects.live().first(), by=make_editor())
    version = content_version()

    model.objects.filter(pk=draft.pk).update(updated=timezone.now())

    assert content_version() == version
