from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercises"

    def ready(self):
        from core.page_extras import add_to_page
        from editorial import registry
        from exercises import models, searchable, selectors, views

        add_to_page("conditions:detail", selectors.condition_page_exercises)

        registry.register(
            models.Exercise,
            parts=[
                (models.ExerciseStep, "exercise"),
                (models.ExerciseImage, "exercise"),
                (models.ExerciseRule, "exercise"),
                (models.ConditionExercise, "exercise"),
            ],
            preview=views.ExerciseDetailView.preview,
            search=searchable.EXERCISE,
            sitemap="exercises",
            fixture="05_exercises.json",
        )
        registry.add_usage_finder(models.Exercise, selectors.live_pages_showing)
