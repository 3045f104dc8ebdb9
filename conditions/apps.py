from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Conditions and shared content"

    def ready(self):
        from conditions import models, searchable, selectors, views
        from core.page_extras import add_to_page
        from editorial import registry

        add_to_page("core:home", selectors.home_page_content)

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
        registry.add_usage_finder(models.Guide, selectors.footer_linking)
