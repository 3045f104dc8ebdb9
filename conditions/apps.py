from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from conditions.roles import sync_roles_after_migrate

CONTENT_APPS = {"conditions", "exercises"}


def content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        from conditions.caching import bump_content_version

        bump_content_version()


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Conditions and shared content"

    def ready(self):
        # Any saved, deleted or re-linked content row invalidates the cached public pages.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"content-changed-{signal}")
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="conditions-sync-roles")
