from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from conditions import structured_data
from conditions.caching import cached_public_page, is_staff
from conditions.models import (
    Condition,
    ConditionExercise,
    ConditionSymptom,
    ConditionTreatment,
    Guide,
    Phase,
    RedFlag,
    RiskFactor,
    Source,
)


def group_by(links, attribute, choices):
    """[(label, [links…]), …] in the order of the choices, leaving out empty groups."""
    groups = {value: [] for value in choices.values}
    for link in links:
        groups[getattr(link, attribute)].append(link)
    return [(choices(value).label, items) for value, items in groups.items() if items]


def visible(model, request):
    """Published items for everyone; drafts too for staff, so they can preview them."""
    return model.objects.all() if is_staff(request) else model.objects.published()


def red_flags_by_level(request):
    flags = list(visible(RedFlag, request))
    return {
        "emergency_flags": [flag for flag in flags if flag.level == RedFlag.Level.EMERGENCY],
        "urgent_flags": [flag for flag in flags if flag.level == RedFlag.Level.URGENT],
    }


@cached_public_page
def home(request):
    context = {"conditions": visible(Condition, request).only("name", "slug", "summary")}
    context.update(red_flags_by_level(request))
    return TemplateResponse(request, "conditions/home.html", context)


@cached_public_page
def urgent_help(request):
    return TemplateResponse(request, "conditions/urgent_help.html", red_flags_by_level(request))


class PublicMixin:
    """Published items only (staff also see drafts); the page is cached for everyone else."""

    @method_decorator(cached_public_page)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return visible(self.model, self.request)


class ConditionListView(PublicMixin, ListView):
    model = Condition
    template_name = "conditions/condition_list.html"
    context_object_name = "conditions"

    def get_queryset(self):
        return super().get_queryset().only("name", "slug", "summary")


class ConditionDetailView(PublicMixin, DetailView):
    model = Condition
    template_name = "conditions/condition_detail.html"

    def get_queryset(self):
        published_exercises = ConditionExercise.objects.select_related("exercise")
        if not is_staff(self.request):
            published_exercises = published_exercises.filter(exercise__status="published")
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "conditionsymptom_set",
                    queryset=ConditionSymptom.objects.select_related("symptom"),
                ),
                Prefetch(
                    "conditiontreatment_set",
                    queryset=ConditionTreatment.objects.select_related("treatment"),
                ),
                Prefetch("conditionexercise_set", queryset=published_exercises),
                Prefetch("risk_factors", queryset=visible(RiskFactor, self.request)),
                Prefetch("related_conditions", queryset=visible(Condition, self.request)),
                Prefetch("sources", queryset=Source.objects.all()),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        condition = self.object
        context.update(red_flags_by_level(self.request))
        context["symptom_groups"] = group_by(
            condition.conditionsymptom_set.all(), "typicality", ConditionSymptom.Typicality
        )
        context["treatment_groups"] = group_by(
            condition.conditiontreatment_set.all(), "phase", Phase
        )
        context["exercise_groups"] = group_by(condition.conditionexercise_set.all(), "phase", Phase)
        context["sheet_slugs"] = [
            link.exercise.slug for link in condition.conditionexercise_set.all()
        ]
        context["structured_data"] = structured_data.medical_web_page(
            condition,
            self.request,
            name=condition.name,
            description=condition.summary,
            main_entity=structured_data.medical_condition(condition),
        )
        return context


def with_visible_conditions(risk_factors, request):
    """Risk factors with the conditions each feeds (only those the visitor may see)."""
    conditions = visible(Condition, request).only("name", "slug")
    return risk_factors.prefetch_related(Prefetch("conditions", queryset=conditions))


class RiskFactorListView(PublicMixin, ListView):
    model = RiskFactor
    template_name = "conditions/risk_factor_list.html"
    context_object_name = "risk_factors"

    def get_queryset(self):
        return with_visible_conditions(super().get_queryset(), self.request)


class RiskFactorDetailView(PublicMixin, DetailView):
    model = RiskFactor
    template_name = "conditions/risk_factor_detail.html"
    context_object_name = "risk_factor"

    def get_queryset(self):
        return with_visible_conditions(super().get_queryset(), self.request).prefetch_related(
            "sources"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        factor = self.object
        context["structured_data"] = structured_data.medical_web_page(
            factor, self.request, name=factor.name, description=factor.summary
        )
        return context


class GuideDetailView(PublicMixin, DetailView):
    model = Guide
    template_name = "conditions/guide_detail.html"
    context_object_name = "guide"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("questions", "sources")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        guide = self.object
        blocks = [
            structured_data.medical_web_page(
                guide, self.request, name=guide.title, description=guide.summary
            )
        ]
        if guide.questions.all():
            blocks.append(structured_data.faq_page(guide, self.request))
        context["structured_data"] = blocks
        return context
