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

    @property
    def m2m_fields(self):
        """Many-to-many fields copied with the item (those through a part are parts)."""
        return [
            f for f in self.model._meta.many_to_many if f.remote_field.through._meta.auto_created
        ]


_entries = {}


def register(model, *, parts=(), preview=None):
    """Put ``model`` under the editorial workflow with its parts, and keep whole revisions."""
    parts = tuple(Part(model=part_model, fk=fk) for part_model, fk in parts)
    _entries[model] = Entry(model=model, parts=parts, preview=preview)
    for part in parts:
        if not reversion.is_registered(part.model):
            reversion.register(part.model)
    reversion.register(model, follow=[part.accessor for part in parts])


def add_usage_finder(model, finder):
    """``finder(item)`` returns [(description, blocks_unpublish), …] for uses of ``item``."""
    _entries[model].usage_finders.append(finder)


def entry(model):
    return _entries.get(model)


def is_registered(model):
    return model in _entries


def entries():
    return list(_entries.values())


def part_models():
    return {part.model: (item.model, part) for item in _entries.values() for part in item.parts}
