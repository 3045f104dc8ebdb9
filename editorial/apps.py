from django.apps import AppConfig
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from core.caching import bump_content_version
from editorial.registry import counts_as_published_content, in_working_draft


def content_changed(sender, instance=None, **kwargs):
    """Bump the content version now, and again once the change is committed: a page (or a
    result's content, kept in process memory) read by another process between the two sees
    the old rows under the first new version, and the second makes it stale. Content: what
    ``editorial.registry`` says public pages show, and the search entries made from it
    (``made_from_content``). Not content: a visitor's own rows (``visitor_data = True``, e.g.
    a runner's log) and an editor's working draft, which no public page shows until it is
    published."""
    if not (counts_as_published_content(sender) or getattr(sender, "made_from_content", False)):
        return
    if instance is not None and in_working_draft(instance):
        return
    bump_content_version()
    if not any(callback[1] is bump_content_version for callback in connection.run_on_commit):
        transaction.on_commit(bump_content_version)


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from editorial import registry
        from editorial.models import Source
        from editorial.roles import sync_roles_after_migrate

        registry.register(Source, fixture="01_sources.json")

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="editorial-sync-roles")
        # Any saved, deleted or re-linked content row invalidates the cached public pages.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"content-changed-{signal}")
