from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercises"

    def ready(self):
        from editorial import registry
        from exercises import models, searchable, views

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
