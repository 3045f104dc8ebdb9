"""What each content app contributes to the editorial workflow.

``editorial`` imports no content app: each app registers its public models here in its
``AppConfig.ready``, naming the child rows that are part of an item (copied with its working
draft, published with it, kept in its revisions) and, where relevant, what uses an item
elsewhere (for example the live questionnaire's rules that point to a condition).
"""

from dataclasses import dataclass, field

import reversion


@dataclass(frozen=True)
class Part:
    """Child rows shown as part of an item: ``model`` rows whose ``fk`` points at the item."""

    model: type
    fk: str

    @property
    def accessor(self):
        return self.model._meta.get_field(self.fk).remote_field.get_accessor_name()


@dataclass
class Entry:
    model: type
    parts: tuple = ()
    preview: object = None  # preview(request, obj) -> TemplateResponse of the public page
    usage_finders: list = field(default_factory=list)
    # How a draft of this model becomes live (editorial.workflow.WorkingDraft by default, or
    # VersionedCopy for the questionnaire); set by register().
    strategy: object = None

    @property
    def m2m_fields(self):
        """Many-to-many fields copied with the item (those through a part are parts)."""
        return [
            f for f in self.model._meta.many_to_many if f.remote_field.through._meta.auto_created
        ]

    @property
    def is_shared_row(self):
        """Rows several items link to (sources, symptoms, treatments): no review cycle of their
        own; they go live with the first item published that links them."""
        return not hasattr(self.model, "next_review_due")


# Fields that belong to the row, not to the content, so they are never copied between twins
# and are no part of what a reviewer signs off.
ROW_FIELDS = {
    "id",
    "draft_of",
    "status",
    "created",
    "updated",
    "edit_version",
    "review_request",
    "review_note",
    "review_comment",
    "submitted_by",
    "last_reviewed",
    "next_review_due",
    "reviewed_by",
}


def content_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in ROW_FIELDS]


_entries = {}


def register(model, *, parts=(), preview=None, strategy=None, follow=None):
    """Put ``model`` under the editorial workflow with its parts, and keep whole revisions.

    ``strategy`` says how a draft becomes live (the working-draft twin by default);
    ``follow`` names what a revision keeps besides the parts, for models whose rows nest
    deeper than one level (the questionnaire registers its own children with reversion).
    """
    if strategy is None:
        from editorial.workflow import WorkingDraft

        strategy = WorkingDraft()
    parts = tuple(Part(model=part_model, fk=fk) for part_model, fk in parts)
    _entries[model] = Entry(model=model, parts=parts, preview=preview, strategy=strategy)
    for part in parts:
        if not reversion.is_registered(part.model):
            reversion.register(part.model)
    reversion.register(model, follow=[part.accessor for part in parts] + list(follow or ()))


def add_usage_finder(model, finder):
    """``finder(item)`` returns [(description, blocks_unpublish), …] for uses of ``item``."""
    _entries[model].usage_finders.append(finder)


def entry(model):
    return _entries.get(model)


def is_registered(model):
    return model in _entries


def entries():
    return list(_entries.values())


def is_shared_row(model):
    """Rows linked from many items (sources, symptoms, treatments): see ``Entry``."""
    found = _entries.get(model)
    return found is not None and found.is_shared_row


def strategy(model):
    return _entries[model].strategy


def part_models():
    return {part.model: (item.model, part) for item in _entries.values() for part in item.parts}


def in_working_draft(row):
    """True for a working draft of a live item, or a part of one: rows no public page shows
    (they go live only when the draft is published, which saves the live rows)."""
    found = part_models().get(type(row))
    if found is None:
        return getattr(row, "draft_of_id", None) is not None
    item_model, part = found
    item_pk = getattr(row, f"{part.fk}_id", None)
    has_drafts = any(f.name == "draft_of" for f in item_model._meta.get_fields())
    # Read, not followed: during a cascade the item may already be deleted.
    return has_drafts and item_model.objects.filter(pk=item_pk, draft_of__isnull=False).exists()
