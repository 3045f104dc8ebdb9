from django.apps import AppConfig
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

CONTENT_APPS = {"conditions", "exercises", "search", "running"}


def content_changed(sender, instance=None, **kwargs):
    """Bump the content version now, and again once the change is committed: a page (or a
    result's content, kept in process memory) read by another process between the two sees
    the old rows under the first new version, and the second makes it stale. Not content: a
    visitor's own rows kept in a content app (``visitor_data = True``, e.g. a runner's log)
    and an editor's working draft, which no public page shows until it is published."""
    from core.caching import bump_content_version
    from editorial.registry import in_working_draft

    if sender._meta.app_label not in CONTENT_APPS or getattr(sender, "visitor_data", False):
        return
    if instance is not None and in_working_draft(instance):
        return
    bump_content_version()
    if not any(callback[1] is bump_content_version for callback in connection.run_on_commit):
        transaction.on_commit(bump_content_version)


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Conditions and shared content"

    def ready(self):
        from conditions import models, views
        from editorial import registry

        # Any saved, deleted or re-linked content row invalidates the cached public pages.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"content-changed-{signal}")
        for model in (models.Source, models.Symptom, models.Treatment):
            registry.register(model)
        registry.register(models.RiskFactor, preview=views.RiskFactorDetailView.preview)
        registry.register(models.RedFlag, preview=views.preview_red_flag)
        registry.register(
            models.Condition,
            parts=[
                (models.ConditionSymptom, "condition"),
                (models.ConditionTreatment, "condition"),
                (models.ConditionImage, "condition"),
            ],
            preview=views.ConditionDetailView.preview,
        )
        registry.register(
            models.Guide,
            parts=[(models.GuideQuestion, "guide")],
            preview=views.GuideDetailView.preview,
        )
