from django.contrib import admin

from editorial.admin import EditorialAdmin, PartInline, PictureInline
from exercises.models import (
    ConditionExercise,
    Exercise,
    ExerciseImage,
    ExerciseRule,
    ExerciseStep,
)


class ExerciseStepInline(PartInline):
    model = ExerciseStep
    fields = ("number", "text")


class ConditionExerciseInline(PartInline):
    model = ConditionExercise
    autocomplete_fields = ("condition",)
    fields = ("condition", "phase", "reason", "first_line", "order")


class ExerciseRuleInline(PartInline):
    model = ExerciseRule
    fields = ("trait", "until")


class ExerciseImageInline(PictureInline):
    model = ExerciseImage


@admin.register(Exercise)
class ExerciseAdmin(EditorialAdmin):
    list_display = ("name", "body_area", "difficulty", *EditorialAdmin.list_display[1:])
    list_filter = (*EditorialAdmin.list_filter, "body_area", "difficulty", "equipment")
    search_fields = ("name", "summary", "purpose")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ExerciseStepInline, ExerciseRuleInline, ExerciseImageInline, ConditionExerciseInline)
