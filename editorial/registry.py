"""The one registration of each public model: what every reader of the content needs.

``editorial`` imports no content app: each app registers its public models here in its
``AppConfig.ready``, naming the child rows that are part of an item (copied with its working
draft, published with it, kept in its revisions, searched with it), its preview, what the
site search reads from it (``Search``, read by ``search.indexing``), its section of the
sitemap (``config.sitemaps``), its file in fixtures/ (``load_content``, ``export_content``)
and, where relevant, what uses an item elsewhere (for example the live questionnaire's rules
that point to a condition).

Every other model of our apps says what it is instead: a visitor's own rows
(``visitor_data = True``: a result, a runner's log) or rows made from the content wherever it
is loaded (``made_from_content = True``: the search entries).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

import reversion


@dataclass(frozen=True)
class Part:
    """Child rows shown as part of an item: ``model`` rows whose ``fk`` points at the item."""

    model: type
    fk: str

    @property
    def accessor(self):
        return self.model._meta.get_field(self.fk).remote_field.get_accessor_name()


SENTENCE_ENDS = (".", "!", "?", ":", ";", "…")


def joined(*texts):
    """The texts as one for search, each ending as a sentence: a search snippet cut from them
    then never runs one into the next ("…when I bend forwards Sitting for a long time…"). Each
    starts a line, so a Markdown list that opens one is still a list ("- Lift your knee…")."""
    ended = (str(text).rstrip() for text in texts if text)
    return "\n".join(text if text.endswith(SENTENCE_ENDS) else f"{text}." for text in ended if text)


@dataclass(frozen=True)
class Search:
    """What the site search reads from an item: the label shown on results and its text by
    weight, "A" (title words), "B" (summary and key terms) and "C" (the body). ``call`` gives
    the number a red flag says to call: such items come first in every search they match.
    The item's parts are searched with it; ``parents`` names the other rows whose text it
    shows (child model -> child -> [item pk, …]), so saving one keeps its entry current."""

    kind: str
    weighted: Callable  # item -> {"A": text, "B": text, "C": text}
    summary: Callable = attrgetter("summary")
    title: Callable = attrgetter("name")
    url: Callable = field(default=lambda item: item.get_absolute_url())
    call: Callable = field(default=lambda item: "")  # a red flag's number: ranked first
    prefetch: tuple = ()
    parents: dict = field(default_factory=dict)


@dataclass
class Entry:
    model: type
    parts: tuple = ()
    preview: object = None  # preview(request, obj) -> TemplateResponse of the public page
    usage_finders: list = field(default_factory=list)
    # How a draft of this model becomes live (editorial.workflow.WorkingDraft by default, or
    # VersionedCopy for the questionnaire); set by register().
    strategy: object = None
    search: Search | None = None
    sitemap: str = ""  # the name of its section of sitemap.xml, if it has one
    fixture: str = ""  # its file in fixtures/, e.g. "06_conditions.json"
    nested: tuple = ()  # rows a versioned copy holds beneath it, exported in its file

    @cached_property
    def search_parents(self):
        """{child model: child -> [item pk, …]}: its parts and the other rows it shows."""
        found = {
            part.model: (lambda row, fk=part.fk: [getattr(row, f"{fk}_id")]) for part in self.parts
        }
        return found | (self.search.parents if self.search else {})

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
    "taken_off_at",
    "taken_off_by",
    "taken_off_reason",
}


def content_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in ROW_FIELDS]


_entries = {}


def register(
    model,
    *,
    parts=(),
    preview=None,
    strategy=None,
    follow=None,
    search=None,
    sitemap="",
    fixture="",
    nested=(),
):
    """Put ``model`` under the editorial workflow with its parts, and keep whole revisions.

    ``strategy`` says how a draft becomes live (the working-draft twin by default);
    ``follow`` names what a revision keeps besides the parts, for models whose rows nest
    deeper than one level (the questionnaire registers its own children with reversion), and
    ``nested`` those rows' models. ``search``, ``sitemap`` and ``fixture``: see ``Entry``.
    """
    if strategy is None:
        from editorial.workflow import WorkingDraft

        strategy = WorkingDraft()
    parts = tuple(Part(model=part_model, fk=fk) for part_model, fk in parts)
    _entries[model] = Entry(
        model=model,
        parts=parts,
        preview=preview,
        strategy=strategy,
        search=search,
        sitemap=sitemap,
        fixture=fixture,
        nested=tuple(nested),
    )
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


def searched():
    """The entries the site search covers."""
    return [item for item in _entries.values() if item.search is not None]


def apps_with_content():
    """The labels of the apps that register a model here, in the order they registered."""
    return list(dict.fromkeys(item.model._meta.app_label for item in _entries.values()))


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


def counts_as_published_content(model):
    """True for the rows the public pages show: a registered model whose drafts are working
    drafts (published by saving the live rows), one of its parts, or a many-to-many link of
    either. Not the questionnaire, whose versions keep their own stamp (``triage.rulebook``)."""
    from editorial.workflow import WorkingDraft

    model = model._meta.auto_created or model  # a many-to-many link: the model that has it
    item_model = part_models().get(model, (model, None))[0]
    found = _entries.get(item_model)
    return found is not None and isinstance(found.strategy, WorkingDraft)


def fixture_files():
    """{file name: [models in loading order]} of fixtures/, as ``export_content`` writes
    them and ``load_content`` reads them back. A part goes in its item's file, or in a later
    file when it links an item filed there (an exercise's links to conditions are in the
    conditions' file); a versioned copy's file holds its nested rows, in dependency order."""
    from django.core import serializers

    file_of = {item.model: item.fixture for item in _entries.values() if item.fixture}
    files = {}
    for item in _entries.values():
        if not item.fixture:
            continue
        models = files.setdefault(item.fixture, [])
        if item.nested:
            config = item.model._meta.app_config
            models += serializers.sort_dependencies(
                [(config, [item.model, *item.nested])], allow_cycles=True
            )
            continue
        models.append(item.model)
        for part in item.parts:
            linked = [
                file_of.get(field.related_model, "")
                for field in part.model._meta.concrete_fields
                if field.is_relation
            ]
            files.setdefault(max([item.fixture, *linked]), []).append(part.model)
    return dict(sorted(files.items()))
