from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conditions.editorial_admin import ContentAdmin, EditorialAdmin
from conditions.models import (
    Condition,
    ConditionExercise,
    ConditionSymptom,
    ConditionTreatment,
    Guide,
    GuideQuestion,
    RedFlag,
    RiskFactor,
    Source,
    Symptom,
    Treatment,
)

admin.site.site_header = _("Runner's Back clinician workspace")
admin.site.site_title = _("Runner's Back clinicians")
admin.site.index_title = _("Content, review and questionnaire")


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ("title", "author", "publisher", "accessed")
    search_fields = ("title", "author", "publisher", "key")
    prepopulated_fields = {"key": ("title",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Symptom)
class SymptomAdmin(ContentAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Treatment)
class TreatmentAdmin(ContentAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    markdown_fields = ("description", "when_to_avoid")


@admin.register(RiskFactor)
class RiskFactorAdmin(EditorialAdmin):
    search_fields = ("name", "summary", "description", "advice")
    prepopulated_fields = {"slug": ("name",)}
    markdown_fields = ("description", "advice")


@admin.register(RedFlag)
class RedFlagAdmin(EditorialAdmin):
    list_display = ("sign", "level", *EditorialAdmin.list_display[1:])
    list_filter = ("level", *EditorialAdmin.list_filter)
    search_fields = ("sign", "what_to_do")
    prepopulated_fields = {"slug": ("sign",)}
    markdown_fields = ("what_to_do",)

    def view_on_site(self, obj):
        """Red flags have no page of their own; they are listed on the urgent help page."""
        return reverse("conditions:urgent_help")


class ConditionSymptomInline(admin.TabularInline):
    model = ConditionSymptom
    autocomplete_fields = ("symptom",)
    fields = ("symptom", "typicality", "order")
    extra = 0


class ConditionTreatmentInline(admin.TabularInline):
    model = ConditionTreatment
    autocomplete_fields = ("treatment",)
    fields = ("treatment", "phase", "order")
    extra = 0


class ConditionExerciseInline(admin.TabularInline):
    model = ConditionExercise
    autocomplete_fields = ("exercise",)
    fields = ("exercise", "phase", "reason", "order")
    extra = 0


@admin.register(Condition)
class ConditionAdmin(EditorialAdmin):
    search_fields = ("name", "summary", "what_it_is", "symptoms_text")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("risk_factors", "related_conditions", "sources")
    inlines = (ConditionSymptomInline, ConditionTreatmentInline, ConditionExerciseInline)
    markdown_fields = (
        "what_it_is",
        "why_runners_get_it",
        "symptoms_text",
        "treatment_text",
        "prevention_text",
        "when_to_seek_help",
    )


class GuideQuestionInline(admin.StackedInline):
    model = GuideQuestion
    fields = ("order", "question", "answer")
    extra = 0


@admin.register(Guide)
class GuideAdmin(EditorialAdmin):
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (GuideQuestionInline,)
    markdown_fields = ("body",)
