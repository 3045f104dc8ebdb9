from django.contrib import admin
from django.urls import reverse

from conditions.models import (
    Condition,
    ConditionImage,
    ConditionSymptom,
    ConditionTreatment,
    Guide,
    GuideQuestion,
    RedFlag,
    RiskFactor,
    Symptom,
    Treatment,
)
from editorial.admin import EditorialAdmin, PartInline, PictureInline, ReferenceAdmin


@admin.register(Symptom)
class SymptomAdmin(ReferenceAdmin):
    list_display = ("name", "slug", "state")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Treatment)
class TreatmentAdmin(ReferenceAdmin):
    list_display = ("name", "slug", "state")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(RiskFactor)
class RiskFactorAdmin(EditorialAdmin):
    search_fields = ("name", "summary", "description", "advice")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(RedFlag)
class RedFlagAdmin(EditorialAdmin):
    list_display = ("sign", "level", *EditorialAdmin.list_display[1:])
    list_filter = ("level", *EditorialAdmin.list_filter)
    search_fields = ("sign", "what_to_do")
    prepopulated_fields = {"slug": ("sign",)}

    def view_on_site(self, obj):
        """Red flags have no page of their own; they are listed on the urgent help page."""
        return reverse("conditions:urgent_help")


class ConditionSymptomInline(PartInline):
    model = ConditionSymptom
    autocomplete_fields = ("symptom",)
    fields = ("symptom", "typicality", "order")


class ConditionTreatmentInline(PartInline):
    model = ConditionTreatment
    autocomplete_fields = ("treatment",)
    fields = ("treatment", "phase", "order")


class ConditionImageInline(PictureInline):
    model = ConditionImage


@admin.register(Condition)
class ConditionAdmin(EditorialAdmin):
    search_fields = ("name", "summary", "what_it_is", "symptoms_text")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("risk_factors", "related_conditions", "sources")
    inlines = (ConditionSymptomInline, ConditionTreatmentInline, ConditionImageInline)

    def get_form(self, request, obj=None, change=False, **kwargs):
        """A condition is not offered as related to itself (nor a draft to its live row)."""
        form = super().get_form(request, obj, change=change, **kwargs)
        related = form.base_fields.get("related_conditions")
        if obj is not None and related is not None:
            itself = [pk for pk in (obj.pk, obj.draft_of_id) if pk]
            related.queryset = related.queryset.exclude(pk__in=itself)
        return form


class GuideQuestionInline(PartInline, admin.StackedInline):
    model = GuideQuestion
    fields = ("order", "question", "answer")
    template = admin.StackedInline.template


@admin.register(Guide)
class GuideAdmin(EditorialAdmin):
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (GuideQuestionInline,)
