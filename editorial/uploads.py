"""Which uploaded files runners may fetch: a file goes live with the item it belongs to.

A stored file is public only while a row that references it belongs to a live item
(published, and not a working draft), whether the file field is on the item itself or on one
of its parts. Staff previews may show any file a row references; a file that no row
references (a picture since replaced, or one stored by a preview that was rolled back) is
nobody's. The file fields are found through the registry, so ``editorial`` still imports no
content app.
"""

import base64
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import BooleanField, ExpressionWrapper, FileField, Q
from django.db.models.signals import pre_save
from django.utils.html import escape
from PIL import Image, UnidentifiedImageError

from editorial import registry
from editorial.models import Status


def file_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, FileField)]


def file_holders():
    """[(model, file field, lookup from its row to the item: "" or "<fk>__")] for every file
    field of every registered model and of its parts."""
    holders = []
    for entry in registry.entries():
        holders.extend((entry.model, f, "") for f in file_fields(entry.model))
        for part in entry.parts:
            holders.extend((part.model, f, f"{part.fk}__") for f in file_fields(part.model))
    return holders


def live(item_lookup=""):
    """The rows that belong to a live item, as a condition on the row."""
    return Q(**{f"{item_lookup}status": Status.PUBLISHED, f"{item_lookup}draft_of__isnull": True})


def references(name):
    """Over every row that references the stored file ``name``, the distinct answers to "does
    it belong to a live item?": [] when no row does, else [False], [True] or both. One query,
    whatever the number of file fields."""
    if not name:
        return []
    queries = [
        model._default_manager.filter(**{f.name: name})
        .annotate(is_live=ExpressionWrapper(live(item_lookup), output_field=BooleanField()))
        .order_by()
        .values_list("is_live", flat=True)
        .distinct()
        for model, f, item_lookup in file_holders()
    ]
    if not queries:
        return []
    first, *others = queries
    return list(first.union(*others)) if others else list(first)


def is_public(name):
    """Whether the stored file ``name`` belongs to a live item, so runners may fetch it."""
    return any(references(name))


def is_referenced(name):
    """Whether any row (live, draft or working draft) references the stored file ``name``."""
    return bool(references(name))


_stored_here = ContextVar("editorial_uploads_stored_here", default=None)


@contextmanager
def discarding_unreferenced_uploads():
    """Delete, on leaving the block, the files that saves inside it stored and that no row
    references by then: the uploads of a transaction the block rolled back.

    Saves in other threads or requests are not watched (the list lives in this context).
    """
    stored = []
    token = _stored_here.set(stored)

    def remember(sender, instance, raw=False, **kwargs):
        if _stored_here.get() is not stored or raw:
            return
        for f in file_fields(sender):
            file = getattr(instance, f.attname)
            if file and not file._committed:  # the save is about to write it to storage
                stored.append(file)

    uid = f"editorial.uploads.{id(stored)}"
    pre_save.connect(remember, weak=False, dispatch_uid=uid)
    try:
        yield
    finally:
        pre_save.disconnect(dispatch_uid=uid)
        _stored_here.reset(token)
        for file in stored:
            if file._committed and file.name and not is_referenced(file.name):
                file.storage.delete(file.name)


PICTURE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


def picture_type(file):
    """The Content-Type of a PNG, JPEG or WebP file, from its bytes; None for anything else."""
    try:
        with Image.open(file) as image:
            image_format = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        file.seek(0)
    return PICTURE_TYPES.get(image_format)


def uploaded_in_this_block():
    """The files saves stored inside the current ``discarding_unreferenced_uploads`` block."""
    return list(_stored_here.get() or ())


def inline_uploads(html, files):
    """``html`` with the address of each of ``files`` replaced by the picture itself (a data:
    address): a preview of unsaved changes shows a new picture, although its file is served to
    nobody and deleted once the preview has rolled back (found by an audit: an empty box)."""
    for file in files:
        with file.storage.open(file.name, "rb") as stored:
            kind = picture_type(stored)
            if kind is None:
                continue
            data = base64.b64encode(stored.read()).decode("ascii")
        html = html.replace(escape(file.url), f"data:{kind};base64,{data}")
    return html
