"""Keeping the stored search entries current: one function per action, wired to model saves.

What is searched is part of each model's registration (``editorial.registry.Search``). Only
``model.objects.live()`` is ever indexed or shown, with the live rows it links to.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from editorial import registry
from search.models import SearchDocument

CONFIG = "english"


def weighted_vector():
    return (
        SearchVector("text_a", weight="A", config=CONFIG)
        + SearchVector("text_b", weight="B", config=CONFIG)
        + SearchVector("text_c", weight="C", config=CONFIG)
    )


def index_item(model, pk):
    """Store (or drop) the search entry of one item: only a live item has one, and its text
    names only the live rows it links to (``Condition.shown_symptom_links``…)."""
    searchable = registry.entry(model).search
    content_type = ContentType.objects.get_for_model(model)
    item = model.objects.live().filter(pk=pk).prefetch_related(*searchable.prefetch).first()
    if item is None:
        SearchDocument.objects.filter(content_type=content_type, object_id=pk).delete()
        return
    weighted = searchable.weighted(item)
    document, _ = SearchDocument.objects.update_or_create(
        content_type=content_type,
        object_id=pk,
        defaults={
            "kind": str(searchable.kind),
            "title": str(searchable.title(item)),
            "url": searchable.url(item),
            "summary": str(searchable.summary(item)),
            "call": searchable.call(item),
            "text_a": weighted.get("A", ""),
            "text_b": weighted.get("B", ""),
            "text_c": weighted.get("C", ""),
        },
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(pk=document.pk).update(vector=weighted_vector())


@transaction.atomic
def rebuild_index():
    """Every live item of every registered type, indexed afresh."""
    SearchDocument.objects.all().delete()
    for entry in registry.searched():
        for pk in entry.model.objects.live().values_list("pk", flat=True):
            index_item(entry.model, pk)


# An item saved many times in one transaction (loading fixtures touches it once per child
# row) is indexed once, when the transaction commits. Pending items are kept per database
# connection, which Django keeps per thread.
def pending_items():
    if not hasattr(connection, "search_pending"):
        connection.search_pending = set()
    return connection.search_pending


def index_pending():
    pending = pending_items()
    with transaction.atomic():
        while pending:
            index_item(*pending.pop())


def index_soon(model, pk):
    pending = pending_items()
    scheduled = any(callback[1] is index_pending for callback in connection.run_on_commit)
    if not scheduled:
        # First item of this transaction: whatever is left over belonged to a rolled-back one.
        pending.clear()
    if not scheduled or not pending:
        # (Nothing pending under a scheduled callback: it has already run, as when a test runs
        # the callbacks of a transaction that never commits.)
        transaction.on_commit(index_pending)
    pending.add((model, pk))


def item_saved(sender, instance, **kwargs):
    index_soon(sender, instance.pk)


def item_deleted(sender, instance, **kwargs):
    index_soon(sender, instance.pk)  # gone, so its entry is dropped


def child_changed(sender, instance, **kwargs):
    for entry in registry.searched():
        find_parents = entry.search_parents.get(sender)
        if find_parents:
            for pk in find_parents(instance):
                index_soon(entry.model, pk)


def connect_signals():
    children = set()
    for entry in registry.searched():
        label = entry.model._meta.label_lower
        post_save.connect(item_saved, sender=entry.model, dispatch_uid=f"search-{label}")
        post_delete.connect(item_deleted, sender=entry.model, dispatch_uid=f"search-{label}")
        children.update(entry.search_parents)
    for child in children:
        uid = f"search-child-{child._meta.label_lower}"
        post_save.connect(child_changed, sender=child, dispatch_uid=uid)
        post_delete.connect(child_changed, sender=child, dispatch_uid=uid)
