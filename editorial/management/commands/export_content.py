import json
from pathlib import Path

from django.core import serializers
from django.core.management.base import BaseCommand

from editorial import registry, uploads

# Set afresh when an item is loaded, or belonging to the editing of this installation's rows,
# so they are left out like in the seed fixtures.
TIMESTAMPS = {
    "created",
    "updated",
    "draft_of",
    "edit_version",
    "review_request",
    "review_note",
    "review_comment",
    "submitted_by",
}


def export_files():
    """{file name: [models]}: the files of fixtures/ (``editorial.registry.fixture_files``),
    each with the models that have a natural key. Visitors' rows, and the search entries
    (made from the content wherever it is loaded), are registered nowhere, so never exported.
    (Pictures are exported: their rows as parts of their items, their files copied into
    pictures/.)"""
    return {
        name: [model for model in models if hasattr(model, "natural_key")]
        for name, models in registry.fixture_files().items()
    }


def without_natural_key():
    """Registered models left out for want of a natural key."""
    return [
        model
        for models in registry.fixture_files().values()
        for model in models
        if not hasattr(model, "natural_key")
    ]


def live_rows(model):
    """Every row but the working drafts of live items, which stay where they are edited."""
    rows = model._default_manager.all()
    names = {f.name for f in model._meta.get_fields()}
    return rows.filter(draft_of__isnull=True) if "draft_of" in names else rows


def serialize(models):
    """The rows of the models as fixture objects with natural keys and no primary keys."""
    objects = []
    for model in models:
        text = serializers.serialize(
            "json",
            live_rows(model).order_by("pk"),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        for item in json.loads(text):
            item["fields"] = {k: v for k, v in item["fields"].items() if k not in TIMESTAMPS}
            objects.append(item)
    return objects


def copy_pictures(models, folder):
    """Copy the file of every exported row that has one, under the name the row stores."""
    for model in models:
        for field in uploads.file_fields(model):
            for name in (
                live_rows(model).exclude(**{field.name: ""}).values_list(field.name, flat=True)
            ):
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with field.storage.open(name, "rb") as stored:
                    target.write_bytes(stored.read())


class Command(BaseCommand):
    help = (
        "Write all content (and the questionnaire, if installed) as JSON fixtures with natural "
        "keys, split like fixtures/, for `load_content --dir DIR` on another installation, "
        "with the pictures' files in pictures/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path("content-export"),
            help="Folder to write into (created if needed; default: content-export/).",
        )

    def handle(self, *args, output, verbosity=1, **options):
        output.mkdir(parents=True, exist_ok=True)
        total = 0
        for name, models in export_files().items():
            objects = serialize(models)
            copy_pictures(models, output / "pictures")
            text = json.dumps(objects, indent=2, ensure_ascii=False) + "\n"
            (output / name).write_text(text, encoding="utf-8")
            total += len(objects)
        for model in without_natural_key():
            self.stderr.write(
                f"Not exported: {model._meta.label} has no natural key, so it could not be "
                "matched on another installation."
            )
        if verbosity:
            self.stdout.write(f"Exported {total} items to {output}.")
