from django.apps import AppConfig
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


def content_changed(sender, instance=None, **kwargs):
    """Bump the content version now, and again once the change is committed: a page (or a
    result's content, kept in process memory) read by another process between the two sees
    the old rows under the first new version, and the second makes it stale. Content: what
    ``editorial.registry`` says public pages show, and the search entries made from it
    (``made_from_content``). Not content: a visitor's own rows (``visitor_data = True``, e.g.
    a runner's log) and an editor's working draft, which no public page shows until it is
    published."""
    from core.caching import bump_content_version
    from editorial.registry import counts_as_published_content, in_working_draft

    if not (counts_as_published_content(sender) or getattr(sender, "made_from_content", False)):
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
        from conditions import models, searchable, views
        from editorial import registry

        # Any saved, deleted or re-linked content row invalidates the cached public pages.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"content-changed-{signal}")
        registry.register(models.Source, fixture="01_sources.json")
        for model in (models.Symptom, models.Treatment):
            registry.register(model, fixture="04_symptoms_treatments.json")
        registry.register(
            models.RiskFactor,
            preview=views.RiskFactorDetailView.preview,
            search=searchable.RISK_FACTOR,
            sitemap="running-factors",
            fixture="03_risk_factors.json",
        )
        registry.register(
            models.RedFlag,
            preview=views.preview_red_flag,
            search=searchable.RED_FLAG,
            fixture="02_red_flags.json",
        )
        registry.register(
            models.Condition,
            parts=[
                (models.ConditionSymptom, "condition"),
                (models.ConditionTreatment, "condition"),
                (models.ConditionImage, "condition"),
            ],
            preview=views.ConditionDetailView.preview,
            search=searchable.CONDITION,
            sitemap="conditions",
            fixture="06_conditions.json",
        )
        registry.register(
            models.Guide,
            parts=[(models.GuideQuestion, "guide")],
            preview=views.GuideDetailView.preview,
            search=searchable.GUIDE,
            sitemap="guides",
            fixture="07_guides.json",
        )
