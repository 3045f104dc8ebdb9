from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial import registry, uploads
from editorial.links import live_item_links
from editorial.natural_keys import Deserializer, KnownRows
from editorial.workflow import read_for_revisions, save_revision

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"
PICTURES = "pictures"  # the files of the fixtures' pictures, under the name each row stores


class Command(BaseCommand):
    help = (
        "Load the seed content from fixtures/*.json (natural keys). Items that already exist "
        "are left as they are, so a clinician's edits survive; --force overwrites them. Loads "
        "nothing if it would make a live item link a source, symptom or treatment that is not "
        "live. The pictures' files (fixtures/pictures/) are put in the uploads storage where "
        "it lacks them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Overwrite existing items with the fixture text."
        )
        parser.add_argument(
            "--dir", type=Path, default=FIXTURE_DIR, help="Folder of fixtures (default: fixtures/)."
        )

    def handle(self, *args, force=False, dir=FIXTURE_DIR, **options):
        files = sorted(dir.glob("*.json"))
        if not files:
            raise CommandError(f"No content fixtures found in {dir}.")
        created = updated = kept = 0
        with transaction.atomic():
            before = set(links_to_rows_not_live())
            loaded, pictures = [], []
            rows = KnownRows()  # what the load has found and saved, so far, by natural key
            for path in files:
                c, u, k, saved, referenced = load_file(path, force=force, rows=rows)
                created, updated, kept = created + c, updated + u, kept + k
                loaded += [(obj, path.name) for obj in saved]
                pictures += referenced
            refuse_new_links_to_rows_not_live(before)
            # Each item's first revision is taken once every file is in, so it holds all of
            # the item: an exercise's links to conditions come from the conditions' file.
            loaded = [(obj, name) for obj, name in loaded if registry.is_registered(type(obj))]
            read_for_revisions([obj for obj, name in loaded])
            for obj, name in loaded:
                save_revision(obj, user=None, comment=f"Loaded from {name}", read=False)
        for file in pictures:  # once the rows are in: a refused load stores no file
            store_shipped_file(file, dir / PICTURES)
        self.stdout.write(
            f"Content loaded from {len(files)} files: {created} created, {updated} updated, "
            f"{kept} existing items kept" + ("" if force else " (use --force to overwrite them)")
        )


def load_file(path, *, force, rows):
    """Save each object in the file; existing ones (by natural key) only when forced.

    Objects are saved as ordinary saves, not raw fixture saves, so timestamps are set.
    Many-to-many links and forward references are set once every object of the file exists.
    ``rows`` (``KnownRows``) is told of every row saved, so later objects find it by natural
    key without a query. Returns the counts, the objects saved and the files every object of
    the file refers to.
    """
    created = updated = kept = 0
    saved, files = [], []
    with path.open(encoding="utf-8") as stream:
        for item in Deserializer(stream, rows=rows, handle_forward_references=True):
            instance = item.object
            files += [getattr(instance, f.attname) for f in uploads.file_fields(type(instance))]
            exists = instance.pk is not None
            if exists and not force:
                kept += 1
                continue
            if exists:
                keep_stored_state(instance)
            instance._change_reason = f"Loaded from {path.name}"
            instance.save()
            rows.saved(instance, item.deferred_fields)
            saved.append(item)
            created, updated = (created, updated + 1) if exists else (created + 1, updated)
    for item in saved:
        for name, values in (item.m2m_data or {}).items():
            getattr(item.object, name).set(values)
        if item.deferred_fields:
            # Resolves references to objects later in the file, then sets only those links.
            item.save_deferred_fields()
    return created, updated, kept, [item.object for item in saved], files


def store_shipped_file(file, folder):
    """Put a fixture's picture in the uploads storage under the name its row stores, unless the
    storage has it already (a clinician's replacement is a new name, so it is never
    overwritten)."""
    shipped = folder / file.name if file.name else None
    if shipped is None or not shipped.is_file() or file.storage.exists(file.name):
        return
    with shipped.open("rb") as stream:
        stored = file.storage.save(file.name, File(stream))
    if stored != file.name:
        raise CommandError(f"The uploads storage saved {file.name} as {stored}.")


def links_to_rows_not_live():
    """{(item, row)} for each live item's link to a shared row that is not live, by key."""
    return {
        (item._meta.label, item.pk, row._meta.label, row.pk): (item, row)
        for item, row in live_item_links(not_live_only=True)
    }


def refuse_new_links_to_rows_not_live(before):
    """Runners see a shared row only when it is live, so content published as one reviewed
    set publishes what it links to. Links that were there before the load (a reviewer may
    have taken a source off the site since) are not the load's doing."""
    added = [pair for key, pair in links_to_rows_not_live().items() if key not in before]
    if added:
        lines = [
            f"- {item._meta.verbose_name} “{item}” links {row._meta.verbose_name} “{row}”, "
            f"which is {'the working draft of another row' if row.draft_of_id else 'a draft'}."
            for item, row in added
        ]
        raise CommandError(
            "Nothing was loaded: a live item would link rows runners cannot see. Publish each "
            'row with the items ("status": "published" in its fixture) or remove the link.\n'
            + "\n".join(lines)
        )


def keep_stored_state(instance):
    """An overwritten row keeps its creation time (fixtures carry none) and its publication
    status: whether an item is live is a clinician's decision, and only one questionnaire
    version may be live at a time."""
    model = type(instance)
    names = [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    names += [f.attname for f in model._meta.concrete_fields if f.name == "status"]
    if names:
        stored = model._default_manager.filter(pk=instance.pk).values(*names).get()
        for name in names:
            setattr(instance, name, stored[name])
