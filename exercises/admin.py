from django.contrib import admin

from conditions.editorial_admin import EditorialAdmin
from exercises.models import Exercise, ExerciseStep


class ExerciseStepInline(admin.TabularInline):
    model = ExerciseStep
    fields = ("number", "text")
    extra = 0


@admin.register(Exercise)
class ExerciseAdmin(EditorialAdmin):
    list_display = ("name", "body_area", "difficulty", *EditorialAdmin.list_display[1:])
    list_filter = (*EditorialAdmin.list_filter, "body_area", "difficulty", "equipment")
    search_fields = ("name", "summary", "purpose")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ExerciseStepInline,)
    markdown_fields = ("purpose", "easier", "harder", "cautions")
