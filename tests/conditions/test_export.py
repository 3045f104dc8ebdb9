"""export_content writes fixtures that load_content reads back with nothing lost."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from conditions.models import Condition
from editorial.management.commands.export_content import export_files

pytestmark = pytest.mark.django_db


def export(folder):
    call_command("export_content", "--output", str(folder), verbosity=0)
    return {path.name: json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))}


def is_many(value):
    """A many-to-many value: a list of natural keys, each itself a list."""
    return isinstance(value, list) and all(isinstance(key, list) for key in value)


def canonical(files):
    """The exported objects, with many-to-many lists sorted (their order carries no meaning)."""
    result = {}
    for name, objects in files.items():
        result[name] = [
            {
                "model": item["model"],
                "fields": {
                    key: sorted(value, key=json.dumps) if is_many(value) else value
                    for key, value in item["fields"].items()
                },
            }
            for item in objects
        ]
    return result


def empty_content_tables():
    for models in reversed(export_files().values()):
        for model in reversed(models):
            model._default_manager.all().delete()


def test_export_writes_the_same_files_as_the_seed_fixtures(tmp_path):
    written = export(tmp_path)

    seed = {path.name for path in (settings.BASE_DIR / "fixtures").glob("*.json")}
    assert set(written) == seed


@pytest.mark.usefixtures("seed")
def test_export_uses_natural_keys_instead_of_primary_keys(tmp_path):
    written = export(tmp_path)

    condition = next(
        i for i in written["06_conditions.json"] if i["model"] == "conditions.condition"
    )
    assert "pk" not in condition
    assert all(isinstance(key, list) for key in condition["fields"]["sources"])


def test_every_content_model_is_exported():
    exported = {model for models in export_files().values() for model in models}
    for label in settings.PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if getattr(model, "visitor_data", False) or getattr(model, "made_from_content", False):
                continue
            assert model in exported, model._meta.label


def test_export_then_load_into_an_empty_database_gives_the_same_content(tmp_path):
    before = export(tmp_path / "before")
    empty_content_tables()
    assert not Condition.objects.exists()

    call_command("load_content", "--dir", str(tmp_path / "before"), verbosity=0)

    after = export(tmp_path / "after")
    assert canonical(after) == canonical(before)


@pytest.mark.usefixtures("seed")
def test_export_copies_every_pictures_file_next_to_the_fixtures(tmp_path):
    export(tmp_path)

    shipped = settings.BASE_DIR / "fixtures" / "pictures"
    names = sorted(p.relative_to(shipped) for p in shipped.rglob("*") if p.is_file())
    assert names
    for name in names:
        assert (tmp_path / "pictures" / name).read_bytes() == (shipped / name).read_bytes()
