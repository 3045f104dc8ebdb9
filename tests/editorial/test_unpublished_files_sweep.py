"""The rule for uploads, swept over every file field of every registered model and part: a
file on a row that is not live (a working draft, or an item never published or taken off) is
never served to the public. Staff fetch each planted file, so a 404 means "refused", not
"missing"; and the sweep is shown to notice a violation."""

import pytest
from django.core.files.base import ContentFile
from django.db.models import FileField, Q
from django.test import Client

from editorial import registry, uploads, workflow
from editorial.models import Status
from tests.editorial.clinicians import make_editor
from tests.exercises.test_uploads import image_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def file_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, FileField)]


def unpublished_items(model, editor):
    """{state: row} of ``model`` in each state that is not live, from a live seed item."""
    live = model.objects.published().items().first()
    assert live is not None, f"the seed content has no live {model._meta.verbose_name}"
    draft = workflow.open_working_draft(live, by=editor)
    model.objects.filter(pk=live.pk).update(status=Status.DRAFT)  # never published or taken off
    return {"working draft": draft, "not published": model.objects.get(pk=live.pk)}


def plant(model, field, row, name):
    """Store a picture under ``name``, make ``row`` of ``model`` reference it; its URL."""
    stored = field.storage.save(
        field.generate_filename(row, name), ContentFile(image_file().read())
    )
    model._default_manager.filter(pk=row.pk).update(**{field.attname: stored})
    return field.storage.url(stored)


def planted_files(editor):
    """{(field, state): URL} for every file field of every registered model and of its parts
    (found here, not through editorial.uploads), on a row in each state that is not live."""
    planted = {}
    for entry in registry.entries():
        holders = [(entry.model, f, None) for f in file_fields(entry.model)]
        holders += [(p.model, f, p) for p in entry.parts for f in file_fields(p.model)]
        if not holders:
            continue
        for state, item in unpublished_items(entry.model, editor).items():
            for model, f, part in holders:
                row = item if part is None else model._default_manager.create(**{part.fk: item})
                label = f"{model._meta.label}.{f.name}"
                planted[(label, state)] = plant(model, f, row, f"{model._meta.model_name}.png")
    return planted


def sweep(client):
    """{(field, state): (status for the public, status for staff)} for every planted file."""
    editor = make_editor()
    staff = Client()
    staff.force_login(editor)
    results = {}
    for key, url in planted_files(editor).items():
        results[key] = (client.get(url).status_code, staff.get(url).status_code)
    return results


def test_no_file_of_a_row_that_is_not_live_is_served_to_the_public(client):
    results = sweep(client)

    assert {field for field, _state in results} >= {
        "exercises.ExerciseImage.image",
        "exercises.ExerciseImage.thumbnail",
        "conditions.ConditionImage.image",
        "conditions.ConditionImage.thumbnail",
    }
    assert {key: statuses for key, statuses in results.items() if statuses != (404, 200)} == {}


def test_the_sweep_notices_a_file_of_a_draft_served_to_the_public(client, monkeypatch):
    def drafts_count_as_live(item_lookup=""):
        return Q(**{f"{item_lookup}status__in": [Status.DRAFT, Status.PUBLISHED]})

    monkeypatch.setattr(uploads, "live", drafts_count_as_live)

    results = sweep(client)

    assert results
    assert set(results.values()) == {(200, 200)}


def seed_picture_urls():
    """The address of every file of every picture part in the seed content."""
    urls = []
    for entry in registry.entries():
        for part in entry.parts:
            for f in file_fields(part.model):
                names = part.model._default_manager.exclude(**{f.name: ""})
                urls += [f.storage.url(name) for name in names.values_list(f.name, flat=True)]
    return urls


def seed_pictures_taken_off(client):
    """{address: status for the public} of the seed's picture files once every item that
    has pictures is taken off the site; and the statuses while they were live."""
    urls = seed_picture_urls()
    live = {url: client.get(url).status_code for url in urls}
    for entry in registry.entries():
        if any(file_fields(part.model) for part in entry.parts):
            entry.model.objects.update(status=Status.DRAFT)
    return live, {url: client.get(url).status_code for url in urls}


@pytest.fixture
def seed_files(settings, seed_media_root):
    """The uploads storage that loading the seed filled, instead of this file's empty one."""
    settings.MEDIA_ROOT = seed_media_root


@pytest.mark.usefixtures("seed_files")
def test_the_seed_pictures_are_served_while_their_item_is_live_and_never_after(client):
    live, taken_off = seed_pictures_taken_off(client)

    assert len(live) >= 2 * (35 + 8)  # each exercise and condition picture, and its thumbnail
    assert set(live.values()) == {200}
    assert {url: status for url, status in taken_off.items() if status != 404} == {}


@pytest.mark.usefixtures("seed_files")
def test_the_seed_sweep_notices_a_picture_served_after_its_item_is_taken_off(client, monkeypatch):
    monkeypatch.setattr(uploads, "live", lambda item_lookup="": Q(pk__isnull=False))

    _live, taken_off = seed_pictures_taken_off(client)

    assert taken_off
    assert set(taken_off.values()) == {200}
